// The Kuzu layout: schema.cypher (node tables Entity and Document, rel tables RELATED and
// MENTIONS), one CSV per table plus aliases.csv and evidence.csv (one row per list item, so that
// no text goes through Kuzu's CSV list syntax), and load.cypher, which copies the tables and
// collects the lists in order. Every string is a plain RFC 4180 field; empty text reads back
// as NULL in Kuzu (hence coalesce() where lists are collected).
#include <fmt/format.h>

#include <string>

#include "common/json_writer.h"
#include "export/escape.h"
#include "export/writers.h"
#include "graph/json_values.h"

namespace policykg::exports {

namespace {

std::string AttributesJson(const graph::Attributes& attributes) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  graph::WriteAttributes(w, attributes);
  return std::string(buffer.GetString(), buffer.GetSize());
}

constexpr const char* kSchema =
    "// Tables of a policykg graph (policykg export --format kuzu); load.cypher fills them.\n"
    "CREATE NODE TABLE Entity(id STRING PRIMARY KEY, name STRING, type STRING,\n"
    "  aliases STRING[] DEFAULT CAST([] AS STRING[]), attributes STRING);\n"
    "CREATE NODE TABLE Document(id STRING PRIMARY KEY, path STRING, title STRING, sha256 STRING,\n"
    "  encoding STRING, region STRING, chars INT64);\n"
    "CREATE REL TABLE RELATED(FROM Entity TO Entity, edge_id STRING, relation STRING,\n"
    "  weight DOUBLE, symmetric BOOLEAN, attributes STRING,\n"
    "  evidence_doc STRING[] DEFAULT CAST([] AS STRING[]),\n"
    "  evidence_start INT64[] DEFAULT CAST([] AS INT64[]),\n"
    "  evidence_end INT64[] DEFAULT CAST([] AS INT64[]),\n"
    "  evidence_rule STRING[] DEFAULT CAST([] AS STRING[]),\n"
    "  evidence_source STRING[] DEFAULT CAST([] AS STRING[]),\n"
    "  evidence_text STRING[] DEFAULT CAST([] AS STRING[]));\n"
    "CREATE REL TABLE MENTIONS(FROM Document TO Entity, start_char INT64, end_char INT64,\n"
    "  rule STRING);\n";

// AUTO_DETECT=false: Kuzu otherwise guesses the CSV dialect from the first rows, and a file whose
// first quoted field comes later (a name with a comma on row 472 of mentions.csv) was read with
// no quote character at all. Its defaults without the guess are ours: comma, '"', '"' doubled.
constexpr const char* kLoad =
    "// Loads a policykg graph into Kuzu; run from this folder after schema.cypher.\n"
    "COPY Entity(id, name, type, attributes) FROM 'entities.csv' (HEADER=true, PARALLEL=false, AUTO_DETECT=false);\n"
    "COPY Document FROM 'documents.csv' (HEADER=true, PARALLEL=false, AUTO_DETECT=false);\n"
    "COPY RELATED(edge_id, relation, weight, symmetric, attributes) FROM 'related.csv'\n"
    "  (HEADER=true, PARALLEL=false, AUTO_DETECT=false);\n"
    "COPY MENTIONS FROM 'mentions.csv' (HEADER=true, PARALLEL=false, AUTO_DETECT=false);\n"
    "LOAD WITH HEADERS (entity STRING, position INT64, alias STRING) FROM 'aliases.csv'\n"
    "  (HEADER=true, PARALLEL=false, AUTO_DETECT=false)\n"
    "WITH entity, position, coalesce(alias, '') AS alias ORDER BY entity, position SKIP 0\n"
    "WITH entity, collect(alias) AS aliases\n"
    "MATCH (e:Entity {id: entity}) SET e.aliases = aliases;\n"
    "LOAD WITH HEADERS (source STRING, target STRING, edge_id STRING, position INT64,\n"
    "  doc STRING, start_char INT64, end_char INT64, rule STRING, fact_source STRING,\n"
    "  text STRING) FROM 'evidence.csv' (HEADER=true, PARALLEL=false, AUTO_DETECT=false)\n"
    "WITH source, target, edge_id, position, coalesce(doc, '') AS doc, start_char, end_char,\n"
    "  coalesce(rule, '') AS rule, coalesce(fact_source, '') AS fact_source,\n"
    "  coalesce(text, '') AS text ORDER BY edge_id, position SKIP 0\n"
    "WITH source, target, edge_id, collect(doc) AS docs, collect(start_char) AS start_list,\n"
    "  collect(end_char) AS end_list, collect(rule) AS rules, collect(fact_source) AS sources,\n"
    "  collect(text) AS texts\n"
    "MATCH (:Entity {id: source})-[r:RELATED {edge_id: edge_id}]->(:Entity {id: target})\n"
    "SET r.evidence_doc = docs, r.evidence_start = start_list, r.evidence_end = end_list,\n"
    "  r.evidence_rule = rules, r.evidence_source = sources, r.evidence_text = texts;\n";

Status WriteText(std::ostream& out, const char* text) {
  out << text;
  return Status::Ok();
}

}  // namespace

const std::vector<std::string>& KuzuFileNames() {
  static const std::vector<std::string> kNames = {
      "schema.cypher", "load.cypher",  "entities.csv", "aliases.csv",
      "documents.csv", "related.csv", "evidence.csv",  "mentions.csv"};
  return kNames;
}

std::vector<ExportFile> KuzuFiles(const graph::KnowledgeGraph& graph,
                                  const schema::Schema& schema) {
  const auto& g = graph.g();
  std::vector<ExportFile> files;
  files.push_back({"schema.cypher", [](std::ostream& out) { return WriteText(out, kSchema); }});
  files.push_back({"load.cypher", [](std::ostream& out) { return WriteText(out, kLoad); }});
  files.push_back({"entities.csv", [&](std::ostream& out) {
                     out << "id,name,type,attributes\n";
                     for (auto [it, end] = boost::vertices(g); it != end; ++it) {
                       const graph::Node& node = g[*it];
                       out << CsvField(node.id) << ',' << CsvField(node.name) << ','
                           << CsvField(node.type) << ','
                           << CsvField(AttributesJson(node.attributes)) << '\n';
                     }
                     return Status::Ok();
                   }});
  files.push_back({"aliases.csv", [&](std::ostream& out) {
                     out << "entity,position,alias\n";
                     for (auto [it, end] = boost::vertices(g); it != end; ++it) {
                       const graph::Node& node = g[*it];
                       for (size_t i = 0; i < node.aliases.size(); ++i) {
                         out << CsvField(node.id) << ',' << i << ','
                             << CsvField(node.aliases[i]) << '\n';
                       }
                     }
                     return Status::Ok();
                   }});
  files.push_back({"documents.csv", [&](std::ostream& out) {
                     out << "id,path,title,sha256,encoding,region,chars\n";
                     for (const auto& doc : graph.documents) {
                       out << CsvField(doc.id) << ',' << CsvField(doc.path) << ','
                           << CsvField(doc.title) << ',' << CsvField(doc.sha256) << ','
                           << CsvField(doc.encoding) << ',' << CsvField(doc.region) << ','
                           << doc.chars << '\n';
                     }
                     return Status::Ok();
                   }});
  files.push_back({"related.csv", [&](std::ostream& out) {
                     out << "from,to,edge_id,relation,weight,symmetric,attributes\n";
                     size_t index = 0;
                     for (graph::EdgeDescriptor e : graph.SortedEdges()) {
                       const graph::Edge& edge = g[e];
                       out << CsvField(g[boost::source(e, g)].id) << ','
                           << CsvField(g[boost::target(e, g)].id) << ",e" << index++ << ','
                           << CsvField(edge.relation) << ',' << fmt::format("{}", edge.weight)
                           << ',' << (IsSymmetric(schema, edge.relation) ? "true" : "false")
                           << ',' << CsvField(AttributesJson(edge.attributes)) << '\n';
                     }
                     return Status::Ok();
                   }});
  files.push_back({"evidence.csv", [&](std::ostream& out) {
                     out << "source,target,edge_id,position,doc,start_char,end_char,rule,"
                            "fact_source,text\n";
                     size_t index = 0;
                     for (graph::EdgeDescriptor e : graph.SortedEdges()) {
                       const graph::Edge& edge = g[e];
                       const std::string prefix =
                           CsvField(g[boost::source(e, g)].id) + ',' +
                           CsvField(g[boost::target(e, g)].id) + ",e" + std::to_string(index++);
                       for (size_t i = 0; i < edge.evidence.size(); ++i) {
                         const graph::Evidence& ev = edge.evidence[i];
                         out << prefix << ',' << i << ',' << CsvField(ev.doc) << ','
                             << ev.start << ',' << ev.end << ',' << CsvField(ev.rule) << ','
                             << CsvField(ev.source) << ',' << CsvField(ev.text) << '\n';
                       }
                     }
                     return Status::Ok();
                   }});
  files.push_back({"mentions.csv", [&](std::ostream& out) {
                     out << "from,to,start_char,end_char,rule\n";
                     for (auto [it, end] = boost::vertices(g); it != end; ++it) {
                       const graph::Node& node = g[*it];
                       for (const auto& m : node.mentions) {
                         out << CsvField(m.doc) << ',' << CsvField(node.id) << ',' << m.start
                             << ',' << m.end << ',' << CsvField(m.rule) << '\n';
                       }
                     }
                     return Status::Ok();
                   }});
  return files;
}

}  // namespace policykg::exports
