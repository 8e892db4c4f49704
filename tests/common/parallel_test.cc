#include "common/parallel.h"

#include <atomic>
#include <stdexcept>
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

TEST(ProduceInOrder, ConsumesEveryItemInOrderWithinTheWindow) {
  for (size_t n : {0u, 1u, 2u, 7u, 100u}) {
    for (int threads : {0, 1, 2, 4}) {
      for (size_t window : {0u, 1u, 3u, 16u}) {
        std::atomic<size_t> consumed{0};
        std::atomic<bool> ahead{false};
        std::vector<size_t> order;
        ProduceInOrder<std::vector<size_t>>(
            n, threads, window,
            [&](size_t i, std::vector<size_t>& slot) {
              if (i >= consumed.load() + std::max<size_t>(window, 1)) ahead = true;
              slot.assign(i % 5 + 1, i * 3);  // a slot is reused: its old content must be replaced
            },
            [&](size_t i, const std::vector<size_t>& slot) {
              ASSERT_EQ(slot, std::vector<size_t>(i % 5 + 1, i * 3));
              order.push_back(i);
              ++consumed;
            });
        std::vector<size_t> expected(n);
        for (size_t i = 0; i < n; ++i) expected[i] = i;
        EXPECT_EQ(order, expected) << "n=" << n << " threads=" << threads << " window=" << window;
        EXPECT_FALSE(ahead) << "an item was made before its slot was free";
      }
    }
  }
}

}  // namespace
}  // namespace policykg

namespace policykg {
namespace {

TEST(ParallelFor, AnExceptionInAWorkerIsRethrownOnTheCaller) {
  for (int threads : {1, 2, 4}) {
    EXPECT_THROW(ParallelFor(
                     1000, threads,
                     [](size_t i) {
                       if (i == 777) throw std::runtime_error("boom");
                     },
                     8),
                 std::runtime_error);
  }
}

}  // namespace
}  // namespace policykg
