// Line-oriented exports: plain DOT (styled, not laid out), TSV triples and N-Triples.
#include <fmt/format.h>

#include <set>
#include <string>

#include "export/escape.h"
#include "export/export.h"
#include "export/writers.h"
#include "render/dot_builder.h"
#include "render/view.h"

namespace policykg::exports {

namespace {

constexpr const char* kRdfType = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>";
constexpr const char* kRdfStatement = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement>";
constexpr const char* kRdfSubject = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#subject>";
constexpr const char* kRdfPredicate = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate>";
constexpr const char* kRdfObject = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#object>";
constexpr const char* kRdfsLabel = "<http://www.w3.org/2000/01/rdf-schema#label>";
constexpr const char* kSkosAltLabel = "<http://www.w3.org/2004/02/skos/core#altLabel>";
constexpr const char* kXsd = "http://www.w3.org/2001/XMLSchema#";

constexpr const char* kOwlSymmetric = "<http://www.w3.org/2002/07/owl#SymmetricProperty>";

struct IriMaker {
  const std::string& base;
  std::string operator()(std::string_view kind, std::string_view name) const {
    return fmt::format("<{}{}/{}>", base, kind, IriSegment(name));
  }
};

std::string Literal(const graph::AttrValue& value) {
  if (const auto* s = std::get_if<std::string>(&value)) return NTriplesString(*s);
  if (const auto* b = std::get_if<bool>(&value)) {
    return fmt::format("\"{}\"^^<{}boolean>", *b ? "true" : "false", kXsd);
  }
  double d = std::get<double>(value);
  bool integral = d == static_cast<double>(static_cast<int64_t>(d)) && d > -9e15 && d < 9e15;
  return fmt::format("\"{}\"^^<{}{}>", graph::AttrToString(value), kXsd,
                     integral ? "integer" : "double");
}

void Triple(std::ostream& out, std::string_view subject, std::string_view predicate,
            std::string_view object) {
  out << subject << ' ' << predicate << ' ' << object << " .\n";
}

std::string JoinedEvidence(const graph::Edge& edge) {
  std::string joined;
  for (const auto& ev : edge.evidence) {
    if (ev.text.empty()) continue;
    if (!joined.empty()) joined += '\n';
    joined += ev.text;
  }
  return joined;
}

}  // namespace

Status WriteDot(const graph::KnowledgeGraph& graph, const schema::Schema& schema,
                std::ostream& out) {
  render::DotOptions options;
  options.layout = "dot";
  options.legend = false;
  options.interactive = false;
  options.data_attributes = true;
  out << render::BuildDot(graph, schema, render::WholeGraphView(graph), options);
  return Status::Ok();
}

Status WriteTsv(const graph::KnowledgeGraph& graph, std::ostream& out) {
  const auto& g = graph.g();
  out << "source\trelation\ttarget\tweight\tevidence\n";
  for (graph::EdgeDescriptor e : graph.SortedEdges()) {
    const graph::Edge& edge = g[e];
    out << TsvField(g[boost::source(e, g)].name) << '\t' << TsvField(edge.relation) << '\t'
        << TsvField(g[boost::target(e, g)].name) << '\t' << graph::AttrToString(edge.weight) << '\t'
        << TsvField(JoinedEvidence(edge)) << '\n';
  }
  return Status::Ok();
}

Status WriteNTriples(const graph::KnowledgeGraph& graph, const schema::Schema& schema,
                     const std::string& base_iri, std::ostream& out) {
  const auto& g = graph.g();
  const IriMaker Iri{base_iri};
  auto zh = [](const std::string& text) { return NTriplesString(text) + "@zh"; };
  auto integer = [](uint64_t n) {
    return fmt::format("\"{}\"^^<http://www.w3.org/2001/XMLSchema#integer>", n);
  };
  for (const auto& doc : graph.documents) {
    const std::string subject = Iri("document", doc.id);
    Triple(out, subject, kRdfType, Iri("class", "Document"));
    Triple(out, subject, Iri("property", "id"), NTriplesString(doc.id));
    if (!doc.title.empty()) Triple(out, subject, kRdfsLabel, zh(doc.title));
    Triple(out, subject, Iri("property", "path"), NTriplesString(doc.path));
    Triple(out, subject, Iri("property", "sha256"), NTriplesString(doc.sha256));
    Triple(out, subject, Iri("property", "chars"), integer(doc.chars));
    if (!doc.region.empty()) Triple(out, subject, Iri("property", "region"), Iri("node", doc.region));
  }
  std::set<std::string> types, relations;
  for (auto [it, end] = boost::vertices(g); it != end; ++it) {
    const graph::Node& node = g[*it];
    const std::string subject = Iri("node", node.id);
    types.insert(node.type);
    Triple(out, subject, kRdfType, Iri("type", node.type));
    Triple(out, subject, Iri("property", "id"), NTriplesString(node.id));
    Triple(out, subject, kRdfsLabel, zh(node.name));
    for (const auto& alias : node.aliases) Triple(out, subject, kSkosAltLabel, zh(alias));
    for (const auto& [key, value] : node.attributes) {
      Triple(out, subject, Iri("attribute", key), Literal(value));
    }
    for (size_t i = 0; i < node.mentions.size(); ++i) {
      const graph::Mention& m = node.mentions[i];
      const std::string mention = fmt::format("_:m{}x{}", *it, i);
      Triple(out, subject, Iri("property", "mention"), mention);
      Triple(out, mention, Iri("property", "document"), Iri("document", m.doc));
      Triple(out, mention, Iri("property", "start"), integer(m.start));
      Triple(out, mention, Iri("property", "end"), integer(m.end));
      Triple(out, mention, Iri("property", "rule"), NTriplesString(m.rule));
    }
  }
  size_t edge_index = 0;
  for (graph::EdgeDescriptor e : graph.SortedEdges()) {
    const graph::Edge& edge = g[e];
    const std::string source = Iri("node", g[boost::source(e, g)].id);
    const std::string target = Iri("node", g[boost::target(e, g)].id);
    const std::string predicate = Iri("relation", edge.relation);
    relations.insert(edge.relation);
    Triple(out, source, predicate, target);
    // The edge's weight and evidence hang off a reified statement; each evidence is a node tied
    // to its document with the offsets and rule that found it.
    const std::string statement = fmt::format("_:e{}", edge_index);
    Triple(out, statement, kRdfType, kRdfStatement);
    Triple(out, statement, kRdfSubject, source);
    Triple(out, statement, kRdfPredicate, predicate);
    Triple(out, statement, kRdfObject, target);
    Triple(out, statement, Iri("property", "weight"), Literal(edge.weight));
    for (size_t i = 0; i < edge.evidence.size(); ++i) {
      const graph::Evidence& ev = edge.evidence[i];
      const std::string evidence = fmt::format("_:e{}x{}", edge_index, i);
      Triple(out, statement, Iri("property", "evidence"), evidence);
      Triple(out, evidence, Iri("property", "text"), zh(ev.text));
      Triple(out, evidence, Iri("property", "rule"), NTriplesString(ev.rule));
      if (!ev.doc.empty()) {
        Triple(out, evidence, Iri("property", "document"), Iri("document", ev.doc));
        Triple(out, evidence, Iri("property", "start"), integer(ev.start));
        Triple(out, evidence, Iri("property", "end"), integer(ev.end));
      }
      if (!ev.source.empty()) {
        Triple(out, evidence, Iri("property", "source"), NTriplesString(ev.source));
      }
    }
    for (const auto& [key, value] : edge.attributes) {
      Triple(out, statement, Iri("attribute", key), Literal(value));
    }
    ++edge_index;
  }
  for (const auto& type : types) {
    const auto* entity = schema.FindEntityType(type);
    if (entity == nullptr) continue;
    if (!entity->label_zh.empty()) {
      Triple(out, Iri("type", type), kRdfsLabel, NTriplesString(entity->label_zh) + "@zh");
    }
    if (!entity->label_en.empty()) {
      Triple(out, Iri("type", type), kRdfsLabel, NTriplesString(entity->label_en) + "@en");
    }
  }
  for (const auto& relation : relations) {
    const auto* rel = schema.FindRelationType(relation);
    if (rel == nullptr) continue;
    if (rel->symmetric) Triple(out, Iri("relation", relation), kRdfType, kOwlSymmetric);
    if (!rel->label_zh.empty()) {
      Triple(out, Iri("relation", relation), kRdfsLabel, NTriplesString(rel->label_zh) + "@zh");
    }
    if (!rel->label_en.empty()) {
      Triple(out, Iri("relation", relation), kRdfsLabel, NTriplesString(rel->label_en) + "@en");
    }
  }
  return Status::Ok();
}

}  // namespace policykg::exports
