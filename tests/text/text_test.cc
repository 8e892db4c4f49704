#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "common/utf8.h"
#include "text/decode.h"
#include "text/layout.h"
#include "text/normalize.h"
#include "text/name_key_test_names.h"

namespace policykg::text {
namespace {

TEST(Decode, Utf8WithAndWithoutBom) {
  auto plain = DecodeBytes("重庆", "a.txt");
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->text, U"重庆");
  EXPECT_EQ(plain->encoding, "UTF-8");
  auto bom = DecodeBytes("\xEF\xBB\xBF重庆", "a.txt");
  ASSERT_TRUE(bom.ok());
  EXPECT_EQ(bom->text, U"重庆");
}

TEST(Decode, Gb18030IsDetectedAndConverted) {
  // "重庆万州" in GBK.
  auto r = DecodeBytes("\xD6\xD8\xC7\xEC\xCD\xF2\xD6\xDD", "gbk.txt");
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(r->text, U"重庆万州");
  EXPECT_EQ(r->encoding, "GB18030");
}

TEST(Decode, TruncatedGbkIsAnErrorWithByteOffset) {
  auto r = DecodeBytes("\xD6\xD8\xC7", "cut.txt");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().byte_offset, 0);
  EXPECT_NE(r.error().message.find("truncated"), std::string::npos) << r.error().ToString();
}

TEST(Decode, InvalidUtf8ReportsTheFirstBadByte) {
  auto r = DecodeBytes("abc\xFF\xFE\xFDxyz", "bad.txt");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().byte_offset, 3);
  EXPECT_EQ(r.error().ToString().rfind("bad.txt: byte 3: invalid UTF-8", 0), 0u) << r.error().ToString();
}

TEST(Decode, BinaryAndEmptyInputAreErrors) {
  auto binary = DecodeBytes(std::string("PK\x03\x04\x00\x00", 6), "x.zip");
  ASSERT_FALSE(binary.ok());
  EXPECT_NE(binary.error().message.find("binary"), std::string::npos);
  EXPECT_EQ(binary.error().byte_offset, 4);
  auto empty = DecodeBytes("", "e.txt");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().ToString(), "e.txt: empty file");
}

TEST(Normalize, FoldingKeepsOffsetsAndUnifiesWidths) {
  std::u32string original = U"西部（重庆）科学城，ＡＢ１２";
  std::u32string folded = FoldText(original);
  ASSERT_EQ(folded.size(), original.size());
  EXPECT_EQ(folded, U"西部(重庆)科学城,AB12");
  EXPECT_EQ(NameKey(std::string("西部（重庆）科学城")), NameKey(std::string("西部(重庆)科学城")));
  EXPECT_EQ(NameKey(std::string("“三峡库心·长江盆景”")), "三峡库心·长江盆景");
  EXPECT_EQ(NameKey(std::string("三峡库心・长江盆景")), "三峡库心·长江盆景") << "middle-dot variants fold";
}

TEST(Layout, BoilerplateHeaderHeadingsAndSentences) {
  std::u32string text = FoldText(
      U"导航菜单\n\n(重庆市)重庆市人民政府工作报告(2022年1月17日)\n\n"
      U"  (二)统筹发展。推动万州建设。\n  纵深推进建设!第二句？\n"
      U"本文仅代表作者观点,不代表本站立场。\n验证码:");
  std::vector<std::u32string> boilerplate = {U"导航菜单", U"本文仅代表作者观点", U"验证码"};
  Layout layout = AnalyzeLayout(text, boilerplate);
  EXPECT_EQ(text.substr(layout.title_start, layout.title_end - layout.title_start),
            U"(重庆市)重庆市人民政府工作报告(2022年1月17日)");
  ASSERT_EQ(layout.headings.size(), 1u);
  EXPECT_EQ(layout.headings[0].level, 2);
  std::vector<std::u32string> sentences;
  for (const auto& s : layout.sentences) sentences.push_back(text.substr(s.start, s.end - s.start));
  EXPECT_EQ(sentences, (std::vector<std::u32string>{U"(二)统筹发展。", U"推动万州建设。", U"纵深推进建设!", U"第二句?"}));
  for (const auto& s : layout.sentences) EXPECT_EQ(s.section, 0);
}

TEST(Layout, BoilerplatePhrasesAnywhereInALine) {
  // Phrases sharing a first character, at a line's end, longer than what is left, empty, and
  // with first characters that collide in a 64-bit filter (U+4E00 and U+4E40 differ by 64).
  std::vector<std::u32string> boilerplate = {U"", U"本文地址", U"本文仅代表作者观点", U"\u4E00\u4E01", U"上一篇"};
  auto kinds = [&](const std::u32string& raw) {
    std::u32string text = FoldText(raw);
    std::vector<LineKind> out;
    for (const auto& line : AnalyzeLayout(text, boilerplate).lines) out.push_back(line.kind);
    return out;
  };
  auto boiler = LineKind::kBoilerplate;
  EXPECT_EQ(kinds(U"推动万州建设。\n见本文地址"), (std::vector<LineKind>{LineKind::kBody, boiler}));
  EXPECT_EQ(kinds(U"推动万州建设。\n本文仅代表作者"), (std::vector<LineKind>{LineKind::kBody, LineKind::kBody}));
  EXPECT_EQ(kinds(U"推动万州建设。\n……本文仅代表作者观点。"), (std::vector<LineKind>{LineKind::kBody, boiler}));
  EXPECT_EQ(kinds(U"推动建设。\n\u4E40\u4E01本文。\n\u4E00\u4E01"),
            (std::vector<LineKind>{LineKind::kBody, LineKind::kBody, boiler}));
  EXPECT_EQ(kinds(U"推动建设。\n上一篇:x"), (std::vector<LineKind>{LineKind::kBody, boiler}));
}

// A boilerplate phrase counts only inside the trimmed line: not when it starts in the leading blanks
// or runs into the trailing ones. A phrase may start above the BMP.
TEST(Layout, BoilerplateInsideTheTrimmedLineOnly) {
  std::vector<std::u32string> boilerplate = {U" 打印", U"关闭 ", U"\U00020000字"};
  auto kinds = [&](const std::u32string& text) {
    std::vector<LineKind> out;
    for (const auto& line : AnalyzeLayout(text, boilerplate).lines) out.push_back(line.kind);
    return out;
  };
  auto boiler = LineKind::kBoilerplate, body = LineKind::kBody;
  EXPECT_EQ(kinds(U"推动建设。\n 打印本页。\n本页 打印。"), (std::vector<LineKind>{body, body, boiler}));
  EXPECT_EQ(kinds(U"推动建设。\n本页关闭 \n关闭 本页。"), (std::vector<LineKind>{body, body, boiler}));
  EXPECT_EQ(kinds(U"推动建设。\n前\U00020000字后。\n前\U00020000后。"), (std::vector<LineKind>{body, boiler, body}));
}

// Sentences end after 。!?！？ and the closing quotes and brackets right after; headings and body
// lines are cut, header lines are not.
// Pasted web pages start with their frame: the title is the line naming the report, not the
// breadcrumb label before it; without such a line, the first line that is not web chrome.
TEST(Layout, TitleSkipsWebChrome) {
  for (const auto& [page, title] : std::vector<std::pair<std::u32string, std::u32string>>{
           {U"当前位置:\n首页\n>\n宁夏要闻\n2026年宁夏回族自治区政府工作报告\n发表时间:\n各位代表:现在报告工作。", U"2026年宁夏回族自治区政府工作报告"},
           {U"分享:\n陕西省2026年政府工作报告\n首页\n>\n政府工作报告\n正文。", U"陕西省2026年政府工作报告"},
           {U"您的位置:\n>\n云南要闻\n正文。", U"云南要闻"},
           {U"政府工作报告。 贵州日报记者 李森 摄\n政府工作报告\n(2026年1月27日在会议上)\n各位代表:", U"政府工作报告"},
       }) {
    std::u32string text = FoldText(page);
    Layout layout = AnalyzeLayout(text, {});
    EXPECT_EQ(text.substr(layout.title_start, layout.title_end - layout.title_start), title);
  }
}

TEST(Layout, SentenceEndsWithClosingMarks) {
  std::u32string text = U"标题\n一、总体要求\n他说:“好。”然后(见附件。)再来!?  末尾";
  Layout layout = AnalyzeLayout(text, {});
  std::vector<std::u32string> sentences;
  for (const auto& s : layout.sentences) sentences.push_back(text.substr(s.start, s.end - s.start));
  EXPECT_EQ(sentences, (std::vector<std::u32string>{U"一、总体要求", U"他说:“好。”", U"然后(见附件。)", U"再来!", U"?",
                                                    U"末尾"}));
  for (const auto& s : layout.sentences) EXPECT_EQ(s.chapter, 0);
  EXPECT_EQ(text.substr(layout.title_start, layout.title_end - layout.title_start), U"标题");
}

// Strict decoding agrees with the lenient decoder (which has no fast paths) on every input it
// accepts, and rejects exactly the inputs the lenient decoder must patch: random mixes of
// ASCII, lead and continuation bytes, overlong forms and encoded surrogates.
TEST(Utf8, StrictAgreesWithLenient) {
  const std::vector<std::string> pieces = {"a", "\n", "中", "𠀀", "é", "\xE4", "\xB8", "\x80", "\xE0\x80\x80", "\xE0\xA0\x80",
                                           "\xED\xA0\x80", "\xED\x9F\xBF", "\xEF\xBF\xBF", "\xF0", "\xC2", "\xFF"};
  std::mt19937 rng(11);
  for (int round = 0; round < 20000; ++round) {
    std::string bytes;
    for (int k = static_cast<int>(rng() % 6); k >= 0; --k) bytes += pieces[rng() % pieces.size()];
    size_t bad = 999;
    auto strict = DecodeUtf8Strict(bytes, &bad);
    std::u32string lenient = DecodeUtf8Lenient(bytes);
    const size_t first_patch = lenient.find(U'\uFFFD');
    ASSERT_EQ(strict.has_value(), first_patch == std::u32string::npos) << bytes;
    if (strict) {
      EXPECT_EQ(*strict, lenient) << bytes;
    } else {
      // The first bad byte: the bytes of the code points decoded before it.
      EXPECT_EQ(bad, EncodeUtf8(std::u32string_view(lenient).substr(0, first_patch)).size()) << bytes;
    }
  }
  size_t bad = 0;
  EXPECT_FALSE(DecodeUtf8Strict("ab\xE4\xB8", &bad));
  EXPECT_EQ(bad, 2u) << "a truncated three-byte sequence at the end";
  EXPECT_EQ(DecodeUtf8Strict("\xE4\xB8\xAD", &bad), std::u32string(U"中"));
}

// Folding changes only the listed code points; everything else (CJK included) is kept.
TEST(Normalize, FoldCodePointChangesOnlyTheListedCodePoints) {
  for (char32_t cp = 0; cp < 0x30000; ++cp) {
    char32_t expected = cp;
    if (cp >= 0xFF01 && cp <= 0xFF5E) expected = cp - 0xFEE0;
    if (cp == 0x3000 || cp == 0x00A0) expected = U' ';
    if (cp == 0x00B7 || cp == 0x30FB || cp == 0x2022 || cp == 0x2027 || cp == 0x2219 || cp == 0xFF65) expected = U'·';
    if (cp == 0x3014) expected = U'(';
    if (cp == 0x3015) expected = U')';
    ASSERT_EQ(FoldCodePoint(cp), expected) << std::hex << static_cast<uint32_t>(cp);
  }
}

TEST(Utf8, RoundTrip) {
  std::string s = "成渝 𠀀 a";
  EXPECT_EQ(EncodeUtf8(DecodeUtf8Lenient(s)), s);
}

// Issue 16 item 7: control and format characters never stay in names, and never reach a terminal.
TEST(Normalize, CleanNameDropsControlAndFormatCharacters) {
  EXPECT_EQ(CleanName(U"金\u200d凤实验室"), U"金凤实验室");
  EXPECT_EQ(CleanName(U"\u202e明月湖\u2066实验室\u00ad\ufeff"), U"明月湖实验室");
  EXPECT_EQ(CleanName(U"a\x1b[31mb\x07"), U"a[31mb");
  EXPECT_EQ(CleanName(U"西部(重庆)科学城"), U"西部(重庆)科学城");
  EXPECT_EQ(NameKey(U"金\u200d凤 实验室"), NameKey(U"金凤实验室"));
}

TEST(Utf8, FindAndEscapeControlCharacters) {
  EXPECT_FALSE(FindControlOrFormat("金凤实验室 a\tb", true).has_value());
  auto tab = FindControlOrFormat("a\tb", false);
  ASSERT_TRUE(tab.has_value());
  EXPECT_EQ(tab->first, 1u);
  auto zwj = FindControlOrFormat("金\u200d凤", true);
  ASSERT_TRUE(zwj.has_value());
  EXPECT_EQ(zwj->first, 1u);
  EXPECT_EQ(zwj->second, U'\u200d');
  EXPECT_TRUE(FindControlOrFormat("\xC2\x85", true).has_value()) << "C1 NEL";
  EXPECT_TRUE(FindControlOrFormat("\xF3\xA0\x80\x81", true).has_value()) << "tag U+E0001";
  EXPECT_FALSE(FindControlOrFormat("\xE2\x80\x94", true).has_value()) << "em dash";
  EXPECT_EQ(EscapeControls("plain 文本"), "plain 文本");
  EXPECT_EQ(EscapeControls("a\x1b]0;x\x07" "b"), "a\\x1b]0;x\\x07b");
  EXPECT_EQ(EscapeControls("\u202e!"), "\\u{202e}!");
  EXPECT_EQ(EscapeControls("bad\xFF"), "bad\\xff");
}

// The year of a report: from the title, else the first dated line near the top; a year in the body
// (2025年工作回顾) or a bare number does not count.
TEST(Layout, DetectReportYear) {
  EXPECT_EQ(DetectReportYear(U"2026年重庆市政府工作报告", U""), 2026);
  EXPECT_EQ(DetectReportYear(U"(重庆市)重庆市人民政府工作报告(2022年1月17日)", U""), 2022);
  EXPECT_EQ(DetectReportYear(U"陕西省２０２６年政府工作报告", U""), 2026);
  EXPECT_EQ(DetectReportYear(U"二〇二四年政府工作报告", U""), 2024);
  EXPECT_EQ(DetectReportYear(U"政府工作报告",
                             U"政府工作报告\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n"),
            2024);
  EXPECT_EQ(DetectReportYear(U"政府工作报告", U"政府工作报告\n时间:2026-02-03\n各位代表:"), 2026);
  EXPECT_EQ(DetectReportYear(U"政府工作报告", U"政府工作报告\n一、2025年工作回顾\n"), 0)
      << "a year without a month is no date";
  EXPECT_EQ(DetectReportYear(U"政府工作报告", U"编号12026年\n"), 0) << "five digits are no year";
  std::u32string late(2000, U'字');
  EXPECT_EQ(DetectReportYear(U"报告", late + U"2026年1月1日"), 0) << "only the head of the text";
}

// NameKey returns names that nothing in the key rules touches as they are, without decoding
// them: every kind of name, ill-formed ones included, must still get the decoded path's key.
TEST(NameKey, ShortcutGivesTheFullKey) {
  for (const std::string& name : kKeyTestNames) {
    EXPECT_EQ(NameKey(name), EncodeUtf8(NameKey(DecodeUtf8Lenient(name)))) << name;
  }
}

}  // namespace
}  // namespace policykg::text
