#include "common/parallel.h"

#include <atomic>
#include <vector>

#include <gtest/gtest.h>

namespace policykg {
namespace {

TEST(ParallelFor, VisitsEveryIndexExactlyOnce) {
  for (size_t n : {0u, 1u, 63u, 64u, 65u, 1000u}) {
    for (int threads : {0, 1, 2, 4, 16}) {
      for (size_t block : {1u, 7u, 64u}) {
        std::vector<std::atomic<int>> seen(n);
        ParallelFor(n, threads, [&](size_t i) { seen[i]++; }, block);
        for (size_t i = 0; i < n; ++i) {
          ASSERT_EQ(seen[i].load(), 1) << "n=" << n << " threads=" << threads << " block=" << block << " i=" << i;
        }
      }
    }
  }
}

TEST(ParallelFor, PerItemResultsDoNotDependOnTheThreadCount) {
  auto run = [](int threads) {
    std::vector<uint64_t> out(5000);
    ParallelFor(out.size(), threads, [&](size_t i) { out[i] = i * i + 7; }, 3);
    return out;
  };
  EXPECT_EQ(run(1), run(2));
  EXPECT_EQ(run(1), run(8));
}

}  // namespace
}  // namespace policykg
