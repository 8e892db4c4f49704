// Runs fn(i) for every i in [0, n) on up to `threads` threads (the caller's included); returns
// when all are done. Items are handed out in blocks, so fn must not depend on which thread runs
// it; results written to per-item slots stay deterministic.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace policykg {

template <typename Fn>
void ParallelFor(size_t n, int threads, Fn&& fn, size_t block = 64) {
  const size_t blocks = (n + block - 1) / block;
  const size_t workers = std::min<size_t>(static_cast<size_t>(std::max(threads, 1)), blocks);
  if (workers <= 1) {
    for (size_t i = 0; i < n; ++i) fn(i);
    return;
  }
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t b = next++; b < blocks; b = next++) {
      for (size_t i = b * block, end = std::min(n, i + block); i < end; ++i) fn(i);
    }
  };
  std::vector<std::thread> pool;
  for (size_t t = 1; t < workers; ++t) pool.emplace_back(work);
  work();
  for (auto& th : pool) th.join();
}

}  // namespace policykg
