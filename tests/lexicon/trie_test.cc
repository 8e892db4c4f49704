#include "lexicon/trie.h"

#include <gtest/gtest.h>

namespace policykg::lexicon {
namespace {

TEST(Trie, LongestMatchForwardAndBackward) {
  Trie forward, backward;
  for (auto [w, v] : {std::pair{U"万州", 1}, {U"万州区", 2}, {U"重庆", 3}}) {
    forward.Add(w, v);
    backward.AddReversed(w, v);
  }
  std::u32string text = U"推动万州区和重庆";
  EXPECT_EQ(forward.LongestAt(text, 2).length, 3u);
  EXPECT_EQ(forward.LongestAt(text, 2).value, 2);
  EXPECT_EQ(forward.LongestAt(text, 0).length, 0u);
  EXPECT_EQ(backward.LongestEndingAt(text, 5).value, 2);
  EXPECT_EQ(backward.LongestEndingAt(text, 4).value, 1);
  EXPECT_EQ(backward.LongestEndingAt(text, 8).length, 2u);
  EXPECT_EQ(forward.Find(U"万州"), 1);
  EXPECT_EQ(forward.Find(U"万"), -1);
  std::vector<std::pair<uint32_t, int32_t>> all;
  forward.ForEachAt(text, 2, [&](uint32_t len, int32_t v) { all.emplace_back(len, v); });
  EXPECT_EQ(all, (std::vector<std::pair<uint32_t, int32_t>>{{2, 1}, {3, 2}}));
}

TEST(Trie, FirstValueWins) {
  Trie t;
  t.Add(U"川", 1);
  t.Add(U"川", 2);
  EXPECT_EQ(t.Find(U"川"), 1);
}

}  // namespace
}  // namespace policykg::lexicon
