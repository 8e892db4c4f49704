#include "lexicon/compiled_lexicon.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "common/utf8.h"
#include "test_util.h"
#include "text/normalize.h"

namespace policykg::lexicon {
namespace {

std::u32string Folded(const std::string& utf8) { return text::FoldText(DecodeUtf8Lenient(utf8)); }

// The position flags of every BMP code point are exactly those its role in the bundled lexicons
// gives it, so that a scan skipping unflagged positions misses nothing.
TEST(CompiledLexicon, PositionFlagsAreExactForTheBundledLexicons) {
  const schema::Schema& schema = testing::BundledSchema();
  const CompiledLexicon lex(schema);
  const auto& l = schema.lexicons;
  std::set<char32_t> region_starts, head_ends, cue_starts;
  auto add_first = [](std::set<char32_t>& set, const std::string& word) {
    std::u32string w = Folded(word);
    if (!w.empty()) set.insert(w.front());
  };
  for (const auto& r : l.regions) {
    add_first(region_starts, r.name);
    add_first(region_starts, r.full_name);
    for (const auto& a : r.aliases) add_first(region_starts, a);
    for (const auto& f : r.short_forms) add_first(region_starts, f);
  }
  for (const auto& b : l.blends) add_first(region_starts, b.text);
  for (const auto& a : l.abbreviations) {
    std::u32string t = Folded(a.text);
    if (a.tier == "province" && a.standalone_blend && t.size() == 1) region_starts.insert(t[0]);
  }
  for (const auto& h : l.heads) {
    std::u32string w = Folded(h.text);
    if (!w.empty()) head_ends.insert(w.back());
  }
  for (const auto& c : l.cooperation_cues) add_first(cue_starts, c);
  ASSERT_FALSE(region_starts.empty());
  ASSERT_FALSE(head_ends.empty());
  ASSERT_FALSE(cue_starts.empty());
  for (char32_t cp = 0; cp < 0x10000; ++cp) {
    const uint8_t flags = lex.PositionFlags(cp);
    EXPECT_EQ((flags & CompiledLexicon::kRegionStart) != 0, region_starts.count(cp) > 0) << std::hex << uint32_t{cp};
    EXPECT_EQ((flags & CompiledLexicon::kHeadEnd) != 0, head_ends.count(cp) > 0) << std::hex << uint32_t{cp};
    EXPECT_EQ((flags & CompiledLexicon::kCooperationCueStart) != 0, cue_starts.count(cp) > 0) << std::hex << uint32_t{cp};
  }
  EXPECT_EQ(lex.PositionFlags(0x20000), 0xFF) << "beyond the BMP every flag is set";
}

// HasAbbreviationIn finds an abbreviation of the name expansions anywhere in a name, and only then.
// A group's partial member (运城 of 关中平原城市群) is not inside it, but its province is one the
// group touches.
TEST(CompiledLexicon, PartialMembersTouchButAreNotInside) {
  const CompiledLexicon lex(testing::BundledSchema());
  const int32_t guanzhong = lex.RegionIndex("关中平原城市群");
  ASSERT_GE(guanzhong, 0);
  EXPECT_FALSE(lex.IsWithin(lex.RegionIndex("运城"), guanzhong));
  EXPECT_TRUE(lex.IsWithin(lex.RegionIndex("宝鸡"), guanzhong));
  EXPECT_TRUE(lex.TouchesProvince(guanzhong, lex.RegionIndex("山西")));
  EXPECT_TRUE(lex.TouchesProvince(guanzhong, lex.RegionIndex("陕西")));
}

TEST(CompiledLexicon, HasAbbreviationInIsExact) {
  const schema::Schema& schema = testing::BundledSchema();
  const CompiledLexicon lex(schema);
  ASSERT_FALSE(lex.name_expansions.empty());
  for (const auto& [abbreviation, expansion] : lex.name_expansions) {
    EXPECT_TRUE(lex.HasAbbreviationIn(abbreviation));
    EXPECT_TRUE(lex.HasAbbreviationIn(U"重庆" + abbreviation + U"研究院"));
    EXPECT_TRUE(lex.HasAbbreviationIn(U"重庆" + abbreviation));
  }
  for (const std::u32string name : {U"", U"重庆", U"西部(重庆)科学城", U"\U00020000"}) {
    bool found = false;
    for (const auto& expansion : lex.name_expansions) found = found || name.find(expansion.first) != name.npos;
    EXPECT_EQ(lex.HasAbbreviationIn(name), found);
  }
}

}  // namespace
}  // namespace policykg::lexicon
