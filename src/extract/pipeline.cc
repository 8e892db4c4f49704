#include "extract/pipeline.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "common/file_io.h"
#include "common/utf8.h"
#include "extract/document_extraction.h"
#include "extract/graph_builder.h"
#include "lexicon/compiled_lexicon.h"
#include "text/decode.h"
#include "text/layout.h"
#include "text/normalize.h"
#include "text/sha256.h"

namespace policykg::extract {

namespace fs = std::filesystem;

Result<std::vector<std::string>> ExpandInputs(const std::vector<std::string>& inputs) {
  std::vector<std::string> files;
  std::set<std::string> seen;
  auto add = [&](const fs::path& p) {
    std::error_code ec;
    std::string key = fs::weakly_canonical(p, ec).string();
    if (!seen.insert(ec ? p.string() : key).second) {
      spdlog::warn("{}: given twice, read once", p.string());
      return;
    }
    files.push_back(p.string());
  };
  for (const auto& input : inputs) {
    std::error_code ec;
    auto st = fs::status(input, ec);
    if (ec || !fs::exists(st)) return MakeFileError(input, "no such file or directory");
    if (!fs::is_directory(st)) {
      add(input);
      continue;
    }
    std::vector<fs::path> found;
    fs::recursive_directory_iterator it(input, fs::directory_options::skip_permission_denied, ec),
        end;
    if (ec) return MakeFileError(input, fmt::format("cannot read directory: {}", ec.message()));
    for (; it != end; it.increment(ec)) {
      if (ec) return MakeFileError(input, fmt::format("cannot read directory: {}", ec.message()));
      if (it.depth() > 32) {
        it.disable_recursion_pending();
        continue;
      }
      const fs::path& p = it->path();
      if (p.filename().string().starts_with('.')) {
        if (it->is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file(ec) && p.extension() == ".txt") found.push_back(p);
    }
    std::sort(found.begin(), found.end());
    if (found.empty()) return MakeFileError(input, "directory holds no .txt files");
    for (const auto& p : found) add(p);
  }
  if (files.empty()) return MakeError("no input files");
  return files;
}

namespace {

using Clock = std::chrono::steady_clock;

// Stage times of one thread; merged into BuildStats at the end.
struct StageClock {
  static constexpr const char* kNames[] = {"read",    "sha256",  "decode",  "fold",  "layout",
                                           "extract", "prepare", "resolve", "finish"};
  enum Stage {
    kRead,
    kSha256,
    kDecode,
    kFold,
    kLayout,
    kExtract,
    kPrepare,
    kResolve,
    kFinish,
    kCount
  };
  double seconds[kCount] = {};
  Clock::time_point last = Clock::now();

  void Start() { last = Clock::now(); }
  // Charges the time since the last mark to `stage`.
  void Mark(Stage stage) {
    auto now = Clock::now();
    seconds[stage] += std::chrono::duration<double>(now - last).count();
    last = now;
  }
  void Add(const StageClock& other) {
    for (int i = 0; i < kCount; ++i) seconds[i] += other.seconds[i];
  }
};

// Reads, decodes and extracts one file, then prepares its facts for the graph builder: everything
// that needs no shared state, so it runs in the worker threads.
Result<PreparedDocument> ProcessFile(const std::string& path, size_t index,
                                     const lexicon::CompiledLexicon& lex, bool embed_text,
                                     StageClock& clock) {
  clock.Start();
  auto bytes = ReadFileBytes(path);
  if (!bytes.ok()) return bytes.error();
  clock.Mark(StageClock::kRead);
  graph::Document meta;
  meta.id = fmt::format("d{}", index + 1);
  meta.path = path;
  meta.sha256 = text::Sha256Hex(*bytes);
  clock.Mark(StageClock::kSha256);
  auto decoded = text::DecodeBytes(*bytes, path);
  if (!decoded.ok()) return decoded.error();
  meta.encoding = decoded->encoding;
  const std::u32string& original = decoded->text;
  meta.chars = original.size();
  if (embed_text) {
    if (meta.encoding == "UTF-8") {
      // Strictly decoded UTF-8 re-encodes to the same bytes (less a BOM): no need to encode.
      std::string& text = *bytes;
      if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
      meta.text = std::move(text);
    } else {
      meta.text = EncodeUtf8(original);
    }
  }
  clock.Mark(StageClock::kDecode);
  std::u32string folded = text::FoldText(original);
  clock.Mark(StageClock::kFold);
  text::Layout layout = text::AnalyzeLayout(folded, lex.boilerplate);
  if (layout.title_end > layout.title_start) {
    meta.title = EncodeUtf8(std::u32string_view(original).substr(
        layout.title_start, layout.title_end - layout.title_start));
  }
  clock.Mark(StageClock::kLayout);
  DocumentExtraction extraction = ExtractDocument(folded, layout, lex);
  clock.Mark(StageClock::kExtract);
  PreparedDocument prepared = PrepareDocument(std::move(meta), original, extraction, lex);
  clock.Mark(StageClock::kPrepare);
  return prepared;
}

}  // namespace

Result<graph::KnowledgeGraph> BuildGraph(const std::vector<std::string>& files,
                                         const schema::Schema& schema, const BuildOptions& options,
                                         BuildStats* stats) {
  lexicon::CompiledLexicon lex(schema);
  const size_t n = files.size();
  const int threads = static_cast<int>(
      std::min<size_t>(static_cast<size_t>(std::clamp(options.threads, 1, 256)), n));

  // Workers process files in any order; this thread resolves them in input order as they become
  // ready (the graph builder's work is small next to extraction), so the output never depends on
  // the thread count.
  std::vector<std::optional<Result<PreparedDocument>>> results(n);
  std::mutex mutex;
  std::condition_variable ready;
  std::atomic<size_t> next{0};
  StageClock clocks;  // guarded by mutex once workers run
  auto work = [&] {
    StageClock clock;
    for (size_t i = next++; i < n; i = next++) {
      auto result = ProcessFile(files[i], i, lex, options.embed_text, clock);
      std::lock_guard<std::mutex> lock(mutex);
      results[i].emplace(std::move(result));
      ready.notify_all();
    }
    std::lock_guard<std::mutex> lock(mutex);
    clocks.Add(clock);
  };
  std::vector<std::thread> pool;
  if (threads > 1) {
    for (int t = 0; t < threads; ++t) pool.emplace_back(work);
  }
  auto stop_workers = [&] {
    next = n;  // workers finish the file in hand and stop
    for (auto& th : pool) th.join();
    pool.clear();
  };

  GraphBuilder builder(lex);
  StageClock resolve_clock;
  size_t chars = 0;
  for (size_t i = 0; i < n; ++i) {
    std::optional<Result<PreparedDocument>> result;
    if (threads > 1) {
      std::unique_lock<std::mutex> lock(mutex);
      ready.wait(lock, [&] { return results[i].has_value(); });
      result = std::move(results[i]);
      results[i].reset();
    } else {
      result.emplace(ProcessFile(files[i], i, lex, options.embed_text, resolve_clock));
    }
    if (!result->ok()) {
      stop_workers();
      return result->error();
    }
    resolve_clock.Start();
    chars += result->value().document.chars;
    builder.AddDocument(std::move(*result).value());
    resolve_clock.Mark(StageClock::kResolve);
    if (options.progress) options.progress(i + 1, n);
  }
  stop_workers();
  resolve_clock.Start();
  graph::KnowledgeGraph graph = builder.Finish(std::clamp(options.threads, 1, 256));
  resolve_clock.Mark(StageClock::kFinish);
  if (stats) {
    clocks.Add(resolve_clock);
    stats->documents = n;
    stats->bytes = chars;
    stats->dropped_relations = builder.dropped_relations();
    stats->stage_seconds.clear();
    for (int s = 0; s < StageClock::kCount; ++s)
      stats->stage_seconds.emplace_back(StageClock::kNames[s], clocks.seconds[s]);
  }
  return graph;
}

}  // namespace policykg::extract
