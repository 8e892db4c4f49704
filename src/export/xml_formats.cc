// GraphML (typed <key> declarations, valid against the GraphML 1.0 XSD: ids and attribute names
// are NMTOKENs, the policykg id is the `id` data; networkx.read_graphml / yEd / Gephi) and GEXF
// 1.2draft or 1.3 (Gephi, graphology-gexf, networkx.read_gexf; attribute ids are their titles,
// aliases and evidence sentences are liststring, symmetric relations are "mutual" edges). List
// values are JSON arrays (GraphML: in string data).
#include <fmt/format.h>

#include <cstdio>
#include <string>

#include "common/json_writer.h"
#include "export/escape.h"
#include "export/writers.h"

namespace policykg::exports {

namespace {

std::string MentionsJson(const std::vector<graph::Mention>& mentions) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartArray();
  for (const auto& m : mentions) {
    w.StartObject();
    w.Key("doc"), w.String(m.doc);
    w.Key("start"), w.Uint(m.start);
    w.Key("end"), w.Uint(m.end);
    w.Key("rule"), w.String(m.rule);
    w.EndObject();
  }
  w.EndArray();
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::string EvidenceSpansJson(const std::vector<graph::Evidence>& evidence) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartArray();
  for (const auto& ev : evidence) {
    w.StartObject();
    w.Key("doc"), w.String(ev.doc);
    w.Key("start"), w.Uint(ev.start);
    w.Key("end"), w.Uint(ev.end);
    w.Key("rule"), w.String(ev.rule);
    w.Key("source"), w.String(ev.source);
    w.EndObject();
  }
  w.EndArray();
  return std::string(buffer.GetString(), buffer.GetSize());
}

std::vector<std::string> EvidenceTexts(const graph::Edge& edge) {
  std::vector<std::string> texts;
  for (const auto& ev : edge.evidence) texts.push_back(ev.text);
  return texts;
}

std::string ValueText(const graph::AttrValue& value, ValueKind kind) {
  if (kind == ValueKind::kDouble) {
    if (const auto* d = std::get_if<double>(&value)) return fmt::format("{}", *d);
  }
  return graph::AttrToString(value);  // booleans as true/false, integers without ".0"
}

struct Key {
  std::string id;
  std::string attribute;  // the graph attribute it carries; empty for built-in fields
};

std::vector<Key> DeclareKeys(std::ostream& out, const char* domain, const char* prefix,
                             const std::vector<std::pair<const char*, const char*>>& fields,
                             const std::vector<AttributeColumn>& columns, bool gexf) {
  std::vector<Key> keys;
  size_t index = 0;
  auto declare = [&](const std::string& title, const char* type, const std::string& attribute) {
    std::string id = gexf ? title : fmt::format("{}{}", prefix, index++);
    if (gexf) {
      out << "      <attribute id=\"" << id << "\" title=\"" << XmlAttribute(title) << "\" type=\""
          << type << "\"/>\n";
    } else {
      out << "  <key id=\"" << id << "\" for=\"" << domain << "\" attr.name=\""
          << XmlAttribute(XmlNmtoken(title)) << "\" attr.type=\"" << type << "\"/>\n";
    }
    keys.push_back({id, attribute});
  };
  for (const auto& [title, type] : fields) declare(title, type, "");
  for (const auto& column : columns) {
    declare(AttributeKey(column.name), TypeName(column.kind), column.name);
  }
  return keys;
}

// Parses "#rrggbb"; false for anything else.
bool ParseHexColor(const std::string& text, int rgb[3]) {
  if (text.size() != 7 || text[0] != '#') return false;
  for (int i = 0; i < 3; ++i) {
    unsigned value = 0;
    if (std::sscanf(text.c_str() + 1 + 2 * i, "%2x", &value) != 1) return false;
    rgb[i] = static_cast<int>(value);
  }
  return true;
}

}  // namespace

Status WriteGraphMl(const graph::KnowledgeGraph& graph, const schema::Schema& schema,
                    std::ostream& out) {
  const auto& g = graph.g();
  const auto node_columns = NodeAttributeColumns(graph);
  const auto edge_columns = EdgeAttributeColumns(graph);
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
         "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
         "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
         "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
  auto node_keys = DeclareKeys(
      out, "node", "n",
      {{"id", "string"},
       {"name", "string"},
       {"type", "string"},
       {"aliases", "string"},
       {"mentions", "string"}},
      node_columns, false);
  auto edge_keys = DeclareKeys(out, "edge", "e",
                               {{"relation", "string"},
                                {"weight", "double"},
                                {"symmetric", "boolean"},
                                {"evidence", "string"},
                                {"evidence_spans", "string"}},
                               edge_columns, false);
  out << "  <graph id=\"policykg\" edgedefault=\"directed\">\n";
  auto data = [&](const std::string& key, const std::string& value) {
    out << "      <data key=\"" << key << "\">" << XmlText(value) << "</data>\n";
  };
  for (auto [it, end] = boost::vertices(g); it != end; ++it) {
    const graph::Node& node = g[*it];
    out << "    <node id=\"" << XmlAttribute(XmlNmtoken(node.id)) << "\">\n";
    data(node_keys[0].id, node.id);
    data(node_keys[1].id, node.name);
    data(node_keys[2].id, node.type);
    data(node_keys[3].id, JsonStringArray(node.aliases));
    data(node_keys[4].id, MentionsJson(node.mentions));
    for (size_t i = 0; i < node_columns.size(); ++i) {
      auto found = node.attributes.find(node_columns[i].name);
      if (found != node.attributes.end()) {
        data(node_keys[5 + i].id, ValueText(found->second, node_columns[i].kind));
      }
    }
    out << "    </node>\n";
  }
  size_t edge_index = 0;
  for (graph::EdgeDescriptor e : graph.SortedEdges()) {
    const graph::Edge& edge = g[e];
    out << "    <edge id=\"e" << edge_index++ << "\" source=\""
        << XmlAttribute(XmlNmtoken(g[boost::source(e, g)].id)) << "\" target=\""
        << XmlAttribute(XmlNmtoken(g[boost::target(e, g)].id)) << "\">\n";
    data(edge_keys[0].id, edge.relation);
    data(edge_keys[1].id, graph::AttrToString(edge.weight));
    data(edge_keys[2].id, IsSymmetric(schema, edge.relation) ? "true" : "false");
    data(edge_keys[3].id, JsonStringArray(EvidenceTexts(edge)));
    data(edge_keys[4].id, EvidenceSpansJson(edge.evidence));
    for (size_t i = 0; i < edge_columns.size(); ++i) {
      auto found = edge.attributes.find(edge_columns[i].name);
      if (found != edge.attributes.end()) {
        data(edge_keys[5 + i].id, ValueText(found->second, edge_columns[i].kind));
      }
    }
    out << "    </edge>\n";
  }
  out << "  </graph>\n</graphml>\n";
  return Status::Ok();
}

Status WriteGexf(const graph::KnowledgeGraph& graph, const schema::Schema& schema,
                 const std::string& version, std::ostream& out) {
  const auto& g = graph.g();
  const auto node_columns = NodeAttributeColumns(graph);
  const auto edge_columns = EdgeAttributeColumns(graph);
  const bool v13 = version == "1.3";
  const char* ns = v13 ? "http://gexf.net/1.3" : "http://www.gexf.net/1.2draft";
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << fmt::format(
             "<gexf xmlns=\"{0}\" xmlns:viz=\"{0}/viz\" "
             "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
             "xsi:schemaLocation=\"{0} {0}/gexf.xsd\" version=\"{1}\">\n",
             ns, v13 ? "1.3" : "1.2")
      << "  <meta>\n    <creator>policykg</creator>\n"
         "    <description>Knowledge graph of Chinese policy documents</description>\n"
         "  </meta>\n"
         "  <graph defaultedgetype=\"directed\" mode=\"static\">\n";
  out << "    <attributes class=\"node\" mode=\"static\">\n";
  auto node_keys = DeclareKeys(
      out, "node", "n", {{"type", "string"}, {"aliases", "liststring"}, {"mentions", "string"}},
      node_columns, true);
  out << "    </attributes>\n    <attributes class=\"edge\" mode=\"static\">\n";
  auto edge_keys =
      DeclareKeys(out, "edge", "e",
                  {{"relation", "string"},
                   {"symmetric", "boolean"},
                   {"evidence", "liststring"},
                   {"evidence_spans", "string"}},
                  edge_columns, true);
  out << "    </attributes>\n";

  auto attvalue = [&](const std::string& key, const std::string& value) {
    out << "          <attvalue for=\"" << key << "\" value=\"" << XmlAttribute(value) << "\"/>\n";
  };
  out << "    <nodes>\n";
  for (auto [it, end] = boost::vertices(g); it != end; ++it) {
    const graph::Node& node = g[*it];
    out << "      <node id=\"" << XmlAttribute(node.id) << "\" label=\"" << XmlAttribute(node.name)
        << "\">\n        <attvalues>\n";
    attvalue(node_keys[0].id, node.type);
    attvalue(node_keys[1].id, GexfList(node.aliases));
    attvalue(node_keys[2].id, MentionsJson(node.mentions));
    for (size_t i = 0; i < node_columns.size(); ++i) {
      auto found = node.attributes.find(node_columns[i].name);
      if (found != node.attributes.end()) {
        attvalue(node_keys[3 + i].id, ValueText(found->second, node_columns[i].kind));
      }
    }
    out << "        </attvalues>\n";
    const auto* entity = schema.FindEntityType(node.type);
    int rgb[3];
    if (entity != nullptr && entity->style.count("fillcolor") &&
        ParseHexColor(entity->style.at("fillcolor"), rgb)) {
      out << fmt::format("        <viz:color r=\"{}\" g=\"{}\" b=\"{}\"/>\n", rgb[0], rgb[1],
                         rgb[2]);
    }
    out << "      </node>\n";
  }
  out << "    </nodes>\n    <edges>\n";
  size_t edge_index = 0;
  for (graph::EdgeDescriptor e : graph.SortedEdges()) {
    const graph::Edge& edge = g[e];
    const bool symmetric = IsSymmetric(schema, edge.relation);
    out << "      <edge id=\"" << edge_index++ << "\" source=\""
        << XmlAttribute(g[boost::source(e, g)].id) << "\" target=\""
        << XmlAttribute(g[boost::target(e, g)].id) << "\""
        << (symmetric ? " type=\"mutual\"" : "") << " label=\"" << XmlAttribute(edge.relation)
        << "\" weight=\"" << graph::AttrToString(edge.weight) << "\">\n        <attvalues>\n";
    attvalue(edge_keys[0].id, edge.relation);
    attvalue(edge_keys[1].id, symmetric ? "true" : "false");
    attvalue(edge_keys[2].id, GexfList(EvidenceTexts(edge)));
    attvalue(edge_keys[3].id, EvidenceSpansJson(edge.evidence));
    for (size_t i = 0; i < edge_columns.size(); ++i) {
      auto found = edge.attributes.find(edge_columns[i].name);
      if (found != edge.attributes.end()) {
        attvalue(edge_keys[4 + i].id, ValueText(found->second, edge_columns[i].kind));
      }
    }
    out << "        </attvalues>\n      </edge>\n";
  }
  out << "    </edges>\n  </graph>\n</gexf>\n";
  return Status::Ok();
}

}  // namespace policykg::exports
