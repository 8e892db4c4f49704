// Shared plumbing of the policykg subcommands: global flags, lazy schema loading, and the
// exit-code convention (0 ok, 1 nothing found, 2 error). Each subcommand lives in its own
// *_command.cc and only turns flags into a call into policykg_core.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "common/status.h"
#include "graph/graph_view.h"
#include "graph/model.h"
#include "schema/schema.h"

namespace policykg::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitNotFound = 1;
inline constexpr int kExitError = 2;

struct CommandContext {
  std::string schema_dir;  // --schema; empty = schema::DefaultSchemaDirectory()
  int exit_code = kExitOk;

  // Loads the schema on first use; later calls return the same object.
  Result<const schema::Schema*> GetSchema();
  // The schema's entity and relation types only (schema::LoadSchemaTypes), for commands that read
  // no lexicon: the full schema when it is already loaded, else only schema.json.
  Result<const schema::Schema*> GetSchemaTypes();

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
  std::unique_ptr<schema::Schema> schema_;
  std::unique_ptr<schema::Schema> schema_types_;
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
