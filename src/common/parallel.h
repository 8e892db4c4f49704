// Runs fn(i) for every i in [0, n) on up to `threads` threads (the caller's included); returns
// when all are done. An exception in any thread is rethrown on the calling thread once all have
// stopped (a worker never ends the process). Items are handed out in blocks, so fn must not depend on which thread runs
// it; results written to per-item slots stay deterministic.
#pragma once

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <mutex>
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
  std::exception_ptr failure;  // the first exception of any thread, rethrown on the caller's
  std::mutex failure_mutex;
  auto work = [&] {
    try {
      for (size_t b = next++; b < blocks; b = next++) {
        for (size_t i = b * block, end = std::min(n, i + block); i < end; ++i) fn(i);
      }
    } catch (...) {
      next = blocks;  // the other threads stop after their block
      std::lock_guard<std::mutex> lock(failure_mutex);
      if (!failure) failure = std::current_exception();
    }
  };
  std::vector<std::thread> pool;
  for (size_t t = 1; t < workers; ++t) pool.emplace_back(work);
  work();
  for (auto& th : pool) th.join();
  if (failure) std::rethrow_exception(failure);
}

// Makes items 0..n-1 on `threads` worker threads and hands them to `consume` on the calling thread
// in index order as they become ready, at most `window` items ahead of it: produce(i, slot) fills
// a slot, consume(i, slot) uses it before the slot is reused. With one thread they alternate on
// the calling thread. Used to write output in order while later parts are still being made.
template <typename Slot, typename Produce, typename Consume>
void ProduceInOrder(size_t n, int threads, size_t window, Produce&& produce, Consume&& consume) {
  window = std::max<size_t>(window, 1);
  if (threads <= 1 || n <= 1) {
    Slot slot;
    for (size_t i = 0; i < n; ++i) {
      produce(i, slot);
      consume(i, slot);
    }
    return;
  }
  std::vector<Slot> slots(window);
  std::vector<char> ready(window, 0);  // guarded by mutex, as is `consumed`
  size_t consumed = 0;
  std::mutex mutex;
  std::condition_variable changed;
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < n; i = next++) {
      {
        std::unique_lock<std::mutex> lock(mutex);
        changed.wait(lock, [&] { return i < consumed + window; });  // its slot is free
      }
      produce(i, slots[i % window]);
      std::lock_guard<std::mutex> lock(mutex);
      ready[i % window] = 1;
      changed.notify_all();
    }
  };
  std::vector<std::thread> pool;
  for (size_t t = 0; t < std::min<size_t>(static_cast<size_t>(threads), n); ++t) pool.emplace_back(work);
  for (size_t i = 0; i < n; ++i) {
    {
      std::unique_lock<std::mutex> lock(mutex);
      changed.wait(lock, [&] { return ready[i % window] != 0; });
    }
    consume(i, slots[i % window]);
    std::lock_guard<std::mutex> lock(mutex);
    ready[i % window] = 0;
    ++consumed;
    changed.notify_all();
  }
  for (auto& th : pool) th.join();
}

}  // namespace policykg
