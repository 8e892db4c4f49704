// policykg build: reports in, graph file out.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <cstdio>
#include <memory>
#include <thread>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "cli/command.h"
#include "common/file_io.h"
#include "common/hash64.h"
#include "extract/pipeline.h"
#include "graph/json_io.h"
#include "graph/snapshot.h"
#include "text/decode.h"

namespace policykg::cli {

namespace {

struct BuildFlags {
  std::vector<std::string> inputs;
  std::string output = "-";
  bool output_given = false;  // -o on the command line (- included)
  int threads = 0;
  bool no_text = false;
  bool compact = false;
  bool keep_going = false;
  bool snapshot = false;  // --snapshot: write G.kg.pkgs beside G.kg.json
};

// --keep-going: the inputs that expand, read and decode; each other one is reported on one line
// and counted in `skipped`.
std::vector<std::string> UsableFiles(const std::vector<std::string>& inputs, size_t& skipped) {
  std::vector<std::string> usable;
  for (const std::string& input : inputs) {
    auto files = extract::ExpandInputs({input});
    if (!files.ok()) {
      spdlog::error("{} (skipped)", files.error().ToString());
      ++skipped;
      continue;
    }
    for (const std::string& file : *files) {
      auto bytes = ReadFileBytes(file);
      std::optional<Error> error;
      if (!bytes.ok()) {
        error = bytes.error();
      } else if (auto decoded = text::DecodeBytes(*bytes, file); !decoded.ok()) {
        error = decoded.error();
      }
      if (error) {
        spdlog::error("{} (skipped)", error->ToString());
        ++skipped;
        continue;
      }
      if (std::find(usable.begin(), usable.end(), file) == usable.end()) usable.push_back(file);
    }
  }
  return usable;
}

void RunBuild(CommandContext& ctx, const BuildFlags& flags) {
  if (flags.output == "-" && !flags.output_given && ::isatty(STDOUT_FILENO)) {
    return ctx.Fail(MakeError(
        "build: not writing a graph to the terminal; give -o FILE (or -o - for stdout anyway)"));
  }
  auto lexicon = ctx.GetCompiledLexicon();
  if (!lexicon.ok()) return ctx.Fail(lexicon.error());
  size_t skipped = 0;
  std::vector<std::string> files;
  if (flags.keep_going) {
    files = UsableFiles(flags.inputs, skipped);
    if (files.empty()) return ctx.Fail(MakeError("build: no input file could be read"));
  } else {
    auto expanded = extract::ExpandInputs(flags.inputs);
    if (!expanded.ok()) return ctx.Fail(expanded.error());
    files = std::move(expanded).value();
  }
  Status distinct = CheckOutputIsNotInput(flags.output, files);
  if (!distinct.ok()) return ctx.Fail(distinct.error());
  // With --snapshot, the snapshot goes beside a JSON file (not beside stdout or a device).
  struct stat output_stat;
  const bool output_special = ::stat(flags.output.c_str(), &output_stat) == 0 &&
                              !S_ISREG(output_stat.st_mode);  // /dev/null, a FIFO
  const std::string snapshot_path = !flags.snapshot || flags.output == "-" || output_special
                                        ? ""
                                        : graph::SnapshotPathFor(flags.output);
  if (!snapshot_path.empty()) {
    Status snapshot_distinct = CheckOutputIsNotInput(snapshot_path, files);
    if (!snapshot_distinct.ok()) return ctx.Fail(snapshot_distinct.error());
  }

  extract::BuildOptions options;
  options.threads = flags.threads > 0 ? flags.threads : static_cast<int>(std::thread::hardware_concurrency());
  options.embed_text = !flags.no_text;
  options.free_memory = false;  // the process ends right after this command
  ctx.keep_schema_until_exit = true;
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
  Status saved;
  std::unique_ptr<graph::SnapshotWriter> snapshot;
  graph::FileDigest json;
  for (;;) {
    stats = {};
    saved = WriteStreamAtomic(flags.output, [&](std::ostream& out) {
      if (snapshot_path.empty()) {
        return extract::BuildGraphJson(files, **lexicon, options, out, write, &stats);
      }
      // The snapshot gets the records as they are written, and the JSON's size and hash.
      snapshot = std::make_unique<graph::SnapshotWriter>();
      write.snapshot = snapshot.get();
      Hash64OStream hashed(out);
      Status built = extract::BuildGraphJson(files, **lexicon, options, hashed, write, &stats);
      hashed.flush();
      json = {hashed.size(), hashed.Digest()};
      return built;
    });
    if (saved.ok() || !flags.keep_going) break;
    // --keep-going: a file that failed past decoding is left out and the rest built again.
    auto bad = std::find(files.begin(), files.end(), saved.error().file);
    if (bad == files.end() || files.size() == 1) break;
    spdlog::error("{} (skipped)", saved.error().ToString());
    ++skipped;
    files.erase(bad);
  }
  if (!saved.ok()) return ctx.Fail(saved.error());
  // Written after the JSON (temp file + rename, like it): a reader that sees the new JSON and the
  // old snapshot finds the snapshot stale and reads the JSON. Not beside a device or FIFO.
  if (snapshot && ::stat(flags.output.c_str(), &output_stat) == 0 && S_ISREG(output_stat.st_mode)) {
    Status snapshot_saved = snapshot->status();
    if (snapshot_saved.ok()) {
      snapshot_saved =
          graph::SaveSnapshot(snapshot->Serialize(json.size, json.hash), snapshot_path);
    }
    if (!snapshot_saved.ok()) {
      spdlog::error("{} (the graph JSON {} was written; its snapshot was not)",
                    snapshot_saved.error().ToString(), flags.output);
      ctx.exit_code = kExitError;
      return;
    }
    spdlog::debug("snapshot {} written", snapshot_path);
  }
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
  if (skipped > 0) {
    spdlog::warn("{} input(s) skipped (listed above); the graph holds the other {}", skipped,
                 files.size());
    ctx.exit_code = kExitNotFound;
  }
}

}  // namespace

void RegisterBuildCommand(CLI::App& app, CommandContext& ctx) {
  auto flags = std::make_shared<BuildFlags>();
  CLI::App* cmd = app.add_subcommand("build", "Extract a knowledge graph from report texts (UTF-8 or GB18030)");
  cmd->add_option("inputs", flags->inputs, "Text files, or folders searched for *.txt")->required();
  CLI::Option* output =
      cmd->add_option("-o,--output", flags->output,
                      "Graph JSON file to write (- for stdout; required when stdout is a terminal)");
  cmd->add_option("-j,--threads", flags->threads, "Threads (default 0: one per core)")
      ->check(CLI::Range(0, 256));
  cmd->add_flag("--keep-going", flags->keep_going,
                "Skip inputs that cannot be read or decoded (one error line each), build the rest "
                "and exit 1; without it the first bad input stops the build (exit 2)");
  cmd->add_flag("--no-text", flags->no_text, "Do not embed document texts (smaller file; `query evidence` then shows offsets only)");
  cmd->add_flag("--compact", flags->compact, "Write the JSON without line breaks");
  cmd->add_flag("--snapshot", flags->snapshot,
                "Also write the binary snapshot beside the JSON (G.kg.json -> G.kg.pkgs), which "
                "query, render, export and eval read instead of the JSON while it is current "
                "(costs build about 45% more CPU)");
  cmd->footer("Exit status: 0 built, 1 built with inputs skipped (--keep-going), 2 error.");
  cmd->callback([&ctx, flags, output] {
    flags->output_given = output->count() > 0;
    RunBuild(ctx, *flags);
  });
}

}  // namespace policykg::cli
