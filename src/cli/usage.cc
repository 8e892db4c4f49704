#include "cli/usage.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <utility>

#include "common/suggest.h"

namespace policykg::cli {

namespace {

// The named subcommands of `app`, in definition order.
std::vector<const CLI::App*> Subcommands(const CLI::App& app) {
  return app.get_subcommands([](const CLI::App* sub) { return !sub->get_name().empty(); });
}

const CLI::App* FindSubcommand(const CLI::App& app, const std::string& name) {
  for (const CLI::App* sub : Subcommands(app)) {
    if (sub->get_name() == name) return sub;
  }
  return nullptr;
}

std::vector<std::string> SubcommandNames(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::App* sub : Subcommands(app)) names.push_back(sub->get_name());
  return names;
}

// `app` and the commands above it, innermost first (flags fall through to the outer ones).
std::vector<const CLI::App*> Chain(const CLI::App& app) {
  std::vector<const CLI::App*> chain;
  for (const CLI::App* a = &app; a != nullptr; a = a->get_parent()) chain.push_back(a);
  return chain;
}

// "policykg query neighbors".
std::string CommandPath(const CLI::App& app) {
  std::vector<const CLI::App*> chain = Chain(app);
  std::string path;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    if (!path.empty()) path += ' ';
    path += (*it)->get_name();
  }
  return path;
}

bool IsFlagToken(const std::string& token) {
  return token.size() > 1 && token[0] == '-' && !std::isdigit(static_cast<unsigned char>(token[1])) &&
         token[1] != '.';
}

// The option named `token` (--name, --name=value, -x) of `app` or a command above it.
const CLI::Option* FindOption(const CLI::App& app, const std::string& token) {
  const std::string name = token.substr(0, token.find('='));
  for (const CLI::App* a : Chain(app)) {
    for (const CLI::Option* opt : a->get_options()) {
      if (!opt->nonpositional()) continue;
      for (const auto& l : opt->get_lnames()) {
        if (name == "--" + l) return opt;
      }
      for (const auto& s : opt->get_snames()) {
        if (name == "-" + s) return opt;
      }
    }
  }
  return nullptr;
}

// The visible long flags of `app` and the commands above it closest to `name` (--depht: --depth):
// those at the least edit distance, when it is at most a third of the name (two at least).
std::vector<std::string> ClosestFlags(const CLI::App& app, const std::string& name) {
  std::string bare = name.substr(name.find_first_not_of('-'));
  std::vector<std::string> best;
  size_t best_distance = std::max<size_t>(2, bare.size() / 3);
  for (const CLI::App* a : Chain(app)) {
    for (const CLI::Option* opt : a->get_options()) {
      if (!opt->nonpositional() || opt->get_group().empty()) continue;  // hidden aliases
      for (const auto& l : opt->get_lnames()) {
        const size_t d = EditDistance(bare, l);
        if (d > best_distance) continue;
        if (d < best_distance) best.clear();
        best_distance = d;
        if (std::find(best.begin(), best.end(), "--" + l) == best.end()) best.push_back("--" + l);
      }
    }
  }
  return best;
}

std::string Quoted(const std::vector<std::string>& names) {
  std::vector<std::string> quoted;
  for (const auto& n : names) quoted.push_back("'" + n + "'");
  return fmt::format("{}", fmt::join(quoted, " or "));
}

// The help page of `target`, its usage line naming the commands above it with their positionals
// ("policykg query GRAPH neighbors [OPTIONS] entity").
std::string HelpPage(const CLI::App& target) {
  std::vector<const CLI::App*> chain = Chain(target);
  std::string prefix;
  for (auto it = chain.rbegin(); it + 1 != chain.rend(); ++it) {
    if (!prefix.empty()) prefix += ' ';
    prefix += (*it)->get_name();
    if ((*it)->get_parent() == nullptr) continue;
    for (const CLI::Option* opt : (*it)->get_options()) {
      if (!opt->get_positional() || !opt->get_required()) continue;
      std::string name = opt->get_name();
      std::transform(name.begin(), name.end(), name.begin(),
                     [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
      prefix += ' ' + name;
    }
  }
  return target.help(prefix);
}

}  // namespace

void RegisterHelpCommand(CLI::App& app) {
  CLI::App* help = app.add_subcommand(
      "help", "Show the options of a command: policykg help query neighbors");
  help->allow_extras();
}

std::optional<HelpRequest> FindHelpRequest(const CLI::App& app, const std::vector<std::string>& args) {
  const CLI::App* level = &app;
  bool asked = false;     // -h or --help seen
  bool explicit_help = false;  // the `help` command
  bool first_word = true;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& token = args[i];
    if (token == "--") break;
    if (token == "-h" || token == "--help") {
      asked = true;
      continue;
    }
    if (IsFlagToken(token)) {
      const CLI::Option* opt = FindOption(*level, token);
      if (opt != nullptr && opt->get_items_expected_min() > 0 && token.find('=') == std::string::npos) ++i;
      continue;
    }
    if (std::exchange(first_word, false) && token == "help" && FindSubcommand(app, "help")) {
      explicit_help = true;
      continue;
    }
    const CLI::App* sub = FindSubcommand(*level, token);
    if (sub != nullptr) {
      if (sub->get_name() != "help") level = sub;  // `help help`: the overview
    } else if (explicit_help) {
      // `help` names commands only: an unknown word is an error, with the closest names.
      auto close = ClosestNames(token, SubcommandNames(*level));
      std::string where = level == &app ? "policykg command" : "`" + CommandPath(*level) + "` subcommand";
      HelpRequest request;
      request.error = close.empty()
                          ? fmt::format("help: '{}' is not a {} (known: {})", token, where,
                                        fmt::join(SubcommandNames(*level), ", "))
                          : fmt::format("help: '{}' is not a {}; did you mean {}?", token, where,
                                        Quoted(close));
      return request;
    }
  }
  if (!asked && !explicit_help) return std::nullopt;
  return HelpRequest{HelpPage(*level), ""};
}

std::string DescribeParseError(const CLI::App& app, const CLI::ParseError& error) {
  const CLI::App* leaf = &app;
  while (!leaf->get_subcommands().empty()) leaf = leaf->get_subcommands().front();
  const std::vector<std::string> remaining = app.remaining(true);
  const std::string command = CommandPath(*leaf);

  for (const std::string& token : remaining) {
    if (!IsFlagToken(token) || FindOption(*leaf, token) != nullptr) continue;
    const std::string name = token.substr(0, token.find('='));
    auto close = ClosestFlags(*leaf, name);
    if (close.empty()) {
      return fmt::format("unknown flag {} for `{}` (`{}` lists the flags)", name, command,
                         leaf == &app ? "policykg help" : "policykg help" + command.substr(8));
    }
    return fmt::format("unknown flag {} for `{}`; did you mean {}?", name, command, Quoted(close));
  }

  const std::vector<std::string> subcommands = SubcommandNames(*leaf);
  if (!subcommands.empty() && leaf->get_subcommands().empty()) {
    const std::string where = leaf == &app ? "policykg command" : "`" + command + "` subcommand";
    // `query neighbors 万州` without the graph: the subcommand went into GRAPH.
    std::string hint;
    for (const CLI::Option* opt : leaf->get_options()) {
      if (!opt->get_positional() || opt->count() == 0) continue;
      for (const std::string& value : opt->results()) {
        if (FindSubcommand(*leaf, value)) {
          std::string positional = opt->get_name();
          std::transform(positional.begin(), positional.end(), positional.begin(),
                         [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
          hint = fmt::format(" ('{}' was taken as {}: the {} comes first, `{} {} {} …`)", value,
                             positional, opt->get_name(), command, positional, value);
        }
      }
    }
    for (const std::string& token : remaining) {
      if (IsFlagToken(token)) continue;
      auto close = ClosestNames(token, subcommands);
      if (close.empty()) {
        return fmt::format("'{}' is not a {} (known: {}){}", token, where,
                           fmt::join(subcommands, ", "), hint);
      }
      return fmt::format("'{}' is not a {}; did you mean {}?{}", token, where, Quoted(close), hint);
    }
    return fmt::format("`{}` needs a {}: {}{}", command, leaf == &app ? "command" : "subcommand",
                       fmt::join(subcommands, ", "), hint);
  }

  std::string message = error.what();
  std::replace(message.begin(), message.end(), '\n', ' ');
  while (!message.empty() && message.back() == ' ') message.pop_back();
  if (leaf != &app) message = fmt::format("`{}`: {}", command, message);
  return message;
}

std::string CanonicalName(const std::string& value, const std::vector<std::string>& known) {
  auto lower = [](std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
  };
  if (std::find(known.begin(), known.end(), value) != known.end()) return value;
  const std::string folded = lower(value);
  const std::string* match = nullptr;
  for (const auto& name : known) {
    if (lower(name) != folded) continue;
    if (match != nullptr) return value;  // two names differ only in case: say nothing
    match = &name;
  }
  return match != nullptr ? *match : value;
}

void CanonicalizeNames(std::vector<std::string>& values, const std::vector<std::string>& known) {
  for (auto& value : values) value = CanonicalName(value, known);
}

}  // namespace policykg::cli
