// Microbenchmarks of two hot kernels of `policykg build`, printed as figures (not asserts):
//   SHA-256 throughput (MB/s) for several buffer sizes, through Sha256Hex and through each
//     implementation (portable, and SHA-NI where the CPU has it);
//   trie lookups/s of every trie of the real compiled lexicon, at every position of real text
//     (LongestAt for forward tries, LongestEndingAt for reversed ones, plus ForEachAt and Find),
//     with a checksum of the answers so two builds can be compared for identical results.
// Links libpolicykg_core.a (see CMakeLists.txt here).
//
// usage: kernel_bench [--schema DIR] [--repeat N] [--sha-only | --trie-only] [TEXT_FILE…]
//   (default text: every *.txt of the bundled corpus/; best of N runs, default 5)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "common/file_io.h"
#include "lexicon/compiled_lexicon.h"
#include "schema/schema.h"
#include "text/decode.h"
#include "text/normalize.h"
#include "text/sha256.h"
#include "text/sha256_internal.h"

namespace {

using namespace policykg;
using Clock = std::chrono::steady_clock;

[[noreturn]] void Die(const std::string& message) {
  std::fprintf(stderr, "kernel_bench: %s\n", message.c_str());
  std::exit(2);
}

// Best and worst wall time of `repeat` runs of `fn`, in seconds.
struct Timing {
  double best = 1e300;
  double worst = 0;
};

Timing TimeBest(int repeat, const std::function<void()>& fn) {
  Timing t;
  for (int i = 0; i < repeat; ++i) {
    auto start = Clock::now();
    fn();
    double s = std::chrono::duration<double>(Clock::now() - start).count();
    t.best = std::min(t.best, s);
    t.worst = std::max(t.worst, s);
  }
  return t;
}

volatile size_t g_sink = 0;  // keeps results alive

void BenchSha(int repeat) {
  using HashFn = std::string (*)(std::string_view);
  struct Impl {
    const char* name;
    HashFn fn;
  };
  std::vector<Impl> impls = {{"Sha256Hex", &text::Sha256Hex},
                             {"portable", &text::internal::Sha256HexPortable}};
  if (text::internal::Sha256HasShaNi()) {
    impls.push_back({"sha-ni", &text::internal::Sha256HexShaNi});
  }
  std::printf("SHA-256 (sha-ni %s on this CPU), MB/s best (worst) of %d\n",
              text::internal::Sha256HasShaNi() ? "available" : "not available", repeat);
  std::printf("%-10s", "size");
  for (const Impl& impl : impls) std::printf(" %22s", impl.name);
  std::printf("\n");
  std::mt19937_64 rng(7);
  for (size_t size : {size_t{64}, size_t{1} << 10, size_t{64} << 10, size_t{16} << 20}) {
    std::string buffer(size, '\0');
    for (char& c : buffer) c = static_cast<char>(rng());
    // About 64 MB hashed per timed run, so small buffers measure the per-call cost too.
    size_t calls = std::max<size_t>(1, (size_t{64} << 20) / size);
    std::printf("%-10zu", size);
    for (const Impl& impl : impls) {
      Timing t = TimeBest(repeat, [&] {
        for (size_t i = 0; i < calls; ++i) g_sink = g_sink + impl.fn(buffer)[0];
      });
      double mb = static_cast<double>(size * calls) / 1e6;
      std::printf(" %12.0f (%7.0f)", mb / t.best, mb / t.worst);
    }
    std::printf("\n");
  }
}

std::vector<std::string> DefaultTexts() {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(
           std::string(POLICYKG_SOURCE_DIR) + "/corpus")) {
    if (entry.is_regular_file() && entry.path().extension() == ".txt") {
      files.push_back(entry.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// The folded text of every file, concatenated (as extraction sees it).
std::u32string LoadFoldedText(const std::vector<std::string>& files) {
  std::u32string all;
  for (const std::string& path : files) {
    auto bytes = ReadFileBytes(path);
    if (!bytes.ok()) Die(bytes.error().ToString());
    auto decoded = text::DecodeBytes(*bytes, path);
    if (!decoded.ok()) Die(decoded.error().ToString());
    all += text::FoldText(decoded->text);
  }
  return all;
}

void BenchTries(const std::string& schema_dir, const std::vector<std::string>& files, int repeat) {
  auto schema = schema::LoadSchema(schema_dir);
  if (!schema.ok()) Die(schema.error().ToString());
  auto start = Clock::now();
  lexicon::CompiledLexicon lex(*schema);
  double compile_s = std::chrono::duration<double>(Clock::now() - start).count();
  const std::u32string text = LoadFoldedText(files);
  const std::u32string_view view = text;
  const size_t n = text.size();
  std::printf("\ntrie lookups over %zu code points of %zu files (lexicon compiled in %.1f ms)\n", n,
              files.size(), compile_s * 1e3);
  std::printf("%-30s %14s %14s %18s\n", "trie / operation", "M lookups/s", "(worst)", "checksum");

  struct Case {
    std::string name;
    std::function<uint64_t()> run;  // one pass over the text; returns a checksum of the answers
  };
  auto longest_at = [&](const lexicon::Trie& trie) {
    return [&trie, view, n] {
      uint64_t sum = 0;
      for (size_t i = 0; i < n; ++i) {
        lexicon::Trie::Match m = trie.LongestAt(view, i);
        sum = sum * 31 + m.length * 1000003u + static_cast<uint32_t>(m.value);
      }
      return sum;
    };
  };
  auto longest_ending_at = [&](const lexicon::Trie& trie) {
    return [&trie, view, n] {
      uint64_t sum = 0;
      for (size_t i = 1; i <= n; ++i) {
        lexicon::Trie::Match m = trie.LongestEndingAt(view, i);
        sum = sum * 31 + m.length * 1000003u + static_cast<uint32_t>(m.value);
      }
      return sum;
    };
  };
  auto for_each_at = [&](const lexicon::Trie& trie) {
    return [&trie, view, n] {
      uint64_t sum = 0;
      for (size_t i = 0; i < n; ++i) {
        trie.ForEachAt(view, i, [&](uint32_t length, int32_t value) {
          sum = sum * 31 + length * 1000003u + static_cast<uint32_t>(value);
        });
      }
      return sum;
    };
  };
  auto find_pairs = [&](const lexicon::Trie& trie) {
    return [&trie, view, n] {
      uint64_t sum = 0;
      for (size_t i = 0; i + 2 <= n; ++i) {
        sum = sum * 31 + static_cast<uint32_t>(trie.Find(view.substr(i, 2)));
      }
      return sum;
    };
  };
  std::vector<Case> cases = {
      {"region_names LongestAt", longest_at(lex.region_names)},
      {"region_names ForEachAt", for_each_at(lex.region_names)},
      {"blends LongestAt", longest_at(lex.blends)},
      {"heads_reversed EndingAt", longest_ending_at(lex.heads_reversed)},
      {"boundary_reversed EndingAt", longest_ending_at(lex.boundary_reversed)},
      {"soft_boundary_rev EndingAt", longest_ending_at(lex.soft_boundary_reversed)},
      {"target_comparators EndingAt", longest_ending_at(lex.target_comparators_reversed)},
      {"boundary_words LongestAt", longest_at(lex.boundary_words)},
      {"boundary_exceptions LongestAt", longest_at(lex.boundary_exceptions)},
      {"generic_modifiers ForEachAt", for_each_at(lex.generic_modifiers)},
      {"head_continuations LongestAt", longest_at(lex.head_continuations)},
      {"cooperation_cues LongestAt", longest_at(lex.cooperation_cues)},
      {"cues LongestAt", longest_at(lex.cues)},
      {"units LongestAt", longest_at(lex.units)},
      {"target_qualifiers LongestAt", longest_at(lex.target_qualifiers)},
      {"develop_verbs Find(2)", find_pairs(lex.develop_verbs)},
      {"counters Find(2)", find_pairs(lex.counters)},
  };
  double total_best = 0, total_worst = 0;
  uint64_t total_checksum = 0;
  for (const Case& c : cases) {
    uint64_t checksum = 0;
    Timing t = TimeBest(repeat, [&] { checksum = c.run(); });
    total_best += t.best;
    total_worst += t.worst;
    total_checksum = total_checksum * 1000003u + checksum;
    std::printf("%-30s %14.1f %14.1f %18llx\n", c.name.c_str(),
                static_cast<double>(n) / t.best / 1e6, static_cast<double>(n) / t.worst / 1e6,
                static_cast<unsigned long long>(checksum));
  }
  double lookups = static_cast<double>(n) * static_cast<double>(cases.size());
  std::printf("%-30s %14.1f %14.1f %18llx\n", "all (sum of best times)", lookups / total_best / 1e6,
              lookups / total_worst / 1e6, static_cast<unsigned long long>(total_checksum));
}

}  // namespace

int main(int argc, char** argv) {
  std::string schema_dir = schema::DefaultSchemaDirectory();
  int repeat = 5;
  bool sha = true, trie = true;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--schema" && i + 1 < argc) {
      schema_dir = argv[++i];
    } else if (arg == "--repeat" && i + 1 < argc) {
      repeat = std::max(1, std::atoi(argv[++i]));
    } else if (arg == "--sha-only") {
      trie = false;
    } else if (arg == "--trie-only") {
      sha = false;
    } else if (!arg.empty() && arg[0] == '-') {
      Die("unknown argument " + arg);
    } else {
      files.push_back(arg);
    }
  }
  if (files.empty()) files = DefaultTexts();
  if (sha) BenchSha(repeat);
  if (trie) BenchTries(schema_dir, files, repeat);
  return 0;
}
