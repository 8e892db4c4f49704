// Shared plumbing of the policykg subcommands: global flags, lazy schema loading, and the
// exit-code convention (0 ok, 1 nothing found, 2 error). Each subcommand lives in its own
// *_command.cc and only turns flags into a call into policykg_core.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <optional>
#include <string>

#include "common/status.h"
#include "graph/graph_view.h"
#include "graph/model.h"
#include "lexicon/lexicon_cache.h"
#include "schema/schema.h"

namespace policykg::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitNotFound = 1;
inline constexpr int kExitError = 2;

struct CommandContext {
  CommandContext() = default;
  CommandContext(const CommandContext&) = delete;
  CommandContext& operator=(const CommandContext&) = delete;
  ~CommandContext();

  std::string schema_dir;  // --schema; empty = schema::DefaultSchemaDirectory()
  bool no_schema_cache = false;  // --no-schema-cache
  // True leaves the compiled schema to the process's exit (it ends right after the command):
  // freeing its many small objects one by one costs about half a millisecond.
  bool keep_schema_until_exit = false;
  int exit_code = kExitOk;

  // The schema's entity and relation types only (schema::LoadSchemaTypes), for commands that read
  // no lexicon: the full schema when it is already loaded, else only schema.json.
  Result<const schema::Schema*> GetSchemaTypes();
  // The schema with its lexicon compiled (build, explain; lexicon.schema() is the schema), on first
  // use through the compiled schema cache (lexicon::LoadCompiledSchema in
  // lexicon::DefaultLexiconCacheFolder(), unless no_schema_cache); later calls return the same one.
  Result<const lexicon::CompiledLexicon*> GetCompiledLexicon();

  // Logs `error` as one line on stderr and sets exit_code to kExitError.
  void Fail(const Error& error);
  // Logs `message` (e.g. no entity of that name) and sets exit_code to kExitNotFound.
  void NotFound(const std::string& message);

  // When set, Fail() and NotFound() keep their first error here instead of logging it
  // (`query --batch` answers it in the line's JSON).
  bool capture_errors = false;
  std::optional<Error> captured_error;

 private:
  std::string SchemaDirectory() const;
  std::unique_ptr<schema::Schema> schema_types_;
  lexicon::CompiledSchema compiled_;
};

// Loads a graph file ("-" = stdin), JSON or snapshot, or reports the error through ctx.Fail().
// Given a JSON file, reads the current snapshot beside it instead (graph::LoadGraphFile); a
// snapshot there but not used is one warning line saying why.
std::optional<graph::KnowledgeGraph> LoadGraphOrFail(CommandContext& ctx, const std::string& path);
// The same as a read-only view (a snapshot is read in place; graph::LoadGraphView); nullptr after
// ctx.Fail().
std::unique_ptr<graph::GraphView> LoadGraphViewOrFail(CommandContext& ctx, const std::string& path);

void RegisterBuildCommand(CLI::App& app, CommandContext& ctx);
void RegisterEvalCommand(CLI::App& app, CommandContext& ctx);
void RegisterQueryCommand(CLI::App& app, CommandContext& ctx);
void RegisterRenderCommand(CLI::App& app, CommandContext& ctx);
void RegisterExportCommand(CLI::App& app, CommandContext& ctx);
void RegisterExplainCommand(CLI::App& app, CommandContext& ctx);

}  // namespace policykg::cli
