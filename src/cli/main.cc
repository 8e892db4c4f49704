// policykg: the command-line front end. Parses flags, sets up logging, dispatches to the
// subcommands, and is the one place where library exceptions are caught.
#include <sys/mman.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/pattern_formatter.h>
#include <spdlog/spdlog.h>

#include "cli/command.h"
#include "cli/usage.h"
#include "common/utf8.h"

namespace {

// %* in the log pattern: the message with control and format characters escaped (\x1b,
// \u{202e}), so names and paths from hostile files never send escape sequences to the terminal.
class EscapedMessage : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm&, spdlog::memory_buf_t& dest) override {
    std::string text = policykg::EscapeControls(std::string_view(msg.payload.data(), msg.payload.size()));
    dest.append(text.data(), text.data() + text.size());
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return spdlog::details::make_unique<EscapedMessage>();
  }
};

}  // namespace

// jemalloc's options, read at its start (MALLOC_CONF in the environment still overrides them):
// transparent huge pages for the heap and jemalloc's own metadata. Loading the schema and compiling
// its lexicons touches about 6 MB of fresh heap; in 4 KB pages that was ~1,700 page faults, half of
// the start-up's CPU on a VM. Unused (a plain global) when policykg is built with glibc's malloc.
extern "C" {
const char* malloc_conf = "thp:always,metadata_thp:always";
}

namespace {

// The first heap the process uses, faulted in with one call instead of page by page: a fault costs
// about 10 µs on this project's VM and 0.5 µs when the kernel populates the range at once. The block
// is freed right away; jemalloc keeps it (dirty) and carves the schema's and lexicons' allocations
// out of it. 4 MB: under jemalloc's oversize threshold (8 MB blocks are returned at once), above
// what start-up allocates. On a kernel without MADV_POPULATE_WRITE (before 5.14) madvise fails and
// nothing changes.
void PrefaultStartupHeap() {
  constexpr size_t kBytes = size_t{4} << 20, kPage = 4096;
  void* block = std::malloc(kBytes);
  if (block == nullptr) return;
  const uintptr_t first = (reinterpret_cast<uintptr_t>(block) + kPage - 1) & ~uintptr_t{kPage - 1};
  const uintptr_t last = (reinterpret_cast<uintptr_t>(block) + kBytes) & ~uintptr_t{kPage - 1};
#ifdef MADV_POPULATE_WRITE
  if (last > first) madvise(reinterpret_cast<void*>(first), last - first, MADV_POPULATE_WRITE);
#endif
  std::free(block);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace policykg::cli;
  PrefaultStartupHeap();
  auto logger = spdlog::stderr_color_mt("policykg");
  auto formatter = std::make_unique<spdlog::pattern_formatter>();
  formatter->add_flag<EscapedMessage>('*').set_pattern("%^%l%$: %*");
  logger->set_formatter(std::move(formatter));
  spdlog::set_default_logger(logger);
  spdlog::set_level(spdlog::level::info);

  CLI::App app{"policykg: build, query, render and export knowledge graphs of Chinese policy documents"};
  app.name("policykg");
  app.set_version_flag("--version", std::string("policykg ") + POLICYKG_VERSION);
  app.require_subcommand(1);
  app.fallthrough();
  app.footer("`policykg help COMMAND [SUBCOMMAND]` (or COMMAND --help) shows a command's options.");
  CommandContext ctx;
  int verbose = 0;
  bool quiet = false;
  app.add_flag("-v,--verbose", verbose, "More log output on stderr (-vv for trace)");
  app.add_flag("-q,--quiet", quiet, "Only errors on stderr");
  app.add_option("--schema", ctx.schema_dir, "Schema directory (default: $POLICYKG_SCHEMA, ./schema, or the built-in one)");
  app.add_flag(
      "--no-schema-cache", ctx.no_schema_cache,
      "Load and compile the schema's JSON, neither reading nor writing the compiled schema cache "
      "(also POLICYKG_SCHEMA_CACHE=off)");
  app.parse_complete_callback([&] {
    if (quiet) {
      spdlog::set_level(spdlog::level::err);
    } else if (verbose >= 2) {
      spdlog::set_level(spdlog::level::trace);
    } else if (verbose == 1) {
      spdlog::set_level(spdlog::level::debug);
    }
  });

  RegisterBuildCommand(app, ctx);
  RegisterEvalCommand(app, ctx);
  RegisterQueryCommand(app, ctx);
  RegisterRenderCommand(app, ctx);
  RegisterExportCommand(app, ctx);
  RegisterExplainCommand(app, ctx);
  RegisterHelpCommand(app);

  std::vector<std::string> args(argv + 1, argv + argc);
  if (std::optional<HelpRequest> help = FindHelpRequest(app, args)) {
    if (!help->error.empty()) {
      spdlog::error("{}", help->error);
      return kExitError;
    }
    std::cout << help->text;
    return kExitOk;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --version
    spdlog::error("{}", DescribeParseError(app, e));  // one line, like every error
    return kExitError;
  } catch (const std::exception& e) {
    spdlog::error("{}", e.what());
    return kExitError;
  }
  return ctx.exit_code;
}
