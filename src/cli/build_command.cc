// policykg build: reports in, graph file out.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <thread>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "cli/command.h"
#include "common/file_io.h"
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

void RunBuild(CommandContext& ctx, const BuildFlags& flags) {
  auto schema = ctx.GetSchema();
  if (!schema.ok()) return ctx.Fail(schema.error());
  auto files = extract::ExpandInputs(flags.inputs);
  if (!files.ok()) return ctx.Fail(files.error());
  Status distinct = CheckOutputIsNotInput(flags.output, *files);
  if (!distinct.ok()) return ctx.Fail(distinct.error());

  extract::BuildOptions options;
  options.threads = flags.threads > 0 ? flags.threads : static_cast<int>(std::thread::hardware_concurrency());
  options.embed_text = !flags.no_text;
  options.free_memory = false;  // the process ends right after this command
  const bool tty = ::isatty(STDERR_FILENO) && spdlog::get_level() <= spdlog::level::info;
  options.progress = [tty](size_t done, size_t total) {
    if (tty && total > 1) {
      std::fprintf(stderr, "\rextracting %zu/%zu documents", done, total);
      if (done == total) std::fprintf(stderr, "\n");
    } else if (total >= 20 && done % (total / 10) == 0) {
      spdlog::info("extracted {}/{} documents", done, total);
    }
  };
  graph::WriteOptions write;
  write.embed_text = !flags.no_text;
  write.pretty = !flags.compact;
  write.threads = options.threads;
  auto start = std::chrono::steady_clock::now();
  extract::BuildStats stats;
  // The file is written as the graph is finished, into a temp file that replaces the output only
  // when the build succeeds (a failed or interrupted build leaves any previous output as it was).
  Status saved = WriteStreamAtomic(flags.output, [&](std::ostream& out) {
    return extract::BuildGraphJson(*files, **schema, options, out, write, &stats);
  });
  if (!saved.ok()) return ctx.Fail(saved.error());
  std::string stages;
  for (const auto& [stage, s] : stats.stage_seconds) stages += fmt::format(" {} {:.3f}s,", stage, s);
  stages.pop_back();
  spdlog::debug("time per stage (summed over threads; writing overlaps finishing):{}", stages);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  spdlog::info("{} documents ({} chars) -> {} nodes, {} edges in {:.2f}s{}", stats.documents,
               stats.bytes, stats.nodes, stats.edges, seconds,
               flags.output == "-" ? "" : " -> " + flags.output);
  if (stats.dropped_relations > 0) {
    spdlog::debug("{} relations refused by the schema's domain/range", stats.dropped_relations);
  }
}

}  // namespace

void RegisterBuildCommand(CLI::App& app, CommandContext& ctx) {
  auto flags = std::make_shared<BuildFlags>();
  CLI::App* cmd = app.add_subcommand("build", "Extract a knowledge graph from report texts (UTF-8 or GB18030)");
  cmd->add_option("inputs", flags->inputs, "Text files, or folders searched for *.txt")->required();
  cmd->add_option("-o,--output", flags->output, "Graph JSON file to write (- for stdout)")->capture_default_str();
  cmd->add_option("-j,--threads", flags->threads, "Extraction threads (0 = one per core)")
      ->capture_default_str()
      ->check(CLI::Range(0, 256));
  cmd->add_flag("--no-text", flags->no_text, "Do not embed document texts (smaller file; `query evidence` then shows offsets only)");
  cmd->add_flag("--compact", flags->compact, "Write the JSON without line breaks");
  cmd->callback([&ctx, flags] { RunBuild(ctx, *flags); });
}

}  // namespace policykg::cli
