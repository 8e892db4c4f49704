#include "query/find.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <regex>

#include "common/utf8.h"
#include "text/normalize.h"

namespace policykg::query {

namespace {

std::optional<double> ParseNumber(std::string_view text) {
  if (text.empty()) return std::nullopt;
  if (text.front() == '+') text.remove_prefix(1);
  double value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

template <typename T>
bool Compare(AttrCondition::Op op, const T& a, const T& b) {
  switch (op) {
    case AttrCondition::Op::kEq:
      return a == b;
    case AttrCondition::Op::kNe:
      return a != b;
    case AttrCondition::Op::kLt:
      return a < b;
    case AttrCondition::Op::kLe:
      return a <= b;
    case AttrCondition::Op::kGt:
      return a > b;
    case AttrCondition::Op::kGe:
      return a >= b;
    case AttrCondition::Op::kContains:
      return false;
  }
  return false;
}

std::wstring ToWide(std::u32string_view cps) { return std::wstring(cps.begin(), cps.end()); }

// Matches the text as written and with full-width forms folded, so the pattern 西部\(重庆\)
// also finds 西部（重庆）科学城.
bool RegexMatches(const std::wregex& regex, std::string_view utf8) {
  std::u32string cps = DecodeUtf8Lenient(utf8);
  if (std::regex_search(ToWide(cps), regex)) return true;
  std::u32string folded = text::FoldText(cps);
  return folded != cps && std::regex_search(ToWide(folded), regex);
}

}  // namespace

bool AttrCondition::Matches(const graph::Attributes& attributes) const {
  auto it = attributes.find(key);
  if (it == attributes.end()) return false;
  const graph::AttrValue& actual = it->second;
  const std::string text = graph::AttrToString(actual);
  if (op == Op::kContains) return text.find(value) != std::string::npos;
  std::optional<double> actual_number;
  if (const double* d = std::get_if<double>(&actual)) {
    actual_number = *d;
  } else if (std::holds_alternative<std::string>(actual)) {
    actual_number = ParseNumber(text);
  }
  if (number && actual_number) return Compare(op, *actual_number, *number);
  if (op == Op::kEq || op == Op::kNe) return Compare(op, text, value);
  return false;  // ordering needs two numbers
}

Result<AttrCondition> ParseAttrCondition(std::string_view text) {
  size_t pos = text.find_first_of("=!<>~");
  if (pos == std::string_view::npos) {
    return MakeError(fmt::format(
        "bad --attr condition '{}': expected key<op>value with op one of = != < <= > >= ~", text));
  }
  AttrCondition cond;
  cond.key = std::string(text.substr(0, pos));
  std::string_view rest = text.substr(pos);
  struct Spelling {
    std::string_view token;
    AttrCondition::Op op;
  };
  static constexpr Spelling kOps[] = {
      {"!=", AttrCondition::Op::kNe}, {"<=", AttrCondition::Op::kLe},
      {">=", AttrCondition::Op::kGe}, {"==", AttrCondition::Op::kEq},
      {"=", AttrCondition::Op::kEq},  {"<", AttrCondition::Op::kLt},
      {">", AttrCondition::Op::kGt},  {"~", AttrCondition::Op::kContains},
  };
  bool matched = false;
  for (const auto& s : kOps) {
    if (rest.substr(0, s.token.size()) == s.token) {
      cond.op = s.op;
      cond.value = std::string(rest.substr(s.token.size()));
      matched = true;
      break;
    }
  }
  if (!matched) {
    return MakeError(fmt::format("bad --attr condition '{}': unknown operator", text));
  }
  if (cond.key.empty()) return MakeError(fmt::format("bad --attr condition '{}': empty key", text));
  if (cond.value.empty()) {
    return MakeError(fmt::format("bad --attr condition '{}': empty value", text));
  }
  cond.number = ParseNumber(cond.value);
  bool ordering = cond.op == AttrCondition::Op::kLt || cond.op == AttrCondition::Op::kLe ||
                  cond.op == AttrCondition::Op::kGt || cond.op == AttrCondition::Op::kGe;
  if (ordering && !cond.number) {
    return MakeError(
        fmt::format("bad --attr condition '{}': {} needs a number", text, rest.substr(0, 1)));
  }
  return cond;
}

Result<FindResult> FindEntities(const GraphIndex& index, const FindOptions& options) {
  const graph::GraphView& g = index.graph();
  std::optional<std::wregex> regex;
  if (options.regex) {
    try {
      regex.emplace(ToWide(DecodeUtf8Lenient(options.pattern)), std::regex::ECMAScript);
    } catch (const std::regex_error& e) {
      return MakeError(fmt::format("bad regular expression '{}': {}", options.pattern, e.what()));
    }
  }
  const std::string key = options.regex ? "" : text::NameKey(options.pattern);

  struct Scored {
    bool exact;
    graph::Vertex v;
  };
  std::vector<Scored> found;
  for (graph::Vertex v = 0; v < g.node_count(); ++v) {
    const graph::NodeRef node = g.node(v);
    if (!options.types.empty() &&
        std::find(options.types.begin(), options.types.end(), node.type) == options.types.end()) {
      continue;
    }
    if (!options.conditions.empty()) {
      const graph::Attributes attributes = node.attributes();
      bool all_hold = true;
      for (const auto& cond : options.conditions) {
        if (!cond.Matches(attributes)) {
          all_hold = false;
          break;
        }
      }
      if (!all_hold) continue;
    }
    bool hit = false, exact = false;
    if (regex) {
      try {
        hit = RegexMatches(*regex, node.name);
        for (size_t i = 0; !hit && i < node.aliases.size(); ++i) {
          hit = RegexMatches(*regex, node.aliases[i]);
        }
      } catch (const std::regex_error& e) {
        return MakeError(fmt::format("regular expression '{}' failed on {}: {}", options.pattern,
                                     node.id, e.what()));
      }
    } else {
      const std::string_view name_key = node.name_key;
      exact = !key.empty() && name_key == key;
      hit = name_key.find(key) != std::string::npos;
      for (const std::string_view alias_key : node.alias_keys) {
        if (alias_key == key && !key.empty()) exact = true;
        if (alias_key.find(key) != std::string::npos) hit = true;
      }
    }
    if (hit) found.push_back({exact, v});
  }
  std::stable_sort(found.begin(), found.end(), [&](const Scored& a, const Scored& b) {
    if (a.exact != b.exact) return a.exact;
    return g.node(a.v).id < g.node(b.v).id;
  });
  FindResult result;
  result.total = found.size();
  size_t keep = options.limit == 0 ? found.size() : std::min(options.limit, found.size());
  for (size_t i = 0; i < keep; ++i) result.matches.push_back(found[i].v);
  return result;
}

}  // namespace policykg::query
