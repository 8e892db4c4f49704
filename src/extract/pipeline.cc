#include "extract/pipeline.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <utility>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "common/file_io.h"
#include "common/utf8.h"
#include "extract/document_extraction.h"
#include "extract/graph_builder.h"
#include "extract/rule_registry.h"
#include "graph/json_io.h"
#include "lexicon/compiled_lexicon.h"
#include "text/decode.h"
#include "text/layout.h"
#include "text/normalize.h"
#include "text/sha256.h"

namespace policykg::extract {

using std::string_view_literals::operator""sv;

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
      if (it->is_regular_file(ec) && p.extension() == ".txt"sv) found.push_back(p);
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
                                     const lexicon::CompiledLexicon& lex, const RuleSet& rules,
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
  {  // kept with or without embed_text: evidence sentences are read from it (graph::DocumentTexts)
    if (meta.encoding == "UTF-8"sv) {
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
  DocumentExtraction extraction = ExtractDocument(folded, layout, lex, rules);
  clock.Mark(StageClock::kExtract);
  PreparedDocument prepared = PrepareDocument(std::move(meta), original, extraction, lex);
  clock.Mark(StageClock::kPrepare);
  return prepared;
}

}  // namespace

std::function<void(const std::string&)> test_hook_before_extract;

namespace {

// ProcessFile() with an exception (a bug, or memory exhausted) turned into the file's error, so
// that a worker thread never ends the process.
Result<PreparedDocument> ProcessFileCatching(const std::string& path, size_t index, const lexicon::CompiledLexicon& lex,
                                             const RuleSet& rules, StageClock& clock) {
  try {
    if (test_hook_before_extract) test_hook_before_extract(path);
    return ProcessFile(path, index, lex, rules, clock);
  } catch (const std::exception& e) {
    return MakeFileError(path, std::string("internal error during extraction: ") + e.what());
  } catch (...) {
    return MakeFileError(path, "internal error during extraction");
  }
}

// Extracts every file and resolves it into `builder` in input order: workers extract in any
// order while this thread resolves documents as they become ready (the graph builder's work is
// small next to extraction), so the result never depends on the thread count.
Status ResolveDocuments(const std::vector<std::string>& files, const lexicon::CompiledLexicon& lex,
                        const RuleSet& rules, const BuildOptions& options, GraphBuilder& builder, StageClock& clocks,
                        size_t& chars) {
  const size_t n = files.size();
  const int threads = static_cast<int>(
      std::min<size_t>(static_cast<size_t>(std::clamp(options.threads, 1, 256)), n));
  std::vector<std::optional<Result<PreparedDocument>>> results(n);
  std::mutex mutex;
  std::condition_variable ready;
  std::atomic<size_t> next{0};
  auto work = [&] {
    StageClock clock;
    for (size_t i = next++; i < n; i = next++) {
      auto result = ProcessFileCatching(files[i], i, lex, rules, clock);
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

  StageClock resolve_clock;
  for (size_t i = 0; i < n; ++i) {
    std::optional<Result<PreparedDocument>> result;
    if (threads > 1) {
      std::unique_lock<std::mutex> lock(mutex);
      ready.wait(lock, [&] { return results[i].has_value(); });
      result = std::move(results[i]);
      results[i].reset();
    } else {
      result.emplace(ProcessFileCatching(files[i], i, lex, rules, resolve_clock));
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
  clocks.Add(resolve_clock);
  return Status::Ok();
}

void FillStats(BuildStats* stats, size_t documents, size_t chars, const GraphBuilder& builder,
               const StageClock& clocks, size_t nodes, size_t edges) {
  if (!stats) return;
  stats->documents = documents;
  stats->bytes = chars;
  stats->nodes = nodes;
  stats->edges = edges;
  stats->dropped_relations = builder.dropped_relations();
  stats->stage_seconds.clear();
  for (int s = 0; s < StageClock::kCount; ++s)
    stats->stage_seconds.emplace_back(StageClock::kNames[s], clocks.seconds[s]);
}

// Runs `beside` on another thread while `main` runs on this one; with one thread, one after the
// other.
template <typename Beside, typename Main>
void RunBeside(int threads, Beside&& beside, Main&& main) {
  if (threads <= 1) {
    beside();
    main();
    return;
  }
  std::thread helper(std::forward<Beside>(beside));
  main();
  helper.join();
}

}  // namespace

Result<graph::KnowledgeGraph> BuildGraph(const std::vector<std::string>& files,
                                         const schema::Schema& schema, const BuildOptions& options,
                                         BuildStats* stats) {
  const lexicon::CompiledLexicon lex(schema);
  return BuildGraph(files, lex, options, stats);
}

Result<graph::KnowledgeGraph> BuildGraph(const std::vector<std::string>& files,
                                         const lexicon::CompiledLexicon& lex,
                                         const BuildOptions& options, BuildStats* stats) {
  auto rules = CompileRules(lex.schema());
  if (!rules.ok()) return rules.error();
  GraphBuilder builder(lex);
  StageClock clocks;
  size_t chars = 0;
  Status resolved = ResolveDocuments(files, lex, *rules, options, builder, clocks, chars);
  if (!resolved.ok()) return resolved.error();
  clocks.Start();
  graph::KnowledgeGraph graph = builder.Finish(std::clamp(options.threads, 1, 256));
  if (!options.embed_text) {
    for (auto& d : graph.documents) std::string().swap(d.text);
  }
  clocks.Mark(StageClock::kFinish);
  FillStats(stats, files.size(), chars, builder, clocks, graph.node_count(), graph.edge_count());
  return graph;
}

namespace {

// Everything a BuildGraphJson() call holds until it returns (and the lexicon, when it compiled it).
struct JsonBuild {
  explicit JsonBuild(const lexicon::CompiledLexicon& lexicon) : lex(lexicon), builder(lex) {}
  explicit JsonBuild(std::unique_ptr<const lexicon::CompiledLexicon> lexicon)
      : owned(std::move(lexicon)), lex(*owned), builder(lex) {}
  std::unique_ptr<const lexicon::CompiledLexicon> owned;
  const lexicon::CompiledLexicon& lex;
  GraphBuilder builder;
  std::vector<graph::Document> documents;
  GraphBuilder::FinishedEdges edges;
};

// The last build whose memory is left to the process's exit (BuildOptions::free_memory false):
// reachable from here, so it is not a leak.
JsonBuild* build_kept_until_exit = nullptr;

Status BuildJson(const std::vector<std::string>& files, const RuleSet& rules,
                 std::unique_ptr<JsonBuild> build, const BuildOptions& options, std::ostream& out,
                 const graph::WriteOptions& write, BuildStats* stats) {
  GraphBuilder& builder = build->builder;
  StageClock clocks;
  size_t chars = 0;
  Status resolved = ResolveDocuments(files, build->lex, rules, options, builder, clocks, chars);
  if (!resolved.ok()) return resolved;

  // Each part is written while the next one is finished on another thread; each node is made as
  // it is written.
  const int threads = std::clamp(options.threads, 1, 256);
  build->documents = builder.TakeDocuments();
  graph::GraphJsonWriter writer(out, write);
  const std::vector<std::string>* node_ids = nullptr;
  const GraphBuilder::FinishedEdges& edges = build->edges;
  StageClock finish_clock;
  auto finishing = [&](auto step) {
    return [&, step] {
      finish_clock.Start();
      step();
      finish_clock.Mark(StageClock::kFinish);
    };
  };
  RunBeside(
      threads, finishing([&] { node_ids = &builder.FinishNodeIds(threads); }),
      [&] { writer.WriteDocuments(build->documents); });
  std::optional<graph::DocumentTexts> texts;
  RunBeside(
      threads, finishing([&] {
        build->edges = builder.FinishEdges(threads);
        texts.emplace(build->documents);
      }), [&] {
        writer.WriteNodeRecords(node_ids->size(), [&](size_t i,
                                                      std::vector<graph::AttrRef>& scratch) {
          // The record is read before this thread asks for the next one, as `scratch` is.
          thread_local graph::Node node;
          node = graph::Node();
          builder.MakeFinishedNode(i, node, scratch);
          return graph::NodeRecord{node, scratch};
        });
      });
  writer.ResolveEvidenceFrom(&*texts);
  writer.WriteEdges(edges.edges.size(),
                    [&](size_t i) { return edges.RecordOf(edges.edges[i], *node_ids); });
  clocks.Add(finish_clock);
  FillStats(stats, files.size(), chars, builder, clocks, node_ids->size(), edges.edges.size());
  if (!options.free_memory) {
    delete build_kept_until_exit;
    build_kept_until_exit = build.release();
  }
  return Status::Ok();
}

}  // namespace

Status BuildGraphJson(const std::vector<std::string>& files, const schema::Schema& schema,
                      const BuildOptions& options, std::ostream& out,
                      const graph::WriteOptions& write, BuildStats* stats) {
  // (The rules are compiled before the lexicon, as before: a bad rule is reported first.)
  auto rules = CompileRules(schema);
  if (!rules.ok()) return rules.error();
  return BuildJson(
      files, *rules,
      std::make_unique<JsonBuild>(std::make_unique<const lexicon::CompiledLexicon>(schema)),
      options, out, write, stats);
}

Status BuildGraphJson(const std::vector<std::string>& files,
                      const lexicon::CompiledLexicon& lexicon, const BuildOptions& options,
                      std::ostream& out, const graph::WriteOptions& write, BuildStats* stats) {
  auto rules = CompileRules(lexicon.schema());
  if (!rules.ok()) return rules.error();
  return BuildJson(files, *rules, std::make_unique<JsonBuild>(lexicon), options, out, write, stats);
}

}  // namespace policykg::extract
