// policykg eval: scores a graph file against a gold annotation with the rules of
// tools/kg_score.py and prints the same report (or its --json object). With --min-entity-f1 /
// --min-relation-f1 it doubles as a CI quality gate: exit 1 when a displayed F1 is below.
#include <spdlog/spdlog.h>

#include <iostream>
#include <memory>
#include <optional>

#include "cli/command.h"
#include "eval/gold.h"
#include "eval/report.h"
#include "eval/score.h"

namespace policykg::cli {

namespace {

struct EvalFlags {
  std::string graph_path;
  std::string gold_path;
  std::string doc;
  std::string text_path;
  bool json = false;
  std::optional<double> min_entity_f1;
  std::optional<double> min_relation_f1;
};

// True when `f1` as displayed (3 decimals) reaches `minimum`; logs the failure otherwise.
bool PassesGate(const char* what, double f1, const std::optional<double>& minimum) {
  if (!minimum) return true;
  double shown = eval::DisplayedScore(f1);
  if (shown >= *minimum) return true;
  spdlog::error("quality gate: {} F1 {} is below the minimum {}", what, shown, *minimum);
  return false;
}

void RunEval(CommandContext& ctx, const EvalFlags& flags) {
  auto gold = eval::LoadGold(flags.gold_path);
  if (!gold.ok()) return ctx.Fail(gold.error());
  std::optional<graph::KnowledgeGraph> graph = LoadGraphOrFail(ctx, flags.graph_path);
  if (!graph) return;

  eval::EvalOptions options;
  options.doc = flags.doc;
  auto scope = eval::ResolveScope(*gold, flags.text_path);
  if (!scope.ok()) return ctx.Fail(scope.error());
  options.scope = *scope;
  if (gold->scope_lines && flags.text_path.empty()) {
    spdlog::warn("{} covers lines {}-{} only; without --text every mention counts", flags.gold_path,
                 gold->scope_lines->first, gold->scope_lines->last);
  } else if (!gold->scope_lines && !flags.text_path.empty()) {
    spdlog::warn("--text is ignored: {} has no scope_lines", flags.gold_path);
  }
  if (graph->documents.size() > 1) {
    auto docs = eval::SelectDocuments(*graph, *gold, options);
    if (docs.empty()) {
      spdlog::warn("none of the graph's {} documents matches \"{}\"; nothing is scored",
                   graph->documents.size(), flags.doc.empty() ? gold->document : flags.doc);
    } else {
      spdlog::debug("scoring mentions in {} of {} documents", docs.size(), graph->documents.size());
    }
  } else if (!flags.doc.empty()) {
    spdlog::warn("--doc is ignored: the graph holds a single document");
  }

  eval::EvalReport report = eval::Score(*graph, *gold, options);
  if (flags.json) {
    eval::WriteReportJson(std::cout, report);
  } else {
    eval::PrintReport(std::cout, report);
  }
  std::cout.flush();
  if (!std::cout) return ctx.Fail(MakeError("cannot write to stdout"));
  bool ok = PassesGate("entity", report.entities.f1, flags.min_entity_f1);
  ok = PassesGate("relation", report.relations.f1, flags.min_relation_f1) && ok;
  if (!ok) ctx.exit_code = kExitNotFound;
}

}  // namespace

void RegisterEvalCommand(CLI::App& app, CommandContext& ctx) {
  auto flags = std::make_shared<EvalFlags>();
  CLI::App* cmd = app.add_subcommand(
      "eval", "Score a graph against a gold annotation (the rules of tools/kg_score.py)");
  cmd->add_option("graph", flags->graph_path, "Graph JSON file (- for stdin)")->required();
  cmd->add_option("gold", flags->gold_path, "Gold annotation (*.gold.json)")->required();
  cmd->add_option("--doc", flags->doc,
                  "In a multi-document graph, score the documents whose path or title contains "
                  "NAME (default: the gold's \"document\")");
  cmd->add_option("--text", flags->text_path,
                  "The document's text file, to restrict scoring to the gold's scope_lines");
  cmd->add_flag("--json", flags->json, "Print the scores as a JSON object");
  cmd->add_option("--min-entity-f1", flags->min_entity_f1,
                  "Exit 1 when the entity F1 (3 decimals) is below this")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--min-relation-f1", flags->min_relation_f1,
                  "Exit 1 when the relation F1 (3 decimals) is below this")
      ->check(CLI::Range(0.0, 1.0));
  cmd->callback([&ctx, flags] { RunEval(ctx, *flags); });
}

}  // namespace policykg::cli
