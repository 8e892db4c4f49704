#include "query/report.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>

#include "common/json_writer.h"
#include "graph/json_values.h"
#include "query/table.h"

namespace policykg::query {

namespace {

using graph::Vertex;
// The pretty writer, also taking the views a GraphView gives.
class JsonWriter : public policykg::JsonPrettyWriter {
 public:
  using JsonPrettyWriter::JsonPrettyWriter;
  using JsonPrettyWriter::String;
  bool String(std::string_view s) {
    return JsonPrettyWriter::String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
  }
};

constexpr size_t kMaxListedNames = 8;

// Collects one JSON document and writes it, newline-terminated, to `out`.
class JsonOutput {
 public:
  explicit JsonOutput(std::ostream& out) : out_(out), writer_(buffer_) {
    writer_.SetIndent(' ', 2);
  }
  ~JsonOutput() {
    out_.write(buffer_.GetString(), static_cast<std::streamsize>(buffer_.GetSize()));
    out_ << '\n';
  }
  JsonWriter& w() { return writer_; }

 private:
  std::ostream& out_;
  rapidjson::StringBuffer buffer_;
  JsonWriter writer_;
};

void WriteNodeRef(JsonWriter& w, const graph::NodeRef& node) {
  w.StartObject();
  w.Key("id"), w.String(node.id);
  w.Key("name"), w.String(node.name);
  w.Key("type"), w.String(node.type);
  w.EndObject();
}

void WriteNodeRefs(JsonWriter& w, const GraphIndex& index, const std::vector<Vertex>& vertices) {
  w.StartArray();
  for (Vertex v : vertices) WriteNodeRef(w, index.graph().node(v));
  w.EndArray();
}

void WriteLink(JsonWriter& w, const GraphIndex& index, const Link& link) {
  const graph::GraphView& g = index.graph();
  w.StartObject();
  w.Key("relation"), w.String(g.relations().Name(g.relation_id(link.edge)));
  w.Key("direction"), w.String(DirectionName(link.direction));
  w.Key("source"), w.String(g.node_id(g.source(link.edge)));
  w.Key("target"), w.String(g.node_id(g.target(link.edge)));
  w.EndObject();
}

// The document's path, title, issuer and year (the last two when known), as object members.
void WriteDocumentName(JsonWriter& w, const graph::Document* document, const DocumentName& name) {
  if (!document) return;
  w.Key("path"), w.String(document->path);
  w.Key("title"), w.String(name.title);
  if (!name.issuer.empty()) w.Key("issuer"), w.String(name.issuer);
  if (name.year != 0) w.Key("year"), w.Int(name.year);
}

// "d2 2026年重庆市政府工作报告 (重庆, 2026)": the id and, when the graph has it, the document's name.
std::string DocCell(const std::string& id, const graph::Document* document, const DocumentName& name) {
  return document ? EscapeCell(id + " " + name.Label()) : EscapeCell(id);
}

// doc/start/end/rule/text or rule/source/text, as stored, plus the document's path and name.
void WriteEvidence(JsonWriter& w, const graph::Evidence& evidence,
                   const graph::Document* document, const DocumentName& name) {
  w.StartObject();
  if (!evidence.doc.empty()) {
    w.Key("doc"), w.String(evidence.doc);
    WriteDocumentName(w, document, name);
    w.Key("start"), w.Uint(evidence.start);
    w.Key("end"), w.Uint(evidence.end);
  }
  w.Key("rule"), w.String(evidence.rule);
  if (!evidence.source.empty()) w.Key("source"), w.String(evidence.source);
  w.Key("text"), w.String(evidence.text);
  w.EndObject();
}

std::string NameList(const GraphIndex& index, const std::vector<Vertex>& vertices) {
  std::string out;
  for (size_t i = 0; i < vertices.size() && i < kMaxListedNames; ++i) {
    if (i > 0) out += ", ";
    out += index.graph().node(vertices[i]).name;
  }
  if (vertices.size() > kMaxListedNames)
    out += fmt::format(", … (+{})", vertices.size() - kMaxListedNames);
  return out;
}

std::string AttributeList(const graph::Attributes& attributes) {
  std::string out;
  for (const auto& [key, value] : attributes) {
    if (!out.empty()) out += ", ";
    out += key + "=" + graph::AttrToString(value);
  }
  return out;
}

std::string Join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += separator;
    out += items[i];
  }
  return out;
}

size_t Degree(const GraphIndex& index, Vertex v) { return index.graph().degree(v); }

std::vector<std::string> Strings(const graph::RecordRange<std::string_view>& views) {
  return std::vector<std::string>(views.begin(), views.end());
}

// Links between via and vertex that the neighbor options allow.
std::vector<Link> AllowedLinks(const GraphIndex& index, const NeighborHit& hit,
                               const NeighborOptions& options) {
  std::vector<Link> out;
  for (const Link& link : LinksBetween(index, hit.via, hit.vertex, options.relations)) {
    if (link.direction == LinkDirection::kForward && options.direction == Direction::kIn) continue;
    if (link.direction == LinkDirection::kBackward && options.direction == Direction::kOut)
      continue;
    out.push_back(link);
  }
  if (out.empty()) out.push_back(hit.link);
  return out;
}

const char* DirectionOptionName(Direction direction) {
  switch (direction) {
    case Direction::kOut:
      return "out";
    case Direction::kIn:
      return "in";
    case Direction::kBoth:
      return "both";
  }
  return "";
}

// The evidence shown for a hop: the first from a document sentence, else the first fact.
std::optional<EdgeEvidenceItem> HopEvidence(const GraphIndex& index, const Hop& hop) {
  std::optional<EdgeEvidenceItem> fallback;
  for (const Link& link : hop.links) {
    for (auto& item : LinkEvidence(index, hop.from, hop.to, link)) {
      if (!item.evidence.doc.empty()) return item;
      if (!fallback) fallback = std::move(item);
    }
  }
  return fallback;
}

// A highlighted text as one table cell: control characters escaped, highlights in ANSI colour
// when `color` (escaping after colouring would mangle the escape sequences).
std::string HighlightCell(const HighlightedText& text, bool color) {
  HighlightedText escaped;
  size_t done = 0;
  for (auto [start, end] : text.highlights) {
    escaped.text += EscapeCell(std::string_view(text.text).substr(done, start - done));
    const size_t escaped_start = escaped.text.size();
    escaped.text += EscapeCell(std::string_view(text.text).substr(start, end - start));
    escaped.highlights.emplace_back(escaped_start, escaped.text.size());
    done = end;
  }
  escaped.text += EscapeCell(std::string_view(text.text).substr(done));
  return RenderHighlighted(escaped, color);
}

std::string EvidenceLabel(const EdgeEvidenceItem& item, bool color) {
  const graph::Evidence& ev = item.evidence;
  if (ev.doc.empty()) {
    std::string label = DescribeFactSource(ev);
    if (!item.text.text.empty()) label += " (" + HighlightCell(item.text, color) + ")";
    return label;
  }
  return fmt::format("{}, {}-{}: {}", DocCell(ev.doc, item.document, item.document_name), ev.start,
                     ev.end, HighlightCell(item.text, color));
}

std::string FormatScore(RankMeasure measure, double score) {
  if (measure == RankMeasure::kDegree) return fmt::format("{}", static_cast<long long>(score));
  return fmt::format("{:.6f}", score);
}

}  // namespace

void PrintFind(std::ostream& out, const GraphIndex& index, const FindResult& result) {
  Table table({"NAME", "TYPE", "DEGREE", "ALIASES", "ATTRIBUTES"});
  for (Vertex v : result.matches) {
    const graph::NodeRef node = index.graph().node(v);
    table.AddRow({std::string(node.name), std::string(node.type), std::to_string(Degree(index, v)),
                  Join(Strings(node.aliases), ", "), AttributeList(node.attributes())});
  }
  table.Print(out);
}

void WriteFindJson(std::ostream& out, const GraphIndex& index, const FindResult& result) {
  JsonOutput json(out);
  JsonWriter& w = json.w();
  w.StartObject();
  w.Key("total"), w.Uint64(result.total);
  w.Key("count"), w.Uint64(result.matches.size());
  w.Key("results");
  w.StartArray();
  for (Vertex v : result.matches) {
    const graph::NodeRef node = index.graph().node(v);
    w.StartObject();
    graph::WriteNodeIdentity(w, node);
    w.Key("attributes");
    w.StartObject();
    for (const auto& [key, value] : node.attributes()) {
      w.Key(key);
      graph::WriteAttrValue(w, value);
    }
    w.EndObject();
    w.Key("degree"), w.Uint64(Degree(index, v));
    w.Key("mentions"), w.Uint64(node.mentions.size());
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

void PrintNeighbors(std::ostream& out, const GraphIndex& index, const NeighborResult& result,
                    const NeighborOptions& options) {
  const graph::GraphView& g = index.graph();
  Table table({"DIST", "RELATION", "DIR", "NEIGHBOR", "TYPE", "VIA"});
  for (const auto& hit : result.hits) {
    std::vector<std::string> relations, arrows;
    for (const Link& link : AllowedLinks(index, hit, options)) {
      relations.emplace_back(g.edge(link.edge).relation);
      arrows.push_back(DirectionArrow(link.direction));
    }
    table.AddRow({std::to_string(hit.distance), Join(relations, ", "), Join(arrows, " "),
                  std::string(g.node(hit.vertex).name), std::string(g.node(hit.vertex).type),
                  std::string(g.node(hit.via).name)});
  }
  table.Print(out);
}

void WriteNeighborsJson(std::ostream& out, const GraphIndex& index, const NeighborResult& result,
                        const NeighborOptions& options) {
  const graph::GraphView& g = index.graph();
  JsonOutput json(out);
  JsonWriter& w = json.w();
  w.StartObject();
  w.Key("center");
  WriteNodeRef(w, g.node(result.center));
  w.Key("depth"), w.Int(options.depth);
  w.Key("direction"), w.String(DirectionOptionName(options.direction));
  w.Key("count"), w.Uint64(result.hits.size());
  w.Key("neighbors");
  w.StartArray();
  for (const auto& hit : result.hits) {
    const graph::NodeRef node = g.node(hit.vertex);
    w.StartObject();
    w.Key("id"), w.String(node.id);
    w.Key("name"), w.String(node.name);
    w.Key("type"), w.String(node.type);
    w.Key("distance"), w.Int(hit.distance);
    w.Key("via"), w.String(g.node(hit.via).id);
    w.Key("links");
    w.StartArray();
    for (const Link& link : AllowedLinks(index, hit, options)) WriteLink(w, index, link);
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

void PrintPaths(std::ostream& out, const GraphIndex& index, const PathResult& result, bool color) {
  const graph::GraphView& g = index.graph();
  for (size_t i = 0; i < result.paths.size(); ++i) {
    const Path& path = result.paths[i];
    if (i > 0) out << '\n';
    std::string chain = EscapeCell(g.node(path.nodes.front()).name);
    for (const Hop& hop : path.hops) {
      const char* arrow = hop.links.empty() ? "—" : DirectionArrow(hop.links.front().direction);
      chain += fmt::format(" {} {}", arrow, EscapeCell(g.node(hop.to).name));
    }
    out << fmt::format("path {} of {}{}, {} hop{}: {}\n", i + 1, result.paths.size(),
                       result.capped ? "+" : "", path.hops.size(), path.hops.size() == 1 ? "" : "s",
                       chain);
    if (path.hops.empty()) continue;
    Table table({"STEP", "FROM", "RELATION", "DIR", "TO", "EVIDENCE"});
    for (size_t h = 0; h < path.hops.size(); ++h) {
      const Hop& hop = path.hops[h];
      std::vector<std::string> relations, arrows;
      for (const Link& link : hop.links) {
        relations.emplace_back(g.edge(link.edge).relation);
        arrows.push_back(DirectionArrow(link.direction));
      }
      auto evidence = HopEvidence(index, hop);
      table.AddRow(
          {std::to_string(h + 1), EscapeCell(g.node(hop.from).name),
           EscapeCell(Join(relations, ", ")), Join(arrows, " "), EscapeCell(g.node(hop.to).name),
           evidence ? EvidenceLabel(*evidence, color) : "-"},
          /*raw=*/true);
    }
    table.Print(out);
  }
}

void WritePathsJson(std::ostream& out, const GraphIndex& index, Vertex from, Vertex to,
                    const PathResult& result) {
  const graph::GraphView& g = index.graph();
  JsonOutput json(out);
  JsonWriter& w = json.w();
  w.StartObject();
  w.Key("from");
  WriteNodeRef(w, g.node(from));
  w.Key("to");
  WriteNodeRef(w, g.node(to));
  w.Key("count"), w.Uint64(result.paths.size());
  w.Key("capped"), w.Bool(result.capped);
  w.Key("paths");
  w.StartArray();
  for (const Path& path : result.paths) {
    w.StartObject();
    w.Key("length"), w.Uint64(path.hops.size());
    w.Key("nodes");
    WriteNodeRefs(w, index, path.nodes);
    w.Key("hops");
    w.StartArray();
    for (const Hop& hop : path.hops) {
      w.StartObject();
      w.Key("from"), w.String(g.node(hop.from).id);
      w.Key("to"), w.String(g.node(hop.to).id);
      w.Key("links");
      w.StartArray();
      for (const Link& link : hop.links) WriteLink(w, index, link);
      w.EndArray();
      w.Key("evidence");
      if (auto evidence = HopEvidence(index, hop)) {
        WriteEvidence(w, evidence->evidence, evidence->document, evidence->document_name);
      } else {
        w.Null();
      }
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

void PrintEntityEvidence(std::ostream& out, const std::vector<MentionEvidence>& items, bool color) {
  Table table({"DOC", "START", "END", "RULE", "SENTENCE"});
  for (const auto& item : items) {
    std::string sentence = item.has_text   ? HighlightCell(item.sentence, color)
                           : item.document ? "(document text not embedded)"
                                           : "(unknown document)";
    table.AddRow({DocCell(item.mention.doc, item.document, item.document_name),
                  std::to_string(item.mention.start),
                  std::to_string(item.mention.end), EscapeCell(item.mention.rule), sentence},
                 /*raw=*/true);
  }
  table.Print(out);
}

void WriteEntityEvidenceJson(std::ostream& out, const GraphIndex& index, Vertex entity,
                             const std::vector<MentionEvidence>& items) {
  JsonOutput json(out);
  JsonWriter& w = json.w();
  w.StartObject();
  w.Key("entity");
  WriteNodeRef(w, index.graph().node(entity));
  w.Key("count"), w.Uint64(items.size());
  w.Key("mentions");
  w.StartArray();
  for (const auto& item : items) {
    w.StartObject();
    w.Key("doc"), w.String(item.mention.doc);
    WriteDocumentName(w, item.document, item.document_name);
    w.Key("start"), w.Uint(item.mention.start);
    w.Key("end"), w.Uint(item.mention.end);
    w.Key("rule"), w.String(item.mention.rule);
    if (item.has_text) {
      w.Key("text"), w.String(item.mention_text);
      w.Key("sentence"), w.String(item.sentence.text);
      w.Key("sentence_start"), w.Uint(item.sentence_start);
      w.Key("sentence_end"), w.Uint(item.sentence_end);
    } else {
      w.Key("sentence"), w.Null();
    }
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

void PrintEdgeEvidence(std::ostream& out, const GraphIndex& index,
                       const std::vector<EdgeEvidenceItem>& items, bool color) {
  const graph::GraphView& g = index.graph();
  Table table({"SOURCE", "RELATION", "TARGET", "DOC", "START", "END", "RULE", "TEXT"});
  for (const auto& item : items) {
    const graph::Evidence& ev = item.evidence;
    const bool fact = ev.doc.empty();
    std::string text = fact ? EvidenceLabel(item, color) : HighlightCell(item.text, color);
    table.AddRow({EscapeCell(g.node(g.source(item.link.edge)).name),
                  EscapeCell(g.edge(item.link.edge).relation),
                  EscapeCell(g.node(g.target(item.link.edge)).name),
                  fact ? "-" : DocCell(ev.doc, item.document, item.document_name),
                  fact ? "-" : std::to_string(ev.start),
                  fact ? "-" : std::to_string(ev.end), EscapeCell(ev.rule), text},
                 /*raw=*/true);
  }
  table.Print(out);
}

void WriteEdgeEvidenceJson(std::ostream& out, const GraphIndex& index, Vertex a, Vertex b,
                           const std::vector<EdgeEvidenceItem>& items) {
  const graph::GraphView& g = index.graph();
  JsonOutput json(out);
  JsonWriter& w = json.w();
  w.StartObject();
  w.Key("a");
  WriteNodeRef(w, g.node(a));
  w.Key("b");
  WriteNodeRef(w, g.node(b));
  w.Key("count"), w.Uint64(items.size());
  w.Key("evidence");
  w.StartArray();
  for (const auto& item : items) {
    w.StartObject();
    w.Key("link");
    WriteLink(w, index, item.link);
    w.Key("evidence");
    WriteEvidence(w, item.evidence, item.document, item.document_name);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

void PrintRank(std::ostream& out, const GraphIndex& index, RankMeasure measure,
               const std::vector<RankedNode>& ranked) {
  Table table({"RANK", "SCORE", "NAME", "TYPE"});
  for (size_t i = 0; i < ranked.size(); ++i) {
    const graph::NodeRef node = index.graph().node(ranked[i].vertex);
    table.AddRow(
        {std::to_string(i + 1), FormatScore(measure, ranked[i].score), std::string(node.name),
         std::string(node.type)});
  }
  table.Print(out);
}

void WriteRankJson(std::ostream& out, const GraphIndex& index, RankMeasure measure,
                   const std::vector<RankedNode>& ranked) {
  JsonOutput json(out);
  JsonWriter& w = json.w();
  w.StartObject();
  w.Key("by"), w.String(RankMeasureName(measure));
  w.Key("count"), w.Uint64(ranked.size());
  w.Key("results");
  w.StartArray();
  for (size_t i = 0; i < ranked.size(); ++i) {
    const graph::NodeRef node = index.graph().node(ranked[i].vertex);
    w.StartObject();
    w.Key("rank"), w.Uint64(i + 1);
    w.Key("id"), w.String(node.id);
    w.Key("name"), w.String(node.name);
    w.Key("type"), w.String(node.type);
    w.Key("score"), graph::WriteJsonDouble(w, ranked[i].score);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

void PrintComponents(std::ostream& out, const GraphIndex& index, const ComponentsResult& result,
                     size_t top, size_t max_members) {
  const size_t shown =
      top == 0 ? result.components.size() : std::min(top, result.components.size());
  Table table({"COMPONENT", "SIZE", "MEMBERS"});
  for (size_t i = 0; i < shown; ++i) {
    const auto& members = result.components[i];
    std::vector<std::string> names;
    const size_t listed = max_members == 0 ? members.size() : std::min(max_members, members.size());
    for (size_t m = 0; m < listed; ++m) names.emplace_back(index.graph().node(members[m]).name);
    std::string list = Join(names, ", ");
    if (listed < members.size()) list += fmt::format(", … (+{})", members.size() - listed);
    table.AddRow({std::to_string(i + 1), std::to_string(members.size()), list});
  }
  table.Print(out);
  if (shown < result.components.size()) {
    size_t singletons = 0;
    for (size_t i = shown; i < result.components.size(); ++i)
      singletons += result.components[i].size() == 1;
    out << fmt::format("… {} more components ({} of one node)\n", result.components.size() - shown,
                       singletons);
  }
}

void WriteComponentsJson(std::ostream& out, const GraphIndex& index, const ComponentsResult& result,
                         size_t top, size_t max_members) {
  const size_t shown =
      top == 0 ? result.components.size() : std::min(top, result.components.size());
  JsonOutput json(out);
  JsonWriter& w = json.w();
  w.StartObject();
  w.Key("count"), w.Uint64(result.components.size());
  w.Key("sizes");
  w.StartArray();
  for (const auto& c : result.components) w.Uint64(c.size());
  w.EndArray();
  w.Key("components");
  w.StartArray();
  for (size_t i = 0; i < shown; ++i) {
    const auto& members = result.components[i];
    const size_t listed = max_members == 0 ? members.size() : std::min(max_members, members.size());
    w.StartObject();
    w.Key("size"), w.Uint64(members.size());
    w.Key("members");
    WriteNodeRefs(
        w, index,
        std::vector<Vertex>(members.begin(), members.begin() + static_cast<ptrdiff_t>(listed)));
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

void PrintStats(std::ostream& out, const GraphStats& stats) {
  Table totals({"TOTAL", "COUNT"});
  totals.AddRow({"nodes", std::to_string(stats.nodes)});
  totals.AddRow({"edges", std::to_string(stats.edges)});
  totals.AddRow({"documents", std::to_string(stats.documents.size())});
  totals.AddRow({"mentions", std::to_string(stats.mentions)});
  totals.AddRow({"evidence", std::to_string(stats.evidence)});
  totals.AddRow({"gazetteer facts", std::to_string(stats.gazetteer_facts)});
  totals.AddRow({"components", std::to_string(stats.components)});
  totals.AddRow({"isolated nodes", std::to_string(stats.isolated_nodes)});
  totals.Print(out);
  out << '\n';
  Table types({"TYPE", "NODES"});
  for (const auto& [type, count] : stats.nodes_by_type) types.AddRow({type, std::to_string(count)});
  types.Print(out);
  out << '\n';
  Table relations({"RELATION", "EDGES"});
  for (const auto& [relation, count] : stats.edges_by_relation) {
    relations.AddRow({relation, std::to_string(count)});
  }
  relations.Print(out);
  out << '\n';
  Table documents({"DOC", "CHARS", "MENTIONS", "EVIDENCE", "PATH", "TITLE (ISSUER, YEAR)"});
  for (const auto& d : stats.documents) {
    documents.AddRow({d.document->id, std::to_string(d.document->chars), std::to_string(d.mentions),
                      std::to_string(d.evidence), d.document->path,
                      NameDocument(*d.document).Label()});
  }
  documents.Print(out);
}

void WriteStatsJson(std::ostream& out, const GraphStats& stats) {
  JsonOutput json(out);
  JsonWriter& w = json.w();
  w.StartObject();
  w.Key("nodes"), w.Uint64(stats.nodes);
  w.Key("edges"), w.Uint64(stats.edges);
  w.Key("mentions"), w.Uint64(stats.mentions);
  w.Key("evidence"), w.Uint64(stats.evidence);
  w.Key("gazetteer_facts"), w.Uint64(stats.gazetteer_facts);
  w.Key("components"), w.Uint64(stats.components);
  w.Key("isolated_nodes"), w.Uint64(stats.isolated_nodes);
  w.Key("nodes_by_type");
  w.StartObject();
  for (const auto& [type, count] : stats.nodes_by_type) w.Key(type), w.Uint64(count);
  w.EndObject();
  w.Key("edges_by_relation");
  w.StartObject();
  for (const auto& [relation, count] : stats.edges_by_relation) w.Key(relation), w.Uint64(count);
  w.EndObject();
  w.Key("documents");
  w.StartArray();
  for (const auto& d : stats.documents) {
    w.StartObject();
    w.Key("id"), w.String(d.document->id);
    w.Key("path"), w.String(d.document->path);
    w.Key("title"), w.String(d.document->title);
    const DocumentName name = NameDocument(*d.document);
    if (!name.issuer.empty()) w.Key("issuer"), w.String(name.issuer);
    if (name.year != 0) w.Key("year"), w.Int(name.year);
    w.Key("chars"), w.Uint64(d.document->chars);
    w.Key("text_embedded"), w.Bool(!d.document->text.empty());
    w.Key("mentions"), w.Uint64(d.mentions);
    w.Key("evidence"), w.Uint64(d.evidence);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

void PrintCollaboration(std::ostream& out, const GraphIndex& index,
                        const CollaborationReport& report) {
  Table regions({"RANK", "REGION", "SCORE", "PARTNERS", "INVOLVED IN"});
  for (size_t i = 0; i < report.regions.size(); ++i) {
    const auto& r = report.regions[i];
    regions.AddRow({std::to_string(i + 1), std::string(index.graph().node(r.region).name),
                    std::to_string(r.score), NameList(index, r.partners),
                    NameList(index, r.involved_in)});
  }
  regions.Print(out);
  out << '\n';
  Table pairs({"REGION A", "REGION B", "SHARED", "COOPERATE", "VIA"});
  for (const auto& p : report.pairs) {
    pairs.AddRow({std::string(index.graph().node(p.a).name), std::string(index.graph().node(p.b).name),
                  std::to_string(p.shared.size()), p.cooperate ? "yes" : "no",
                  NameList(index, p.shared)});
  }
  pairs.Print(out);
}

void WriteCollaborationJson(std::ostream& out, const GraphIndex& index,
                            const CollaborationReport& report) {
  const graph::GraphView& g = index.graph();
  JsonOutput json(out);
  JsonWriter& w = json.w();
  w.StartObject();
  w.Key("total_regions"), w.Uint64(report.total_regions);
  w.Key("total_pairs"), w.Uint64(report.total_pairs);
  w.Key("regions");
  w.StartArray();
  for (const auto& r : report.regions) {
    w.StartObject();
    w.Key("region");
    WriteNodeRef(w, g.node(r.region));
    w.Key("score"), w.Uint64(r.score);
    w.Key("partners");
    WriteNodeRefs(w, index, r.partners);
    w.Key("involved_in");
    WriteNodeRefs(w, index, r.involved_in);
    w.EndObject();
  }
  w.EndArray();
  w.Key("pairs");
  w.StartArray();
  for (const auto& p : report.pairs) {
    w.StartObject();
    w.Key("a");
    WriteNodeRef(w, g.node(p.a));
    w.Key("b");
    WriteNodeRef(w, g.node(p.b));
    w.Key("cooperate"), w.Bool(p.cooperate);
    w.Key("shared");
    WriteNodeRefs(w, index, p.shared);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

}  // namespace policykg::query
