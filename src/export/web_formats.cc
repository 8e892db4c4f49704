// JSON for the web viewers: cytoscape.js elements and a graphology serialized graph (sigma.js).
// Both carry every attribute of the graph file: aliases, mentions and evidence as arrays.
#include <fmt/format.h>

#include <cmath>
#include <string>

#include "common/json_writer.h"
#include "export/writers.h"
#include "graph/json_values.h"

namespace policykg::exports {

namespace {

using Writer = policykg::JsonWriter;

void Str(Writer& w, std::string_view text) {
  w.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

void WriteDocuments(Writer& w, const graph::KnowledgeGraph& graph) {
  w.StartArray();
  for (const auto& doc : graph.documents) {
    w.StartObject();
    w.Key("id"), Str(w, doc.id);
    w.Key("path"), Str(w, doc.path);
    w.Key("title"), Str(w, doc.title);
    w.Key("sha256"), Str(w, doc.sha256);
    w.Key("region"), Str(w, doc.region);
    w.Key("chars"), w.Uint64(doc.chars);
    w.EndObject();
  }
  w.EndArray();
}

void WriteStrings(Writer& w, const std::vector<std::string>& items) {
  w.StartArray();
  for (const auto& item : items) Str(w, item);
  w.EndArray();
}

// The node's fields after its key: aliases, mentions, then its attributes.
void WriteNodeFields(Writer& w, const graph::Node& node) {
  w.Key("aliases"), WriteStrings(w, node.aliases);
  w.Key("mentions");
  w.StartArray();
  for (const auto& m : node.mentions) {
    w.StartObject();
    w.Key("doc"), Str(w, m.doc);
    w.Key("start"), w.Uint(m.start);
    w.Key("end"), w.Uint(m.end);
    w.Key("rule"), Str(w, m.rule);
    w.EndObject();
  }
  w.EndArray();
  for (const auto& [key, value] : node.attributes) {
    graph::WriteJsonKey(w, AttributeKey(key));
    graph::WriteAttrValue(w, value);
  }
}

void WriteEdgeFields(Writer& w, const graph::Edge& edge, bool symmetric) {
  w.Key("relation"), Str(w, edge.relation);
  w.Key("weight"), graph::WriteAttrValue(w, edge.weight);
  w.Key("symmetric"), w.Bool(symmetric);
  w.Key("evidence");
  w.StartArray();
  for (const auto& ev : edge.evidence) Str(w, ev.text);
  w.EndArray();
  w.Key("evidence_spans");
  w.StartArray();
  for (const auto& ev : edge.evidence) {
    w.StartObject();
    w.Key("doc"), Str(w, ev.doc);
    w.Key("start"), w.Uint(ev.start);
    w.Key("end"), w.Uint(ev.end);
    w.Key("rule"), Str(w, ev.rule);
    w.Key("source"), Str(w, ev.source);
    w.EndObject();
  }
  w.EndArray();
  for (const auto& [key, value] : edge.attributes) {
    graph::WriteJsonKey(w, AttributeKey(key));
    graph::WriteAttrValue(w, value);
  }
}

std::string StyleColor(const schema::Style& style, const char* key, const char* fallback) {
  auto it = style.find(key);
  return it != style.end() && it->second.size() == 7 && it->second[0] == '#' ? it->second
                                                                              : fallback;
}

std::string NodeColor(const schema::Schema& schema, const std::string& type) {
  const auto* entity = schema.FindEntityType(type);
  return entity ? StyleColor(entity->style, "fillcolor", "#999999") : "#999999";
}

std::string EdgeColor(const schema::Schema& schema, const std::string& relation) {
  const auto* rel = schema.FindRelationType(relation);
  return rel ? StyleColor(rel->style, "color", "#bbbbbb") : "#bbbbbb";
}

// A number rounded to 1/1000, written shortest.
void WriteCoordinate(Writer& w, double value) {
  graph::WriteJsonDouble(w, std::round(value * 1000.0) / 1000.0);
}

void Finish(rapidjson::StringBuffer& buffer, std::ostream& out) {
  out.write(buffer.GetString(), static_cast<std::streamsize>(buffer.GetSize()));
  out << '\n';
}

}  // namespace

Status WriteCytoscape(const graph::KnowledgeGraph& graph, const schema::Schema& schema,
                      std::ostream& out) {
  const auto& g = graph.g();
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  w.Key("format_version"), w.String("1.0");
  w.Key("generated_by"), w.String("policykg");
  w.Key("data");
  w.StartObject();
  w.Key("name"), w.String("policykg");
  w.Key("documents"), WriteDocuments(w, graph);
  w.EndObject();
  w.Key("elements");
  w.StartObject();
  w.Key("nodes");
  w.StartArray();
  for (auto [it, end] = boost::vertices(g); it != end; ++it) {
    const graph::Node& node = g[*it];
    w.StartObject();
    w.Key("data");
    w.StartObject();
    w.Key("id"), Str(w, node.id);
    w.Key("label"), Str(w, node.name);
    w.Key("name"), Str(w, node.name);
    w.Key("type"), Str(w, node.type);
    w.Key("color"), Str(w, NodeColor(schema, node.type));
    WriteNodeFields(w, node);
    w.EndObject();
    w.EndObject();
  }
  w.EndArray();
  w.Key("edges");
  w.StartArray();
  size_t index = 0;
  for (graph::EdgeDescriptor e : graph.SortedEdges()) {
    const graph::Edge& edge = g[e];
    w.StartObject();
    w.Key("data");
    w.StartObject();
    w.Key("id"), Str(w, fmt::format("e{}", index++));
    w.Key("source"), Str(w, g[boost::source(e, g)].id);
    w.Key("target"), Str(w, g[boost::target(e, g)].id);
    w.Key("label"), Str(w, edge.relation);
    w.Key("color"), Str(w, EdgeColor(schema, edge.relation));
    WriteEdgeFields(w, edge, IsSymmetric(schema, edge.relation));
    w.EndObject();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  w.EndObject();
  Finish(buffer, out);
  return Status::Ok();
}

Status WriteGraphology(const graph::KnowledgeGraph& graph, const schema::Schema& schema,
                       std::ostream& out) {
  const auto& g = graph.g();
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  w.Key("attributes");
  w.StartObject();
  w.Key("name"), w.String("policykg");
  w.Key("documents"), WriteDocuments(w, graph);
  w.EndObject();
  w.Key("options");
  w.StartObject();
  w.Key("type"), w.String("mixed");
  w.Key("multi"), w.Bool(true);
  w.Key("allowSelfLoops"), w.Bool(true);
  w.EndObject();
  w.Key("nodes");
  w.StartArray();
  // sigma.js needs a position: a phyllotaxis spiral in id order (run a layout such as
  // graphology-layout-forceatlas2 for a readable picture); size grows with the degree.
  size_t index = 0;
  for (auto [it, end] = boost::vertices(g); it != end; ++it, ++index) {
    const graph::Node& node = g[*it];
    const double radius = 10.0 * std::sqrt(static_cast<double>(index));
    const double angle = 2.399963229728653 * static_cast<double>(index);  // the golden angle
    const auto degree = boost::out_degree(*it, g) + boost::in_degree(*it, g);
    w.StartObject();
    w.Key("key"), Str(w, node.id);
    w.Key("attributes");
    w.StartObject();
    w.Key("label"), Str(w, node.name);
    w.Key("entity_type"), Str(w, node.type);
    w.Key("x"), WriteCoordinate(w, radius * std::cos(angle));
    w.Key("y"), WriteCoordinate(w, radius * std::sin(angle));
    w.Key("size"), WriteCoordinate(w, 3.0 + 2.0 * std::log2(1.0 + static_cast<double>(degree)));
    w.Key("color"), Str(w, NodeColor(schema, node.type));
    WriteNodeFields(w, node);
    w.EndObject();
    w.EndObject();
  }
  w.EndArray();
  w.Key("edges");
  w.StartArray();
  index = 0;
  for (graph::EdgeDescriptor e : graph.SortedEdges()) {
    const graph::Edge& edge = g[e];
    const bool symmetric = IsSymmetric(schema, edge.relation);
    w.StartObject();
    w.Key("key"), Str(w, fmt::format("e{}", index++));
    w.Key("source"), Str(w, g[boost::source(e, g)].id);
    w.Key("target"), Str(w, g[boost::target(e, g)].id);
    w.Key("undirected"), w.Bool(symmetric);
    w.Key("attributes");
    w.StartObject();
    w.Key("label"), Str(w, edge.relation);
    w.Key("color"), Str(w, EdgeColor(schema, edge.relation));
    WriteEdgeFields(w, edge, symmetric);
    w.EndObject();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  Finish(buffer, out);
  return Status::Ok();
}

}  // namespace policykg::exports
