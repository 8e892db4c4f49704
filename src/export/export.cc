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
                       std::string_view format, const ExportOptions& options, std::ostream& out) {
  if (format == "node-link") return WriteNodeLink(graph, schema, out);
  if (format == "graphml") return WriteGraphMl(graph, schema, out);
  if (format == "gexf") return WriteGexf(graph, schema, options.gexf_version, out);
  if (format == "cytoscape") return WriteCytoscape(graph, schema, out);
  if (format == "graphology") return WriteGraphology(graph, schema, out);
  if (format == "dot") return WriteDot(graph, schema, out);
  if (format == "tsv") return WriteTsv(graph, out);
  if (format == "ntriples") return WriteNTriples(graph, schema, options.base_iri, out);
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
      {"json", "node-link"}, {"graphml", "graphml"}, {"gexf", "gexf"}, {"dot", "dot"},
      {"gv", "dot"},         {"tsv", "tsv"},         {"nt", "ntriples"}, {"cyjs", "cytoscape"}};
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
      "id",     "name",     "type",     "aliases",  "mentions",  "label",  "source",
      "target", "key",      "relation", "weight",   "evidence",  "evidence_spans", "viz",
      "symmetric", "parent", "x",      "y",        "size",      "color",  "entity_type",
      "hidden", "forceLabel", "zIndex", "documents", "kind"};
  return kReserved.count(name) ? "attr_" + name : name;
}

bool IsSymmetric(const schema::Schema& schema, const std::string& relation) {
  const auto* type = schema.FindRelationType(relation);
  return type != nullptr && type->symmetric;
}

Status CheckExportOptions(const ExportOptions& options) {
  if (options.gexf_version != "1.2draft" && options.gexf_version != "1.3") {
    return MakeError(fmt::format("--gexf-version: '{}' is not 1.2draft or 1.3", options.gexf_version));
  }
  const std::string& iri = options.base_iri;
  auto scheme = iri.find(':');
  bool scheme_ok = scheme != std::string::npos && scheme > 0 &&
                   std::isalpha(static_cast<unsigned char>(iri[0]));
  for (size_t i = 0; scheme_ok && i < scheme; ++i) {
    char c = iri[i];
    scheme_ok = std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
  }
  bool chars_ok = std::none_of(iri.begin(), iri.end(), [](char c) {
    auto byte = static_cast<unsigned char>(c);
    return byte <= 0x20 || byte == 0x7F || std::string_view("<>\"{}|^`\\").find(c) != std::string_view::npos;
  });
  if (!scheme_ok || !chars_ok || (iri.back() != '/' && iri.back() != '#')) {
    return MakeError(fmt::format(
        "--base-iri: '{}' is not an absolute IRI ending in '/' or '#' (e.g. {})", iri, kIriBase));
  }
  return Status::Ok();
}

bool IsDirectoryFormat(std::string_view format) { return format == "neo4j" || format == "kuzu"; }

std::vector<std::string> DirectoryFormatFiles(std::string_view format) {
  if (format == "neo4j") return Neo4jFileNames();
  if (format == "kuzu") return KuzuFileNames();
  return {};
}

Status ExportGraph(const graph::KnowledgeGraph& graph, const schema::Schema& schema,
                   std::string_view format, const std::string& output,
                   const ExportOptions& options) {
  if (!IsExportFormat(format)) return UnknownFormat(format);
  POLICYKG_RETURN_IF_ERROR(CheckExportOptions(options));
  if (IsDirectoryFormat(format)) {
    if (output == "-") {
      return MakeError(fmt::format(
          "-o: the {} export is a directory of CSV files; give a directory path, not -", format));
    }
    return WriteExportDirectory(output, format == "neo4j" ? Neo4jFiles(graph)
                                                          : KuzuFiles(graph, schema));
  }
  return WriteStreamAtomic(output, [&](std::ostream& out) {
    return WriteSingleFile(graph, schema, format, options, out);
  });
}

Result<std::string> ExportToString(const graph::KnowledgeGraph& graph, const schema::Schema& schema,
                                   std::string_view format, const ExportOptions& options) {
  if (!IsExportFormat(format)) return UnknownFormat(format);
  POLICYKG_RETURN_IF_ERROR(CheckExportOptions(options));
  std::ostringstream out;
  Status status = WriteSingleFile(graph, schema, format, options, out);
  if (!status.ok()) return status.error();
  return out.str();
}

}  // namespace policykg::exports
