// policykg build: reports in, graph file out.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <thread>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "cli/command.h"
#include "extract/pipeline.h"
#include "graph/json_io.h"

namespace policykg::cli {

namespace {

struct BuildFlags {
  std::vector<std::string> inputs;
  std::string output = "-";
  int threads = 1;
  bool no_text = false;
  bool compact = false;
};

graph::KnowledgeGraph* graph_kept_until_exit = nullptr;

void RunBuild(CommandContext& ctx, const BuildFlags& flags) {
  auto schema = ctx.GetSchema();
  if (!schema.ok()) return ctx.Fail(schema.error());
  auto files = extract::ExpandInputs(flags.inputs);
  if (!files.ok()) return ctx.Fail(files.error());

  extract::BuildOptions options;
  options.threads = flags.threads > 0 ? flags.threads : static_cast<int>(std::thread::hardware_concurrency());
  options.embed_text = !flags.no_text;
  const bool tty = ::isatty(STDERR_FILENO) && spdlog::get_level() <= spdlog::level::info;
  options.progress = [tty](size_t done, size_t total) {
    if (tty && total > 1) {
      std::fprintf(stderr, "\rextracting %zu/%zu documents", done, total);
      if (done == total) std::fprintf(stderr, "\n");
    } else if (total >= 20 && done % (total / 10) == 0) {
      spdlog::info("extracted {}/{} documents", done, total);
    }
  };
  auto start = std::chrono::steady_clock::now();
  extract::BuildStats stats;
  auto graph = extract::BuildGraph(*files, **schema, options, &stats);
  if (!graph.ok()) return ctx.Fail(graph.error());
  graph::WriteOptions write;
  write.embed_text = !flags.no_text;
  write.pretty = !flags.compact;
  write.threads = options.threads;
  auto write_start = std::chrono::steady_clock::now();
  Status saved = graph::SaveGraph(*graph, flags.output, write);
  if (!saved.ok()) return ctx.Fail(saved.error());
  std::string stages;
  for (const auto& [stage, s] : stats.stage_seconds) stages += fmt::format(" {} {:.3f}s,", stage, s);
  spdlog::debug("time per stage (summed over threads):{} write {:.3f}s", stages,
                std::chrono::duration<double>(std::chrono::steady_clock::now() - write_start).count());
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  spdlog::info("{} documents ({} chars) -> {} nodes, {} edges in {:.2f}s{}", stats.documents, stats.bytes,
               graph->node_count(), graph->edge_count(), seconds,
               flags.output == "-" ? "" : " -> " + flags.output);
  if (stats.dropped_relations > 0) {
    spdlog::debug("{} relations refused by the schema's domain/range", stats.dropped_relations);
  }
  // The process ends right after this command: like clang's -disable-free, keep the graph
  // (reachable, so not a leak) instead of freeing millions of small objects one by one.
  graph_kept_until_exit = new graph::KnowledgeGraph(std::move(*graph));
}

}  // namespace

void RegisterBuildCommand(CLI::App& app, CommandContext& ctx) {
  auto flags = std::make_shared<BuildFlags>();
  CLI::App* cmd = app.add_subcommand("build", "Extract a knowledge graph from report texts (UTF-8 or GB18030)");
  cmd->add_option("inputs", flags->inputs, "Text files, or folders searched for *.txt")->required();
  cmd->add_option("-o,--output", flags->output, "Graph JSON file to write (- for stdout)")->capture_default_str();
  cmd->add_option("-j,--threads", flags->threads, "Extraction threads (0 = one per core)")->capture_default_str();
  cmd->add_flag("--no-text", flags->no_text, "Do not embed document texts (smaller file; `query evidence` then shows offsets only)");
  cmd->add_flag("--compact", flags->compact, "Write the JSON without line breaks");
  cmd->callback([&ctx, flags] { RunBuild(ctx, *flags); });
}

}  // namespace policykg::cli
