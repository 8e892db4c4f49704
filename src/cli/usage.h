// The git-style surface of the command line: `policykg help [COMMAND…]`, COMMAND --help anywhere
// on the line, one-line parse errors with "did you mean" for subcommands and flags, and names
// (entity types, relations) matched without regard to ASCII case.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace policykg::cli {

// Adds the `help` subcommand (it only appears in the listing; FindHelpRequest() answers it).
void RegisterHelpCommand(CLI::App& app);

struct HelpRequest {
  std::string text;   // the help page to print on stdout
  std::string error;  // or why there is none (unknown command), one line
};

// When `args` (argv without the program) asks for help — `help [COMMAND [SUBCOMMAND]]`, or -h /
// --help anywhere before `--` — the help of the command named by the words that are subcommand
// names (`query neighbors --help` and `query G neighbors --help` both give `neighbors`'s).
std::optional<HelpRequest> FindHelpRequest(const CLI::App& app, const std::vector<std::string>& args);

// One line for a failed parse of `app`: an unknown subcommand or flag names the closest known ones
// ("did you mean"), other errors keep CLI11's message; newlines are folded.
std::string DescribeParseError(const CLI::App& app, const CLI::ParseError& error);

// Each value replaced by the name in `known` it equals without regard to ASCII case, when there is
// exactly one such name and no exact match; values matching none are left for the caller to refuse.
void CanonicalizeNames(std::vector<std::string>& values, const std::vector<std::string>& known);
std::string CanonicalName(const std::string& value, const std::vector<std::string>& known);

}  // namespace policykg::cli
