#include "cli/command.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <filesystem>

#include "graph/graph_view.h"
#include "graph/json_io.h"
#include "graph/snapshot.h"

namespace policykg::cli {

namespace {

// The compiled schema left to the process's exit (keep_schema_until_exit): reachable from here, so
// it is not a leak.
lexicon::CompiledSchema* schema_kept_until_exit = nullptr;

}  // namespace

CommandContext::~CommandContext() {
  if (keep_schema_until_exit && compiled_.lexicon) {
    delete schema_kept_until_exit;
    schema_kept_until_exit = new lexicon::CompiledSchema(std::move(compiled_));
  }
}

std::string CommandContext::SchemaDirectory() const {
  std::string dir = schema_dir.empty() ? schema::DefaultSchemaDirectory() : schema_dir;
  // A ./schema folder in the working directory is taken without being asked for: say so,
  // unless it is the built-in schema itself.
  std::error_code ec;
  const std::string built_in = std::string(POLICYKG_SOURCE_DIR) + "/schema";
  if (schema_dir.empty() && dir == "schema" && !std::filesystem::equivalent(dir, built_in, ec)) {
    spdlog::warn(
        "using the schema in ./schema (the working directory), not the built-in one; "
        "--schema DIR chooses");
  }
  return dir;
}

Result<const schema::Schema*> CommandContext::GetSchemaTypes() {
  if (compiled_.schema) return static_cast<const schema::Schema*>(compiled_.schema.get());
  if (!schema_types_) {
    auto loaded = schema::LoadSchemaTypes(SchemaDirectory());
    if (!loaded.ok()) return loaded.error();
    schema_types_ = std::make_unique<schema::Schema>(std::move(loaded).value());
  }
  return static_cast<const schema::Schema*>(schema_types_.get());
}

Result<const lexicon::CompiledLexicon*> CommandContext::GetCompiledLexicon() {
  if (!compiled_.lexicon) {
    const std::string dir = SchemaDirectory();
    auto loaded = lexicon::LoadCompiledSchema(
        dir, no_schema_cache ? "" : lexicon::DefaultLexiconCacheFolder());
    if (!loaded.ok()) return loaded.error();
    compiled_ = std::move(loaded).value();
    spdlog::debug("schema: {} entity types, {} relation types, {} regions from {}{}",
                  compiled_.schema->entity_types.size(), compiled_.schema->relation_types.size(),
                  compiled_.schema->lexicons.regions.size(), dir,
                  compiled_.from_cache ? " (compiled schema cache)" : "");
  }
  return static_cast<const lexicon::CompiledLexicon*>(compiled_.lexicon.get());
}

void CommandContext::Fail(const Error& error) {
  if (!capture_errors) {
    spdlog::error("{}", error.ToString());
  } else if (!captured_error) {
    captured_error = error;
  }
  exit_code = kExitError;
}

void CommandContext::NotFound(const std::string& message) {
  if (!capture_errors) {
    spdlog::error("{}", message);
  } else if (!captured_error) {
    captured_error = MakeError(message);
  }
  exit_code = kExitNotFound;
}

std::optional<graph::KnowledgeGraph> LoadGraphOrFail(CommandContext& ctx, const std::string& path) {
  graph::GraphSource source;
  auto g = graph::LoadGraphFile(path, &source);
  if (!source.note.empty()) spdlog::warn("{}", source.note);
  if (!g.ok()) {
    ctx.Fail(g.error());
    return std::nullopt;
  }
  if (!source.snapshot.empty()) spdlog::debug("graph read from the snapshot {}", source.snapshot);
  return std::move(g).value();
}

std::unique_ptr<graph::GraphView> LoadGraphViewOrFail(CommandContext& ctx, const std::string& path) {
  graph::GraphSource source;
  const auto start = std::chrono::steady_clock::now();
  auto g = graph::LoadGraphView(path, &source);
  if (!source.note.empty()) spdlog::warn("{}", source.note);
  if (!g.ok()) {
    ctx.Fail(g.error());
    return nullptr;
  }
  if (!source.snapshot.empty()) {
    spdlog::debug("graph read from the snapshot {}", source.snapshot);
  } else if (const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
             seconds >= 1.0 && path != "-") {
    // A big JSON graph read again for every query: say once how to make that cheap.
    spdlog::info("reading {} took {:.1f} s; `policykg export {} -o {}` writes a snapshot that later "
                 "queries read instead, in a fraction of that",
                 path, seconds, path, graph::SnapshotPathFor(path));
  }
  return std::move(g).value();
}

}  // namespace policykg::cli
