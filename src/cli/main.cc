// policykg: the command-line front end. Parses flags, sets up logging, dispatches to the
// subcommands, and is the one place where library exceptions are caught.
#include <cstdio>
#include <exception>
#include <iostream>

#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "cli/command.h"

int main(int argc, char** argv) {
  using namespace policykg::cli;
  auto logger = spdlog::stderr_color_mt("policykg");
  logger->set_pattern("%^%l%$: %v");
  spdlog::set_default_logger(logger);
  spdlog::set_level(spdlog::level::info);

  CLI::App app{"policykg: build, query, render and export knowledge graphs of Chinese policy documents"};
  app.set_version_flag("--version", std::string("policykg ") + POLICYKG_VERSION);
  app.require_subcommand(1);
  app.fallthrough();
  CommandContext ctx;
  int verbose = 0;
  bool quiet = false;
  app.add_flag("-v,--verbose", verbose, "More log output on stderr (-vv for trace)");
  app.add_flag("-q,--quiet", quiet, "Only errors on stderr");
  app.add_option("--schema", ctx.schema_dir, "Schema directory (default: $POLICYKG_SCHEMA, ./schema, or the built-in one)");
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

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitError;
  } catch (const std::exception& e) {
    spdlog::error("{}", e.what());
    return kExitError;
  }
  return ctx.exit_code;
}
