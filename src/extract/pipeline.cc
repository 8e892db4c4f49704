#include "extract/pipeline.h"

#include <algorithm>
#include <atomic>
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
    fs::recursive_directory_iterator it(input, fs::directory_options::skip_permission_denied, ec), end;
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

struct LoadedDocument {
  graph::Document meta;
  std::u32string text;
  DocumentExtraction extraction;
};

Result<LoadedDocument> ProcessFile(const std::string& path, size_t index, const lexicon::CompiledLexicon& lex,
                                   bool embed_text) {
  auto bytes = ReadFileBytes(path);
  if (!bytes.ok()) return bytes.error();
  auto decoded = text::DecodeBytes(*bytes, path);
  if (!decoded.ok()) return decoded.error();
  LoadedDocument doc;
  doc.meta.id = fmt::format("d{}", index + 1);
  doc.meta.path = path;
  doc.meta.sha256 = text::Sha256Hex(*bytes);
  doc.meta.encoding = decoded->encoding;
  doc.text = std::move(decoded->text);
  doc.meta.chars = doc.text.size();
  std::u32string folded = text::FoldText(doc.text);
  text::Layout layout = text::AnalyzeLayout(folded, lex.boilerplate);
  if (layout.title_end > layout.title_start) {
    doc.meta.title = EncodeUtf8(std::u32string_view(doc.text).substr(layout.title_start, layout.title_end - layout.title_start));
  }
  if (embed_text) doc.meta.text = EncodeUtf8(doc.text);
  doc.extraction = ExtractDocument(folded, layout, lex);
  return doc;
}

}  // namespace

Result<graph::KnowledgeGraph> BuildGraph(const std::vector<std::string>& files, const schema::Schema& schema,
                                         const BuildOptions& options, BuildStats* stats) {
  lexicon::CompiledLexicon lex(schema);
  const size_t n = files.size();
  std::vector<std::optional<Result<LoadedDocument>>> results(n);
  std::atomic<size_t> next{0}, done{0};
  std::mutex progress_mutex;
  auto work = [&] {
    for (size_t i = next++; i < n; i = next++) {
      results[i].emplace(ProcessFile(files[i], i, lex, options.embed_text));
      size_t finished = ++done;
      if (options.progress) {
        std::lock_guard<std::mutex> lock(progress_mutex);
        options.progress(finished, n);
      }
    }
  };
  int threads = std::clamp<int>(options.threads, 1, 256);
  threads = static_cast<int>(std::min<size_t>(static_cast<size_t>(threads), n));
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& th : pool) th.join();

  GraphBuilder builder(lex);
  size_t bytes = 0;
  for (size_t i = 0; i < n; ++i) {
    auto& r = *results[i];
    if (!r.ok()) return r.error();
    LoadedDocument& doc = r.value();
    bytes += doc.meta.chars;
    builder.AddDocument(std::move(doc.meta), doc.text, doc.extraction);
    results[i].reset();  // free the text as soon as it is resolved
  }
  graph::KnowledgeGraph graph = builder.Finish();
  if (stats) {
    stats->documents = n;
    stats->bytes = bytes;
    stats->dropped_relations = builder.dropped_relations();
  }
  return graph;
}

}  // namespace policykg::extract
