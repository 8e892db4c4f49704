// networkx node_link_data JSON: {"directed", "multigraph", "graph", "nodes", "links", "edges"}.
// The edge list is written under both keys, the default of networkx before 3.4 ("links") and from
// 3.6 on ("edges"), so that the plain networkx.node_link_graph(data) loads it in either.

#include <cmath>
#include <map>
#include <utility>

#include "common/json_writer.h"
#include "graph/json_values.h"
#include "export/writers.h"

namespace policykg::exports {

namespace {

using JsonWriter = policykg::JsonPrettyWriter;

// Writer::Key has no std::string overload in this RapidJSON.
void WriteDocuments(JsonWriter& w, const graph::KnowledgeGraph& graph) {
  w.StartArray();
  for (const auto& doc : graph.documents) {
    w.StartObject();
    w.Key("id"), w.String(doc.id);
    w.Key("path"), w.String(doc.path);
    w.Key("title"), w.String(doc.title);
    w.Key("sha256"), w.String(doc.sha256);
    w.Key("region"), w.String(doc.region);
    w.Key("chars"), w.Uint64(doc.chars);
    w.EndObject();
  }
  w.EndArray();
}

void WriteNode(JsonWriter& w, const graph::Node& node) {
  w.StartObject();
  graph::WriteNodeIdentity(w, node);
  for (const auto& [key, value] : node.attributes) {
    graph::WriteJsonKey(w, AttributeKey(key));
    graph::WriteAttrValue(w, value);
  }
  w.Key("mentions");
  w.StartArray();
  for (const auto& m : node.mentions) {
    w.StartObject();
    w.Key("doc"), w.String(m.doc);
    w.Key("start"), w.Uint(m.start);
    w.Key("end"), w.Uint(m.end);
    w.Key("rule"), w.String(m.rule);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

void WriteLink(JsonWriter& w, const graph::Node& source, const graph::Node& target,
               const graph::Edge& edge, int key, bool symmetric) {
  w.StartObject();
  w.Key("source"), w.String(source.id);
  w.Key("target"), w.String(target.id);
  w.Key("key"), w.Int(key);
  w.Key("relation"), w.String(edge.relation);
  w.Key("symmetric"), w.Bool(symmetric);
  w.Key("weight");
  graph::WriteAttrValue(w, edge.weight);
  for (const auto& [name, value] : edge.attributes) {
    graph::WriteJsonKey(w, AttributeKey(name));
    graph::WriteAttrValue(w, value);
  }
  w.Key("evidence");
  w.StartArray();
  for (const auto& ev : edge.evidence) w.String(ev.text);
  w.EndArray();
  w.Key("evidence_spans");
  w.StartArray();
  for (const auto& ev : edge.evidence) {
    w.StartObject();
    w.Key("doc"), w.String(ev.doc);
    w.Key("start"), w.Uint(ev.start);
    w.Key("end"), w.Uint(ev.end);
    w.Key("rule"), w.String(ev.rule);
    w.Key("source"), w.String(ev.source);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

void WriteLinks(JsonWriter& w, const graph::KnowledgeGraph& graph, const schema::Schema& schema) {
  const auto& g = graph.g();
  w.StartArray();
  std::map<std::pair<graph::Vertex, graph::Vertex>, int> keys;
  for (graph::EdgeDescriptor e : graph.SortedEdges()) {
    graph::Vertex s = boost::source(e, g), t = boost::target(e, g);
    WriteLink(w, g[s], g[t], g[e], keys[{s, t}]++, IsSymmetric(schema, g[e].relation));
  }
  w.EndArray();
}

}  // namespace

Status WriteNodeLink(const graph::KnowledgeGraph& graph, const schema::Schema& schema,
                     std::ostream& out) {
  const auto& g = graph.g();
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.SetIndent(' ', 1);
  w.StartObject();
  w.Key("directed"), w.Bool(true);
  w.Key("multigraph"), w.Bool(true);
  w.Key("graph");
  w.StartObject();
  w.Key("name"), w.String("policykg");
  w.Key("documents");
  WriteDocuments(w, graph);
  w.EndObject();
  w.Key("nodes");
  w.StartArray();
  for (auto [it, end] = boost::vertices(g); it != end; ++it) WriteNode(w, g[*it]);
  w.EndArray();
  w.Key("links");
  WriteLinks(w, graph, schema);
  w.Key("edges");
  WriteLinks(w, graph, schema);
  w.EndObject();
  out.write(buffer.GetString(), static_cast<std::streamsize>(buffer.GetSize()));
  out << '\n';
  return Status::Ok();
}

}  // namespace policykg::exports
