#include "eval/py_compat.h"

#include <gtest/gtest.h>

#include <cmath>

#include "text/normalize.h"

namespace policykg::eval {
namespace {

TEST(ScoreKey, FoldsFullWidthAndDropsQuotesAndWhiteSpace) {
  EXPECT_EQ(ScoreKey("西部（重庆）科学城"), "西部(重庆)科学城");
  EXPECT_EQ(ScoreKey("“川渝\u3000通办”"), "川渝通办");
  EXPECT_EQ(ScoreKey("《重庆英才计划》 \t"), "重庆英才计划");
  EXPECT_EQ(ScoreKey("「万达开」『x』〈y〉'z\""), "万达开xyz");
  EXPECT_EQ(ScoreKey("ＡＩ　创新"), "AI创新");
  EXPECT_EQ(ScoreKey(""), "");
}

TEST(ScoreKey, IsNfkcNotTheProjectNameKey) {
  // NFKC compatibility mappings that kg_score.py applies.
  EXPECT_EQ(ScoreKey("①"), "1");
  EXPECT_EQ(ScoreKey("㈠"), "(一)");
  EXPECT_EQ(ScoreKey("\u2F00"), "一");      // Kangxi radical
  EXPECT_EQ(ScoreKey("\uF900"), "\u8C48");  // CJK compatibility ideograph
  EXPECT_EQ(ScoreKey("Ⅻ²ﬁ"), "XII2fi");
  EXPECT_EQ(ScoreKey("ｶ"), "カ");
  EXPECT_EQ(ScoreKey("a\u00A0b"), "ab");  // no-break space -> space -> dropped
  // ...and the ones it does not: text::NameKey folds these, kg_score.py keeps them.
  EXPECT_EQ(ScoreKey("三峡库心・长江盆景"), "三峡库心・长江盆景");
  EXPECT_NE(ScoreKey("三峡库心・长江盆景"), text::NameKey("三峡库心・长江盆景"));
  EXPECT_EQ(ScoreKey("〔2022〕"), "〔2022〕");
  EXPECT_EQ(ScoreKey("a\nb"), "a\nb");  // only space, tab and U+3000 are dropped
}

TEST(NfkcCodePoint, MapsSinglesAndSequences) {
  EXPECT_EQ(NfkcCodePoint(U'Ａ'), U"A");
  EXPECT_EQ(NfkcCodePoint(U'中'), U"中");
  EXPECT_EQ(NfkcCodePoint(0x2329), U"\u3008");  // canonical singleton
  EXPECT_EQ(NfkcCodePoint(0x3392), U"MHz");
  EXPECT_EQ(NfkcCodePoint(0x1D400), U"A");  // mathematical bold capital A
}

TEST(ParsePythonFloat, AcceptsWhatFloatAccepts) {
  EXPECT_EQ(ParsePythonFloat("40000"), 40000.0);
  EXPECT_EQ(ParsePythonFloat(" 2.3 "), 2.3);
  EXPECT_EQ(ParsePythonFloat("1_000"), 1000.0);
  EXPECT_EQ(ParsePythonFloat("４０"), 40.0);
  EXPECT_EQ(ParsePythonFloat("\u3000 7\n"), 7.0);
  EXPECT_EQ(ParsePythonFloat("\u0661\u0662"), 12.0);  // Arabic-Indic digits
  EXPECT_EQ(ParsePythonFloat(".5"), 0.5);
  EXPECT_EQ(ParsePythonFloat("5."), 5.0);
  EXPECT_EQ(ParsePythonFloat("1e5"), 100000.0);
  EXPECT_EQ(ParsePythonFloat("1E-2"), 0.01);
  EXPECT_EQ(ParsePythonFloat("-Infinity"), -HUGE_VAL);
  EXPECT_EQ(ParsePythonFloat("inf"), HUGE_VAL);
  EXPECT_EQ(ParsePythonFloat("1e999"), HUGE_VAL);
  auto nan = ParsePythonFloat("+NaN");
  ASSERT_TRUE(nan.has_value());
  EXPECT_TRUE(std::isnan(*nan));
}

TEST(ParsePythonFloat, RejectsWhatFloatRejects) {
  for (const char* bad : {"4万", "2.3%", "1__0", "_1", "1_", "1_.5", "1._5", ".", "1e", "", " ",
                          "0x10", "infinit", "1 2", "１．５"}) {
    EXPECT_FALSE(ParsePythonFloat(bad).has_value()) << bad;
  }
}

TEST(PythonFloatRepr, MatchesRepr) {
  EXPECT_EQ(PythonFloatRepr(1.0), "1.0");
  EXPECT_EQ(PythonFloatRepr(0.0), "0.0");
  EXPECT_EQ(PythonFloatRepr(0.667), "0.667");
  EXPECT_EQ(PythonFloatRepr(100000.0), "100000.0");
  EXPECT_EQ(PythonFloatRepr(1e15), "1000000000000000.0");
  EXPECT_EQ(PythonFloatRepr(1e16), "1e+16");
  EXPECT_EQ(PythonFloatRepr(1e22), "1e+22");
  EXPECT_EQ(PythonFloatRepr(0.0001), "0.0001");
  EXPECT_EQ(PythonFloatRepr(1e-5), "1e-05");
  EXPECT_EQ(PythonFloatRepr(-2.5), "-2.5");
  EXPECT_EQ(PythonFloatRepr(1.5e300), "1.5e+300");
  EXPECT_EQ(PythonFloatRepr(123456789.125), "123456789.125");
  EXPECT_EQ(PythonFloatRepr(5e-324), "5e-324");
  EXPECT_EQ(PythonFloatRepr(std::nan("")), "nan");
  EXPECT_EQ(PythonFloatRepr(-HUGE_VAL), "-inf");
}

TEST(PythonNumberStr, IntegersLikePolicykgWritesThem) {
  EXPECT_EQ(PythonNumberStr(40000), "40000");
  EXPECT_EQ(PythonNumberStr(-3), "-3");
  EXPECT_EQ(PythonNumberStr(2.5), "2.5");
  EXPECT_EQ(PythonNumberStr(1e16), "1e+16");
}

TEST(PythonRound, RoundsLikeRound) {
  EXPECT_EQ(PythonRound(2.0 / 3, 3), 0.667);
  EXPECT_EQ(PythonRound(0.0625, 3), 0.062);  // exact tie: to even
  EXPECT_EQ(PythonRound(0.0005, 3), 0.001);  // just above the tie in binary
  EXPECT_EQ(PythonRound(0.7225, 3), 0.723);
  EXPECT_EQ(PythonRound(0.9995, 3), 1.0);
  EXPECT_EQ(PythonRound(5.0 / 7, 3), 0.714);
  EXPECT_EQ(PythonRound(0.0, 3), 0.0);
}

}  // namespace
}  // namespace policykg::eval
