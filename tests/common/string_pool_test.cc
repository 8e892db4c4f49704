#include "common/string_pool.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace policykg {
namespace {

TEST(StringPool, GivesDenseIdsOncePerString) {
  StringPool pool;
  EXPECT_EQ(pool.size(), 1u);
  EXPECT_EQ(pool.Intern(""), 0u);
  EXPECT_EQ(pool.Intern("target"), 1u);
  EXPECT_EQ(pool.Intern("gazetteer.name.in_name"), 2u);
  EXPECT_EQ(pool.Intern("target"), 1u);
  EXPECT_EQ(pool.size(), 3u);
  EXPECT_EQ(pool[2], "gazetteer.name.in_name");
  EXPECT_EQ(pool.Find("target"), 1u);
  EXPECT_EQ(pool.Find("targets"), StringPool::kNotFound);
  EXPECT_EQ(pool.Find(""), 0u);
}

TEST(StringPool, ViewsStayValidAsThePoolGrows) {
  StringPool pool;
  std::vector<std::string> strings;
  std::vector<std::string_view> views;
  // Short and long strings, past several blocks and index growths; one longer than a block.
  for (int i = 0; i < 20000; ++i) {
    strings.push_back(std::to_string(i) + std::string(static_cast<size_t>(i % 40), 'x'));
    views.push_back(pool.View(strings.back()));
  }
  strings.push_back(std::string(100000, 'y'));
  views.push_back(pool.View(strings.back()));
  strings.push_back("after the long one");
  views.push_back(pool.View(strings.back()));
  for (size_t i = 0; i < strings.size(); ++i) {
    EXPECT_EQ(views[i], strings[i]);
    EXPECT_EQ(pool[pool.Find(strings[i])], strings[i]);
    EXPECT_EQ(pool.Intern(strings[i]), i + 1);
  }
  EXPECT_EQ(pool.size(), strings.size() + 1);
}

}  // namespace
}  // namespace policykg
