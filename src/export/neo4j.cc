// neo4j-admin import CSVs (header rules of `neo4j-admin database import full`): typed property
// columns name:type, string[] arrays split on ';', RFC 4180 quoting.
#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>

#include "export/escape.h"
#include "export/writers.h"

namespace policykg::exports {

namespace {

namespace fs = std::filesystem;

constexpr const char* kNodesFile = "nodes.csv";
constexpr const char* kRelationshipsFile = "relationships.csv";

// A property name the header parser reads back as is: no ':' (it separates the type), no
// quotes, commas or white space.
std::string PropertyName(const std::string& name) {
  std::string out;
  for (char c : name) {
    auto byte = static_cast<unsigned char>(c);
    out += (c == ':' || c == ',' || c == '"' || c == ';' || byte <= 0x20 || byte == 0x7F) ? '_' : c;
  }
  return out.empty() ? "_" : out;
}

// Header fields for the attribute columns, unique against `taken`.
std::vector<std::string> AttributeHeaders(const std::vector<AttributeColumn>& columns,
                                          std::set<std::string> taken) {
  std::vector<std::string> headers;
  for (const auto& column : columns) {
    std::string base = PropertyName(AttributeKey(column.name));
    std::string name = base;
    for (int n = 2; taken.count(name); ++n) name = fmt::format("{}_{}", base, n);
    taken.insert(name);
    headers.push_back(CsvField(fmt::format("{}:{}", name, TypeName(column.kind))));
  }
  return headers;
}

std::string AttributeFields(const graph::Attributes& attributes,
                            const std::vector<AttributeColumn>& columns) {
  std::string out;
  for (const auto& column : columns) {
    out += ',';
    auto found = attributes.find(column.name);
    if (found == attributes.end()) continue;  // empty field: no property
    if (column.kind == ValueKind::kDouble) {
      out += fmt::format("{}", std::get<double>(found->second));
    } else {
      out += CsvField(graph::AttrToString(found->second));
    }
  }
  return out;
}

// neo4j-admin splits string[] values on ';' and cannot escape it.
std::string ArrayField(const std::vector<std::string>& items) {
  std::string joined;
  for (const auto& item : items) {
    std::string value = item;
    size_t at;
    while ((at = value.find(';')) != std::string::npos) {
      value.replace(at, 1, "；");
      spdlog::warn("neo4j export: ';' in \"{}\" written as '；' (';' separates array items)", item);
    }
    if (!joined.empty()) joined += ';';
    joined += value;
  }
  return CsvField(joined);
}

Status WriteFile(const fs::path& path, const std::function<Status(std::ostream&)>& produce) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return MakeFileError(path.string(), "cannot write");
  POLICYKG_RETURN_IF_ERROR(produce(out));
  out.flush();
  if (!out) return MakeFileError(path.string(), "write error (disk full?)");
  return Status::Ok();
}

// An existing output directory may be replaced only when it is an earlier export.
Status CheckReplaceable(const fs::path& target) {
  std::error_code ec;
  if (!fs::exists(target, ec)) return Status::Ok();
  if (!fs::is_directory(target, ec)) {
    return MakeFileError(target.string(), "exists and is not a directory");
  }
  for (const auto& entry : fs::directory_iterator(target, ec)) {
    std::string name = entry.path().filename().string();
    if (name != kNodesFile && name != kRelationshipsFile) {
      return MakeFileError(target.string(),
                           fmt::format("exists and holds {} (not a policykg neo4j export); "
                                       "choose another directory",
                                       name));
    }
  }
  if (ec) return MakeFileError(target.string(), "cannot list: " + ec.message());
  return Status::Ok();
}

}  // namespace

Status WriteNeo4jNodes(const graph::KnowledgeGraph& graph, std::ostream& out) {
  const auto columns = NodeAttributeColumns(graph);
  std::string header = "id:ID,name,type,aliases:string[]";
  for (const auto& h : AttributeHeaders(columns, {"id", "name", "type", "aliases"}))
    header += "," + h;
  out << header << ",:LABEL\n";
  for (auto [it, end] = boost::vertices(graph.g()); it != end; ++it) {
    const graph::Node& node = graph.node(*it);
    out << CsvField(node.id) << ',' << CsvField(node.name) << ',' << CsvField(node.type) << ','
        << ArrayField(node.aliases) << AttributeFields(node.attributes, columns) << ','
        << CsvField(node.type) << '\n';
  }
  return Status::Ok();
}

Status WriteNeo4jRelationships(const graph::KnowledgeGraph& graph, std::ostream& out) {
  const auto& g = graph.g();
  const auto columns = EdgeAttributeColumns(graph);
  std::string header = ":START_ID,:END_ID,:TYPE,weight:double,evidence";
  for (const auto& h : AttributeHeaders(columns, {"weight", "evidence"})) header += "," + h;
  out << header << '\n';
  for (graph::EdgeDescriptor e : graph.SortedEdges()) {
    const graph::Edge& edge = g[e];
    std::string evidence;
    for (const auto& ev : edge.evidence) {
      if (ev.text.empty()) continue;
      if (!evidence.empty()) evidence += '\n';
      evidence += ev.text;
    }
    out << CsvField(g[boost::source(e, g)].id) << ',' << CsvField(g[boost::target(e, g)].id) << ','
        << CsvField(edge.relation) << ',' << fmt::format("{}", edge.weight) << ','
        << CsvField(evidence) << AttributeFields(edge.attributes, columns) << '\n';
  }
  return Status::Ok();
}

Status WriteNeo4jDirectory(const graph::KnowledgeGraph& graph, const std::string& directory) {
  fs::path target = fs::path(directory).lexically_normal();
  if (!target.has_filename()) target = target.parent_path();  // "out/" → "out"
  std::error_code ec;
  fs::path parent = target.parent_path();
  if (!parent.empty() && !fs::is_directory(parent, ec)) {
    return MakeFileError(directory, "parent directory does not exist");
  }
  POLICYKG_RETURN_IF_ERROR(CheckReplaceable(target));

  const long pid = static_cast<long>(::getpid());
  fs::path temporary = fmt::format("{}.tmp.{}", target.string(), pid);
  fs::remove_all(temporary, ec);
  if (!fs::create_directory(temporary, ec) || ec) {
    return MakeFileError(directory,
                         "cannot create a temporary directory next to it: " + ec.message());
  }
  Status written = WriteFile(temporary / kNodesFile,
                             [&](std::ostream& out) { return WriteNeo4jNodes(graph, out); });
  if (written.ok()) {
    written = WriteFile(temporary / kRelationshipsFile,
                        [&](std::ostream& out) { return WriteNeo4jRelationships(graph, out); });
  }
  if (!written.ok()) {
    fs::remove_all(temporary, ec);
    return written;
  }

  if (fs::exists(target, ec)) {  // an earlier export: swap it out, then delete it
    fs::path old = fmt::format("{}.old.{}", target.string(), pid);
    fs::rename(target, old, ec);
    if (ec) {
      fs::remove_all(temporary, ec);
      return MakeFileError(directory, "cannot replace the earlier export");
    }
    fs::rename(temporary, target, ec);
    if (ec) {
      std::error_code restore;
      fs::rename(old, target, restore);
      fs::remove_all(temporary, restore);
      return MakeFileError(directory, "cannot replace: " + ec.message());
    }
    fs::remove_all(old, ec);
    return Status::Ok();
  }
  fs::rename(temporary, target, ec);
  if (ec) {
    std::error_code cleanup;
    fs::remove_all(temporary, cleanup);
    return MakeFileError(directory, "cannot create: " + ec.message());
  }
  return Status::Ok();
}

}  // namespace policykg::exports
