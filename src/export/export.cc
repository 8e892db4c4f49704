#include "export/export.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <sstream>

#include "common/file_io.h"
#include "export/writers.h"

namespace policykg::exports {

namespace {

ValueKind KindOf(const graph::AttrValue& value) {
  if (std::holds_alternative<bool>(value)) return ValueKind::kBoolean;
  if (const auto* d = std::get_if<double>(&value)) {
    return (*d == static_cast<double>(static_cast<int64_t>(*d)) && *d > -9e15 && *d < 9e15)
               ? ValueKind::kInteger
               : ValueKind::kDouble;
  }
  return ValueKind::kString;
}

}  // namespace

const char* TypeName(ValueKind kind) {
  switch (kind) {
    case ValueKind::kBoolean:
      return "boolean";
    case ValueKind::kInteger:
      return "long";
    case ValueKind::kDouble:
      return "double";
    case ValueKind::kString:
      break;
  }
  return "string";
}

namespace {

ValueKind Widen(ValueKind a, ValueKind b) {
  if (a == b) return a;
  bool numeric_a = a == ValueKind::kInteger || a == ValueKind::kDouble;
  bool numeric_b = b == ValueKind::kInteger || b == ValueKind::kDouble;
  if (numeric_a && numeric_b) return ValueKind::kDouble;
  return ValueKind::kString;
}

void AddColumns(const graph::Attributes& attributes, std::map<std::string, ValueKind>& kinds) {
  for (const auto& [name, value] : attributes) {
    auto [it, inserted] = kinds.emplace(name, KindOf(value));
    if (!inserted) it->second = Widen(it->second, KindOf(value));
  }
}

std::vector<AttributeColumn> ToColumns(const std::map<std::string, ValueKind>& kinds) {
  std::vector<AttributeColumn> columns;
  for (const auto& [name, kind] : kinds) columns.push_back({name, kind});
  return columns;
}

bool IsExportFormat(std::string_view format) {
  return std::any_of(std::begin(kExportFormats), std::end(kExportFormats),
                     [&](const char* f) { return format == f; });
}

Status WriteSingleFile(const graph::KnowledgeGraph& graph, const schema::Schema& schema,
                       std::string_view format, std::ostream& out) {
  if (format == "node-link") return WriteNodeLink(graph, out);
  if (format == "graphml") return WriteGraphMl(graph, out);
  if (format == "gexf") return WriteGexf(graph, schema, out);
  if (format == "dot") return WriteDot(graph, schema, out);
  if (format == "tsv") return WriteTsv(graph, out);
  if (format == "ntriples") return WriteNTriples(graph, schema, out);
  return MakeError(fmt::format("format {} does not write a single file", format));
}

Error UnknownFormat(std::string_view format) {
  return MakeError(fmt::format("--format: unknown export format '{}' (formats: {})", format,
                               ExportFormatList()));
}

}  // namespace

std::string ExportFormatList() {
  std::string out;
  for (const char* format : kExportFormats) {
    if (!out.empty()) out += ", ";
    out += format;
  }
  return out;
}

std::optional<std::string> ExportFormatFromPath(std::string_view path) {
  auto dot = path.rfind('.');
  if (dot == std::string_view::npos || path.find('/', dot) != std::string_view::npos)
    return std::nullopt;
  std::string ext(path.substr(dot + 1));
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  static const std::map<std::string, std::string> kByExtension = {
      {"json", "node-link"}, {"graphml", "graphml"}, {"gexf", "gexf"},  {"dot", "dot"},
      {"gv", "dot"},         {"tsv", "tsv"},         {"nt", "ntriples"}};
  auto it = kByExtension.find(ext);
  if (it == kByExtension.end()) return std::nullopt;
  return it->second;
}

std::vector<AttributeColumn> NodeAttributeColumns(const graph::KnowledgeGraph& graph) {
  std::map<std::string, ValueKind> kinds;
  for (auto [it, end] = boost::vertices(graph.g()); it != end; ++it) {
    AddColumns(graph.node(*it).attributes, kinds);
  }
  return ToColumns(kinds);
}

std::vector<AttributeColumn> EdgeAttributeColumns(const graph::KnowledgeGraph& graph) {
  std::map<std::string, ValueKind> kinds;
  for (auto [it, end] = boost::edges(graph.g()); it != end; ++it) {
    AddColumns(graph.edge(*it).attributes, kinds);
  }
  return ToColumns(kinds);
}

std::string AttributeKey(const std::string& name) {
  static const std::set<std::string> kReserved = {
      "id",     "name", "type",     "aliases", "mentions", "label",          "source",
      "target", "key",  "relation", "weight",  "evidence", "evidence_spans", "viz"};
  return kReserved.count(name) ? "attr_" + name : name;
}

Status ExportGraph(const graph::KnowledgeGraph& graph, const schema::Schema& schema,
                   std::string_view format, const std::string& output) {
  if (!IsExportFormat(format)) return UnknownFormat(format);
  if (format == "neo4j") {
    if (output == "-") {
      return MakeError(
          "-o: the neo4j export is a directory (nodes.csv, relationships.csv); "
          "give a directory path, not -");
    }
    return WriteNeo4jDirectory(graph, output);
  }
  return WriteStreamAtomic(
      output, [&](std::ostream& out) { return WriteSingleFile(graph, schema, format, out); });
}

Result<std::string> ExportToString(const graph::KnowledgeGraph& graph, const schema::Schema& schema,
                                   std::string_view format) {
  if (!IsExportFormat(format)) return UnknownFormat(format);
  std::ostringstream out;
  Status status = WriteSingleFile(graph, schema, format, out);
  if (!status.ok()) return status.error();
  return out.str();
}

}  // namespace policykg::exports
