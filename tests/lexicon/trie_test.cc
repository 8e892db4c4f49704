#include "lexicon/trie.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>
#include <utility>
#include <vector>

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

TEST(Trie, EmptyKeysAndEmptyTrie) {
  Trie t;
  EXPECT_TRUE(t.empty());
  t.Add(U"", 5);
  EXPECT_TRUE(t.empty()) << "an empty key is ignored";
  EXPECT_EQ(t.Find(U""), -1);
  std::u32string text = U"重庆\U00030001";
  for (size_t pos = 0; pos <= text.size() + 1; ++pos) {
    EXPECT_EQ(t.LongestAt(text, pos).length, 0u);
    EXPECT_EQ(t.LongestEndingAt(text, pos).length, 0u);
  }
  t.Add(U"重", 0);
  EXPECT_FALSE(t.empty());
  EXPECT_EQ(t.Find(U""), -1);
}

TEST(Trie, CodePointsOutsideTheBmp) {
  Trie t;
  t.Add(U"\U00030001\U0010FFFF", 1);
  t.Add(U"a\U00030001", 2);
  std::u32string text = U"xa\U00030001\U0010FFFFy";
  EXPECT_EQ(t.LongestAt(text, 2).value, 1);
  EXPECT_EQ(t.LongestAt(text, 1).value, 2);
  EXPECT_EQ(t.LongestAt(text, 3).length, 0u);
  EXPECT_EQ(t.Find(U"\U00030001"), -1);
}

TEST(Trie, AddAfterLookupsIsSeen) {
  Trie t;
  std::u32string text = U"成渝地区双城经济圈";
  EXPECT_EQ(t.LongestAt(text, 0).length, 0u);
  t.Add(U"成渝", 1);
  EXPECT_EQ(t.LongestAt(text, 0).length, 2u);
  t.Add(U"成渝地区双城经济圈", 2);
  EXPECT_EQ(t.LongestAt(text, 0).value, 2);
  EXPECT_EQ(t.Find(U"成渝"), 1);
}

// The first-code-point filter is hashed: with thousands of first code points many positions pass
// it falsely, and must still find nothing.
TEST(Trie, FirstCodePointFilterFalsePositivesFindNothing) {
  Trie t;
  for (char32_t cp = 0x4E00; cp < 0x9FFF; cp += 2)
    t.Add(std::u32string{cp, U'x'}, static_cast<int32_t>(cp));
  for (char32_t cp = 0x4E00; cp < 0x9FFF; ++cp) {
    const std::u32string text{cp, U'x'};
    const bool added = cp % 2 == 0;
    EXPECT_EQ(t.LongestAt(text, 0).length, added ? 2u : 0u) << std::hex << static_cast<uint32_t>(cp);
    EXPECT_EQ(t.Find(text), added ? static_cast<int32_t>(cp) : -1) << std::hex << static_cast<uint32_t>(cp);
  }
}

// HasKeyStartingWith is exact: filter collisions and later characters of a key do not count.
TEST(Trie, HasKeyStartingWithIsExact) {
  Trie t;
  for (char32_t cp = 0x4E00; cp < 0x9FFF; cp += 3) t.Add(std::u32string{cp, U'x'}, 1);
  t.Add(U"\U00030001", 2);
  for (char32_t cp = 0x4E00; cp < 0x9FFF; ++cp) {
    EXPECT_EQ(t.HasKeyStartingWith(cp), (cp - 0x4E00) % 3 == 0) << std::hex << static_cast<uint32_t>(cp);
  }
  EXPECT_FALSE(t.HasKeyStartingWith(U'x'));
  EXPECT_TRUE(t.HasKeyStartingWith(U'\U00030001'));
  Trie reversed;
  reversed.AddReversed(U"实验室", 0);
  EXPECT_TRUE(reversed.HasKeyStartingWith(U'室'));
  EXPECT_FALSE(reversed.HasKeyStartingWith(U'实'));
}

// A copy is independent of the original.
TEST(Trie, CopiesAreIndependent) {
  Trie a;
  a.Add(U"万州", 1);
  Trie b = a;
  b.Add(U"万州区", 2);
  EXPECT_EQ(a.Find(U"万州区"), -1);
  EXPECT_EQ(b.Find(U"万州区"), 2);
  EXPECT_EQ(b.Find(U"万州"), 1);
}

// Every operation against a brute-force model (a map of keys) on random keys over a small
// alphabet (many shared prefixes, keys that are prefixes of others, duplicates), checked at every
// position of random texts, with lookups between adds and enough keys to grow the table often.
TEST(Trie, MatchesABruteForceModel) {
  const std::u32string alphabet = U"成渝重庆川万州区a\U00030000";
  std::mt19937 rng(20240601);
  auto random_string = [&](size_t max_length) {
    std::u32string s(1 + rng() % max_length, U' ');
    for (char32_t& c : s) c = alphabet[rng() % alphabet.size()];
    return s;
  };
  Trie forward, backward;
  std::map<std::u32string, int32_t> model;  // first value wins
  for (int32_t round = 0; round < 40; ++round) {
    for (int i = 0; i < 50; ++i) {
      std::u32string key = random_string(6);
      int32_t value = round * 100 + i;
      forward.Add(key, value);
      backward.AddReversed(key, value);
      model.emplace(key, value);
    }
    std::u32string text = random_string(60);
    for (size_t pos = 0; pos <= text.size(); ++pos) {
      Trie::Match longest, ending;
      std::vector<std::pair<uint32_t, int32_t>> all;
      for (size_t length = 1; pos + length <= text.size(); ++length) {
        auto it = model.find(text.substr(pos, length));
        if (it == model.end()) continue;
        longest = {static_cast<uint32_t>(length), it->second};
        all.emplace_back(static_cast<uint32_t>(length), it->second);
      }
      for (size_t length = 1; length <= pos; ++length) {
        auto it = model.find(text.substr(pos - length, length));
        if (it != model.end()) ending = {static_cast<uint32_t>(length), it->second};
      }
      Trie::Match got = forward.LongestAt(text, pos);
      EXPECT_EQ(got.length, longest.length) << "round " << round << " pos " << pos;
      EXPECT_EQ(got.value, longest.value) << "round " << round << " pos " << pos;
      got = backward.LongestEndingAt(text, pos);
      EXPECT_EQ(got.length, ending.length) << "round " << round << " pos " << pos;
      EXPECT_EQ(got.value, ending.value) << "round " << round << " pos " << pos;
      std::vector<std::pair<uint32_t, int32_t>> seen;
      forward.ForEachAt(text, pos, [&](uint32_t len, int32_t v) { seen.emplace_back(len, v); });
      EXPECT_EQ(seen, all) << "round " << round << " pos " << pos;
    }
    for (int i = 0; i < 50; ++i) {
      std::u32string probe = random_string(7);
      auto it = model.find(probe);
      EXPECT_EQ(forward.Find(probe), it == model.end() ? -1 : it->second);
    }
  }
  for (const auto& [key, value] : model) ASSERT_EQ(forward.Find(key), value);
}

// The pair filter skips walks that cannot reach a second code point, but a key of one code point
// is still found (by ForEachAt and LongestAt), with and without a longer key beside it.
TEST(Trie, OneCodePointKeysSurviveThePairFilter) {
  Trie trie;
  trie.Add(U"渝", 1);
  trie.Add(U"渝中", 2);
  std::vector<std::pair<uint32_t, int32_t>> seen;
  trie.ForEachAt(U"渝北", 0, [&](uint32_t length, int32_t value) { seen.emplace_back(length, value); });
  EXPECT_EQ(seen, (std::vector<std::pair<uint32_t, int32_t>>{{1, 1}}));
  seen.clear();
  trie.ForEachAt(U"渝中区", 0, [&](uint32_t length, int32_t value) { seen.emplace_back(length, value); });
  EXPECT_EQ(seen, (std::vector<std::pair<uint32_t, int32_t>>{{1, 1}, {2, 2}}));
  EXPECT_EQ(trie.LongestAt(U"渝", 0).value, 1);
  Trie reversed;
  reversed.AddReversed(U"渝", 1);
  reversed.AddReversed(U"中渝", 2);
  EXPECT_EQ(reversed.LongestEndingAt(U"北渝", 2).value, 1);
  EXPECT_EQ(reversed.LongestEndingAt(U"渝", 1).value, 1);
  EXPECT_EQ(reversed.LongestEndingAt(U"中渝", 2).value, 2);
  Trie pairs_only;
  pairs_only.Add(U"渝中", 2);
  EXPECT_EQ(pairs_only.LongestAt(U"渝北", 0).length, 0u);
  EXPECT_EQ(pairs_only.LongestAt(U"渝中", 0).value, 2);
  seen.clear();
  pairs_only.ForEachAt(U"渝", 0, [&](uint32_t length, int32_t value) { seen.emplace_back(length, value); });
  EXPECT_TRUE(seen.empty());
}

// Keys of one code point are found from both directions where the pair filter rejects the next
// code point, also once thousands of them (and of longer keys) have grown the filters; a first
// code point that only longer keys start finds nothing there.
TEST(Trie, OneCodePointKeysSurviveGrownFilters) {
  Trie forward, reversed;
  reversed.Reserve(100);
  for (char32_t a = 0x4E00; a < 0x4E00 + 3000; ++a) {
    forward.Add(std::u32string(1, a), static_cast<int32_t>(a));
    reversed.AddReversed(std::u32string(1, a), static_cast<int32_t>(a));
    forward.Add(std::u32string{static_cast<char32_t>(a + 0x1000), U'中'}, 1);
    reversed.AddReversed(std::u32string{U'中', static_cast<char32_t>(a + 0x1000)}, 1);
  }
  for (char32_t a = 0x4E00; a < 0x4E00 + 3000; ++a) {
    const std::u32string text{U'了', a, U'了'};
    ASSERT_EQ(forward.LongestAt(text, 1).value, static_cast<int32_t>(a));
    ASSERT_EQ(reversed.LongestEndingAt(text, 2).value, static_cast<int32_t>(a));
    int32_t seen = -1;
    forward.ForEachAt(text, 1, [&](uint32_t, int32_t value) { seen = value; });
    ASSERT_EQ(seen, static_cast<int32_t>(a));
    const std::u32string pair_start{U'了', static_cast<char32_t>(a + 0x1000), U'了'};
    ASSERT_EQ(forward.LongestAt(pair_start, 1).length, 0u);
    ASSERT_EQ(reversed.LongestEndingAt(pair_start, 2).length, 0u);
  }
}

// A trie with thousands of first code points and pairs (the gazetteer's) grows its filters: every
// key is still found, from both directions, MayMatchAt admits every key's start, and
// ForEachFirstPair lists each first pair once.
TEST(Trie, GrownFiltersKeepEveryKey) {
  Trie forward, reversed, reserved;
  reserved.Reserve(1000);  // a hint below the real count: the trie grows past it
  std::vector<std::u32string> keys;
  for (char32_t a = 0x4E00; a < 0x4E00 + 3000; ++a) {
    keys.push_back({a, static_cast<char32_t>(0x5000 + (a % 97)), static_cast<char32_t>(0x6000 + (a % 7))});
  }
  for (size_t i = 0; i < keys.size(); ++i) {
    forward.Add(keys[i], static_cast<int32_t>(i));
    reversed.AddReversed(keys[i], static_cast<int32_t>(i));
    ASSERT_EQ(reserved.Add(keys[i], static_cast<int32_t>(i)), static_cast<int32_t>(i));
  }
  EXPECT_EQ(reserved.Add(keys[7], 12345), 7);  // an existing key keeps (and returns) its value
  for (size_t i = 0; i < keys.size(); ++i) {
    const std::u32string text = U"的" + keys[i] + U"了";
    ASSERT_TRUE(forward.MayMatchAt(text, 1)) << i;
    ASSERT_EQ(forward.LongestAt(text, 1).value, static_cast<int32_t>(i));
    ASSERT_TRUE(reserved.MayMatchAt(text, 1)) << i;
    ASSERT_EQ(reserved.LongestAt(text, 1).value, static_cast<int32_t>(i));
    ASSERT_EQ(reversed.LongestEndingAt(text, 4).value, static_cast<int32_t>(i));
    int32_t seen = -1;
    forward.ForEachAt(text, 1, [&](uint32_t, int32_t value) { seen = value; });
    ASSERT_EQ(seen, static_cast<int32_t>(i));
  }
  EXPECT_FALSE(forward.MayMatchAt(U"的", 0));  // no key starts with 的 and nothing follows
  size_t pairs = 0;
  forward.ForEachFirstPair([&](char32_t first, char32_t second) {
    ++pairs;
    EXPECT_EQ(second, static_cast<char32_t>(0x5000 + (first % 97)));
  });
  EXPECT_EQ(pairs, keys.size());
}

}  // namespace
}  // namespace policykg::lexicon
