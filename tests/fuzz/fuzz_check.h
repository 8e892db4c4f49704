// Invariant checks for the libFuzzer targets: a failed check prints what broke and aborts, which
// libFuzzer reports as a crash and saves the input (build-fuzz/run/<target>/artifacts/crash-*).
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>

#define FUZZ_CHECK(cond, ...)                                                   \
  do {                                                                          \
    if (!(cond)) {                                                              \
      std::fprintf(stderr, "\nFUZZ_CHECK failed at %s:%d: %s\n", __FILE__,      \
                   __LINE__, #cond);                                            \
      std::fprintf(stderr, "  %s\n", std::string(__VA_ARGS__).c_str());        \
      std::abort();                                                             \
    }                                                                           \
  } while (0)
