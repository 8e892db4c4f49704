#include "eval/score.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "common/file_io.h"
#include "common/utf8.h"
#include "eval/py_compat.h"

namespace policykg::eval {

namespace {

using graph::Vertex;

constexpr const char* kTargetType = "Target";
constexpr const char* kPartOf = "part_of";
constexpr const char* kCooperatesWith = "cooperates_with";
constexpr const char* kTargetsRelation = "targets";

// Which nodes count: kg_score.py's mentioned().
class MentionFilter {
 public:
  MentionFilter(const graph::KnowledgeGraph& graph, const Gold& gold, const EvalOptions& options)
      : multi_doc_(graph.documents.size() > 1), scope_(options.scope) {
    for (auto& id : SelectDocuments(graph, gold, options)) doc_ids_.insert(std::move(id));
  }

  bool Mentioned(const graph::Node& node) const {
    if (!multi_doc_ && !scope_) return true;
    for (const auto& m : node.mentions) {
      if (multi_doc_ && !doc_ids_.count(m.doc)) continue;
      if (scope_ && !(scope_->begin <= m.start && m.start < scope_->end)) continue;
      return true;
    }
    return false;
  }

 private:
  bool multi_doc_;
  std::optional<ScopeRange> scope_;
  std::unordered_set<std::string> doc_ids_;
};

// Python float(value) for an attribute; nullopt where Python raises.
std::optional<double> AttrAsFloat(const graph::AttrValue& value) {
  if (const auto* s = std::get_if<std::string>(&value)) return ParsePythonFloat(*s);
  if (const auto* b = std::get_if<bool>(&value)) return *b ? 1.0 : 0.0;
  return std::get<double>(value);
}

// kg_score.py's magnitude(): the value with each leading 万 (1e4) or 亿 (1e8) of a unit longer than
// one character multiplied in, in the same order of operations (5500 亿元 = 550000000000 元).
double Magnitude(double value, std::string_view unit) {
  std::u32string u = DecodeUtf8Lenient(unit);
  size_t i = 0;
  while (u.size() - i > 1 && (u[i] == U'万' || u[i] == U'亿')) {
    value *= u[i] == U'万' ? 1e4 : 1e8;
    ++i;
  }
  return value;
}

// Python str(value) for an attribute.
std::string AttrAsPythonStr(const graph::AttrValue& value) {
  if (const auto* s = std::get_if<std::string>(&value)) return *s;
  if (const auto* b = std::get_if<bool>(&value)) return *b ? "True" : "False";
  return PythonNumberStr(std::get<double>(value));
}

std::vector<std::string> NodeKeys(const graph::Node& node) {
  std::vector<std::string> keys{ScoreKey(node.name)};
  for (const auto& a : node.aliases) keys.push_back(ScoreKey(a));
  return keys;
}

std::optional<int> Lookup(const std::unordered_map<std::string, int>& gold_key,
                          const std::string& name) {
  auto it = gold_key.find(ScoreKey(name));
  if (it == gold_key.end()) return std::nullopt;
  return it->second;
}

}  // namespace

std::vector<std::string> SelectDocuments(const graph::KnowledgeGraph& graph, const Gold& gold,
                                         const EvalOptions& options) {
  std::vector<std::string> ids;
  const std::string& name = options.doc.empty() ? gold.document : options.doc;
  if (name.empty()) return ids;
  for (const auto& d : graph.documents) {
    if ((d.path + d.title).find(name) != std::string::npos) ids.push_back(d.id);
  }
  return ids;
}

double F1(double precision, double recall) {
  return precision + recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall);
}

EvalReport Score(const graph::KnowledgeGraph& graph, const Gold& gold, const EvalOptions& options) {
  EvalReport report;
  const graph::BoostGraph& g = graph.g();
  const size_t n = graph.node_count();
  MentionFilter filter(graph, gold, options);

  // ---- entities
  std::unordered_map<std::string, int> gold_key;  // normalized name -> gold index (last wins)
  for (size_t i = 0; i < gold.entities.size(); ++i) {
    const GoldEntity& e = gold.entities[i];
    gold_key[ScoreKey(e.name)] = static_cast<int>(i);
    for (const auto& a : e.aliases) gold_key[ScoreKey(a)] = static_cast<int>(i);
  }
  std::unordered_set<std::string> optional;
  for (const auto& name : gold.optional) optional.insert(ScoreKey(name));

  EntityScores& ent = report.entities;
  std::vector<int> node_gold(n, -1);
  std::vector<bool> found(gold.entities.size(), false);
  std::vector<Vertex> target_nodes;
  for (Vertex v = 0; v < n; ++v) {
    const graph::Node& node = graph.node(v);
    if (!filter.Mentioned(node)) continue;
    if (node.type == kTargetType) {
      target_nodes.push_back(v);
      continue;
    }
    std::vector<std::string> keys = NodeKeys(node);
    int gi = -1;
    for (const auto& k : keys) {
      auto it = gold_key.find(k);
      if (it != gold_key.end() && (gi < 0 || it->second < gi)) gi = it->second;
    }
    if (gi >= 0) {
      node_gold[v] = gi;
      ++ent.scored;
      ++ent.untyped_matches;
      const GoldEntity& ge = gold.entities[gi];
      if (node.type == ge.type) {
        ++ent.typed_matches;
        found[gi] = true;
      } else {
        ent.type_errors.push_back(fmt::format("{}: {} (gold {})", node.name, node.type, ge.type));
      }
      continue;
    }
    bool is_optional = false;
    for (const auto& k : keys) is_optional = is_optional || optional.count(k) > 0;
    if (is_optional) continue;
    ++ent.scored;
    ent.false_positives.push_back(fmt::format("{} [{}]", node.name, node.type));
  }
  for (size_t i = 0; i < gold.entities.size(); ++i) {
    if (found[i]) {
      ++ent.found;
    } else {
      ent.missed.push_back(fmt::format("{} [{}]", gold.entities[i].name, gold.entities[i].type));
    }
  }
  ent.precision = ent.scored ? static_cast<double>(ent.typed_matches) / ent.scored : 0.0;
  ent.recall = gold.entities.empty() ? 0.0 : static_cast<double>(ent.found) / gold.entities.size();
  ent.f1 = F1(ent.precision, ent.recall);

  // ---- targets
  TargetScores& tgt = report.targets;
  tgt.total = static_cast<int>(gold.targets.size());
  for (const GoldTarget& t : gold.targets) {
    const std::string metric = ScoreKey(t.metric);
    bool ok = false;
    for (Vertex v : target_nodes) {
      const graph::Node& node = graph.node(v);
      auto value = node.attributes.find("value");
      if (value == node.attributes.end()) continue;
      std::optional<double> number = AttrAsFloat(value->second);
      if (!number) continue;
      std::string text = ScoreKey(node.name);
      if (auto m = node.attributes.find("metric"); m != node.attributes.end()) {
        text += ScoreKey(AttrAsPythonStr(m->second));
      }
      // str(unit or ""): a missing or falsy unit is "".
      std::string unit;
      if (auto u = node.attributes.find("unit"); u != node.attributes.end()) {
        const auto& a = u->second;
        const bool falsy = (std::holds_alternative<std::string>(a) && std::get<std::string>(a).empty()) ||
                           (std::holds_alternative<bool>(a) && !std::get<bool>(a)) ||
                           (std::holds_alternative<double>(a) && std::get<double>(a) == 0.0);
        if (!falsy) unit = AttrAsPythonStr(a);
      }
      const double gold_value = Magnitude(t.value, t.unit), node_value = Magnitude(*number, unit);
      if (std::abs(node_value - gold_value) <= 1e-9 * std::max(1.0, std::abs(gold_value)) &&
          text.find(metric) != std::string::npos) {
        ok = true;
        break;
      }
    }
    if (ok) {
      ++tgt.found;
    } else {
      tgt.missed.push_back(fmt::format("{}={}{}", t.metric, t.value_text, t.unit));
    }
  }
  if (tgt.total > 0) tgt.recall = static_cast<double>(tgt.found) / tgt.total;

  // ---- relation recall
  std::map<int, std::vector<Vertex>> by_gold;
  for (Vertex v = 0; v < n; ++v) {
    if (node_gold[v] >= 0) by_gold[node_gold[v]].push_back(v);
  }
  auto has_edge = [&](const std::vector<Vertex>& from, const std::vector<Vertex>& to,
                      const std::string& relation) {
    std::unordered_set<Vertex> targets(to.begin(), to.end());
    for (Vertex s : from) {
      for (auto [it, end] = boost::out_edges(s, g); it != end; ++it) {
        if (g[*it].relation == relation && targets.count(boost::target(*it, g))) return true;
      }
    }
    return false;
  };
  auto reaches = [&](const std::vector<Vertex>& from, const std::vector<Vertex>& to) {
    std::unordered_set<Vertex> targets(to.begin(), to.end());
    std::vector<bool> seen(n, false);
    std::vector<Vertex> stack;
    for (Vertex s : from) {
      if (!seen[s]) seen[s] = true, stack.push_back(s);
    }
    while (!stack.empty()) {
      Vertex u = stack.back();
      stack.pop_back();
      if (targets.count(u)) return true;
      for (auto [it, end] = boost::out_edges(u, g); it != end; ++it) {
        Vertex w = boost::target(*it, g);
        if (g[*it].relation == kPartOf && !seen[w]) seen[w] = true, stack.push_back(w);
      }
    }
    return false;
  };
  auto holds = [&](const GoldRelation& rel) {
    auto gs = Lookup(gold_key, rel.source);
    auto gt = Lookup(gold_key, rel.target);
    if (!gs || !gt) return false;
    auto s = by_gold.find(*gs);
    auto t = by_gold.find(*gt);
    if (s == by_gold.end() || t == by_gold.end()) return false;
    if (rel.relation == kPartOf) return reaches(s->second, t->second);
    if (has_edge(s->second, t->second, rel.relation)) return true;
    return rel.relation == kCooperatesWith && has_edge(t->second, s->second, rel.relation);
  };
  RelationScores& rel = report.relations;
  rel.total = static_cast<int>(gold.relations.size());
  for (const GoldRelation& r : gold.relations) {
    if (holds(r)) {
      ++rel.found;
    } else {
      rel.missed.push_back(fmt::format("{} -{}-> {}", r.source, r.relation, r.target));
    }
  }

  // ---- relation precision
  std::set<std::tuple<int, std::string, int>> gold_pairs;
  std::map<int, std::set<int>> part_of;  // direct gold part_of successors
  auto add_pairs = [&](const std::vector<GoldRelation>& relations) {
    for (const GoldRelation& r : relations) {
      auto gs = Lookup(gold_key, r.source);
      auto gt = Lookup(gold_key, r.target);
      if (!gs || !gt) continue;
      gold_pairs.emplace(*gs, r.relation, *gt);
      if (r.relation == kCooperatesWith) gold_pairs.emplace(*gt, r.relation, *gs);
      if (r.relation == kPartOf) part_of[*gs].insert(*gt);
    }
  };
  add_pairs(gold.relations);
  add_pairs(gold.optional_relations);
  std::map<int, std::set<int>> closure;  // entries reachable in one or more part_of steps
  for (const auto& [a, direct] : part_of) {
    std::set<int>& reach = closure[a];
    std::vector<int> stack(direct.begin(), direct.end());
    while (!stack.empty()) {
      int b = stack.back();
      stack.pop_back();
      if (!reach.insert(b).second) continue;
      if (auto it = part_of.find(b); it != part_of.end()) {
        stack.insert(stack.end(), it->second.begin(), it->second.end());
      }
    }
  }
  std::unordered_set<std::string> rel_types(gold.relation_types.begin(), gold.relation_types.end());
  for (auto [it, end] = boost::edges(g); it != end; ++it) {  // insertion (= file) order
    const std::string& r = g[*it].relation;
    if (!rel_types.count(r) || r == kTargetsRelation) continue;
    int gs = node_gold[boost::source(*it, g)];
    int gt = node_gold[boost::target(*it, g)];
    if (gs < 0 || gt < 0 || gs == gt) continue;
    ++rel.scored;
    bool good = gold_pairs.count({gs, r, gt}) > 0;
    if (!good && r == kPartOf) {
      auto c = closure.find(gs);
      good = c != closure.end() && c->second.count(gt) > 0;
    }
    if (good) {
      ++rel.correct;
    } else {
      rel.wrong.push_back(
          fmt::format("{} -{}-> {}", gold.entities[gs].name, r, gold.entities[gt].name));
    }
  }
  rel.precision = rel.scored ? static_cast<double>(rel.correct) / rel.scored : 0.0;
  rel.recall = rel.total ? static_cast<double>(rel.found) / rel.total : 0.0;
  rel.f1 = F1(rel.precision, rel.recall);
  return report;
}

Result<ScopeRange> ScopeRangeInText(std::string_view utf8_text, const ScopeLines& scope,
                                    const std::string& origin) {
  size_t bad = 0;
  auto decoded = DecodeUtf8Strict(utf8_text, &bad);
  if (!decoded) {
    Error e = MakeFileError(origin, "not valid UTF-8 (kg_score.py reads the text as UTF-8)");
    e.byte_offset = static_cast<int64_t>(bad);
    return e;
  }
  // Universal newlines: \r\n and lone \r read as one \n.
  std::vector<uint64_t> starts{0};
  uint64_t length = 0;
  const std::u32string& text = *decoded;
  for (size_t i = 0; i < text.size(); ++i) {
    char32_t cp = text[i];
    if (cp == U'\r' && i + 1 < text.size() && text[i + 1] == U'\n') continue;
    ++length;
    if (cp == U'\n' || cp == U'\r') starts.push_back(length);
  }
  if (scope.first < 1 || static_cast<size_t>(scope.first) > starts.size()) {
    return MakeFileError(
        origin, fmt::format("scope_lines start at line {} but the text has {} lines", scope.first,
                            starts.size()));
  }
  ScopeRange range;
  range.begin = starts[scope.first - 1];
  range.end = static_cast<size_t>(scope.last) < starts.size() ? starts[scope.last] : length;
  return range;
}

Result<std::optional<ScopeRange>> ResolveScope(const Gold& gold, const std::string& text_path) {
  if (!gold.scope_lines || text_path.empty()) return std::optional<ScopeRange>();
  auto bytes = ReadFileBytes(text_path);
  if (!bytes.ok()) return bytes.error();
  auto range = ScopeRangeInText(*bytes, *gold.scope_lines, text_path);
  if (!range.ok()) return range.error();
  return std::optional<ScopeRange>(*range);
}

}  // namespace policykg::eval
