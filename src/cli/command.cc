#include "cli/command.h"

#include <spdlog/spdlog.h>

#include "graph/json_io.h"

namespace policykg::cli {

Result<const schema::Schema*> CommandContext::GetSchema() {
  if (!schema_) {
    std::string dir = schema_dir.empty() ? schema::DefaultSchemaDirectory() : schema_dir;
    auto loaded = schema::LoadSchema(dir);
    if (!loaded.ok()) return loaded.error();
    schema_ = std::make_unique<schema::Schema>(std::move(loaded).value());
    spdlog::debug("schema: {} entity types, {} relation types, {} regions from {}",
                  schema_->entity_types.size(), schema_->relation_types.size(),
                  schema_->lexicons.regions.size(), dir);
  }
  return static_cast<const schema::Schema*>(schema_.get());
}

void CommandContext::Fail(const Error& error) {
  spdlog::error("{}", error.ToString());
  exit_code = kExitError;
}

std::optional<graph::KnowledgeGraph> LoadGraphOrFail(CommandContext& ctx, const std::string& path) {
  auto g = graph::LoadGraph(path);
  if (!g.ok()) {
    ctx.Fail(g.error());
    return std::nullopt;
  }
  return std::move(g).value();
}

}  // namespace policykg::cli
