// The Neo4j bulk-import layout (header rules of `neo4j-admin database import full`): Entity
// nodes (labels Entity and their type), Document nodes, relationships with upper-case types and
// their evidence (document, offsets, rule, source, sentence) as parallel arrays, MENTIONS
// relationships from documents with offsets; typed property columns name:type, arrays split on
// U+001F, RFC 4180 quoting; plus constraints.cypher and import.sh. Also the directory writer the
// Kuzu layout shares.
#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <optional>

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>

#include "common/file_io.h"
#include "export/escape.h"
#include "export/writers.h"

namespace policykg::exports {

namespace {

namespace fs = std::filesystem;

// Every file name a directory export writes (neo4j or kuzu): only these may be replaced.
bool IsExportFileName(const std::string& name) {
  for (const auto* names : {&Neo4jFileNames(), &KuzuFileNames()}) {
    if (std::find(names->begin(), names->end(), name) != names->end()) return true;
  }
  return false;
}

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

// The array delimiter of the import: U+001F (unit separator), which names and sentences do not
// hold; a value that does is refused (neo4j-admin cannot escape it).
constexpr std::string_view kArrayDelimiter = "\x1f";

Status CheckArrayItem(const std::string& item) {
  if (item.find(kArrayDelimiter) != std::string::npos) {
    return MakeError(fmt::format(
        "neo4j export: \"{}\" holds U+001F, the array delimiter of the import; it cannot be "
        "written as an array item",
        item));
  }
  return Status::Ok();
}

template <typename Items, typename Text>
Result<std::string> ArrayField(const Items& items, Text&& text) {
  std::string joined;
  bool first = true;
  for (const auto& item : items) {
    std::string value = text(item);
    POLICYKG_RETURN_IF_ERROR(CheckArrayItem(value));
    if (!first) joined += kArrayDelimiter;
    first = false;
    joined += value;
  }
  return CsvField(joined);
}

// Writes a new file in the folder this export just created (O_EXCL | O_NOFOLLOW: never an
// existing file or a link), with `mode` when given.
Status WriteFile(const fs::path& path, std::optional<mode_t> mode,
                 const std::function<Status(std::ostream&)>& produce, bool executable) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                  executable ? 0777 : 0666);
  if (fd < 0) return MakeFileError(path.string(), fmt::format("cannot write: {}", std::strerror(errno)));
  if (mode) (void)::fchmod(fd, *mode);
  Status written;
  {
    FdOStream out(fd);
    written = produce(out);
    out.flush();
    if (written.ok() && !out) {
      written = MakeFileError(path.string(), fmt::format("write error: {}", std::strerror(errno)));
    }
  }
  if (::close(fd) != 0 && written.ok()) {
    written = MakeFileError(path.string(), fmt::format("write error: {}", std::strerror(errno)));
  }
  return written;
}

// The mode of an existing regular file (not through a link), to keep it when the file is replaced.
std::optional<mode_t> ModeOf(const fs::path& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  return st.st_mode & 07777;
}

// An existing output directory may be replaced only when it is an earlier export: a real folder
// (not a link) holding nothing but regular files with the names of a directory export's files.
Status CheckReplaceable(const fs::path& target) {
  struct stat st {};
  if (::lstat(target.c_str(), &st) != 0) return Status::Ok();
  if (!S_ISDIR(st.st_mode)) {
    return MakeFileError(target.string(), "exists and is not a directory");
  }
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(target, ec)) {
    std::string name = entry.path().filename().string();
    struct stat entry_st {};
    bool regular = ::lstat(entry.path().c_str(), &entry_st) == 0 && S_ISREG(entry_st.st_mode);
    if (!IsExportFileName(name) || !regular) {
      return MakeFileError(target.string(),
                           fmt::format("exists and holds {}{} (not a policykg export); "
                                       "choose another directory",
                                       name, regular ? "" : ", not a regular file"));
    }
  }
  if (ec) return MakeFileError(target.string(), "cannot list: " + ec.message());
  return Status::Ok();
}

// Removes a folder this export wrote: its files, then the folder if nothing else is in it.
void RemoveExportFolder(const fs::path& folder) {
  for (const auto* names : {&Neo4jFileNames(), &KuzuFileNames()}) {
    for (const auto& name : *names) ::unlink((folder / name).c_str());
  }
  if (::rmdir(folder.c_str()) != 0 && errno != ENOENT) {
    spdlog::warn("{}: left in place: {}", folder.string(), std::strerror(errno));
  }
}

Status WriteNeo4jEntities(const graph::KnowledgeGraph& graph, std::ostream& out) {
  const auto columns = NodeAttributeColumns(graph);
  std::string header = "id:ID(Entity),name,type,aliases:string[]";
  for (const auto& h : AttributeHeaders(columns, {"id", "name", "type", "aliases"}))
    header += "," + h;
  out << header << ",:LABEL\n";
  for (auto [it, end] = boost::vertices(graph.g()); it != end; ++it) {
    const graph::Node& node = graph.node(*it);
    auto aliases = ArrayField(node.aliases, [](const std::string& a) { return a; });
    if (!aliases.ok()) return aliases.error();
    std::vector<std::string> label_list = {"Entity", node.type};
    auto labels = ArrayField(label_list, [](const std::string& a) { return a; });
    if (!labels.ok()) return labels.error();
    out << CsvField(node.id) << ',' << CsvField(node.name) << ',' << CsvField(node.type) << ','
        << *aliases << AttributeFields(node.attributes, columns) << ',' << *labels << '\n';
  }
  return Status::Ok();
}

Status WriteNeo4jDocuments(const graph::KnowledgeGraph& graph, std::ostream& out) {
  out << "id:ID(Document),path,title,sha256,encoding,region,chars:long,:LABEL\n";
  for (const auto& doc : graph.documents) {
    out << CsvField(doc.id) << ',' << CsvField(doc.path) << ',' << CsvField(doc.title) << ','
        << CsvField(doc.sha256) << ',' << CsvField(doc.encoding) << ',' << CsvField(doc.region)
        << ',' << doc.chars << ",Document\n";
  }
  return Status::Ok();
}

Status WriteNeo4jMentions(const graph::KnowledgeGraph& graph, std::ostream& out) {
  out << ":START_ID(Document),:END_ID(Entity),:TYPE,start_char:long,end_char:long,rule\n";
  for (auto [it, end] = boost::vertices(graph.g()); it != end; ++it) {
    const graph::Node& node = graph.node(*it);
    for (const auto& m : node.mentions) {
      out << CsvField(m.doc) << ',' << CsvField(node.id) << ",MENTIONS," << m.start << ','
          << m.end << ',' << CsvField(m.rule) << '\n';
    }
  }
  return Status::Ok();
}

Status WriteNeo4jRelationships(const graph::KnowledgeGraph& graph, std::ostream& out) {
  const auto& g = graph.g();
  const auto columns = EdgeAttributeColumns(graph);
  std::string header =
      ":START_ID(Entity),:END_ID(Entity),:TYPE,relation,weight:double,evidence_doc:string[],"
      "evidence_start:long[],evidence_end:long[],evidence_rule:string[],"
      "evidence_source:string[],evidence_text:string[]";
  for (const auto& h : AttributeHeaders(
           columns, {"relation", "weight", "evidence_doc", "evidence_start", "evidence_end",
                     "evidence_rule", "evidence_source", "evidence_text"})) {
    header += "," + h;
  }
  out << header << '\n';
  using Ev = graph::Evidence;
  for (graph::EdgeDescriptor e : graph.SortedEdges()) {
    const graph::Edge& edge = g[e];
    out << CsvField(g[boost::source(e, g)].id) << ',' << CsvField(g[boost::target(e, g)].id)
        << ',' << CsvField(Neo4jRelationshipType(edge.relation)) << ',' << CsvField(edge.relation)
        << ',' << fmt::format("{}", edge.weight);
    for (auto field : {+[](const Ev& ev) { return ev.doc; },
                       +[](const Ev& ev) { return std::to_string(ev.start); },
                       +[](const Ev& ev) { return std::to_string(ev.end); },
                       +[](const Ev& ev) { return ev.rule; }, +[](const Ev& ev) { return ev.source; },
                       +[](const Ev& ev) { return ev.text; }}) {
      auto value = ArrayField(edge.evidence, field);
      if (!value.ok()) return value.error();
      out << ',' << *value;
    }
    out << AttributeFields(edge.attributes, columns) << '\n';
  }
  return Status::Ok();
}

std::string Neo4jConstraints() {
  return "// Constraints and indexes of a policykg graph imported with neo4j-admin (import.sh);\n"
         "// run once: cypher-shell -d DATABASE -f constraints.cypher\n"
         "CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;\n"
         "CREATE CONSTRAINT document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE;\n"
         "CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name);\n"
         "CREATE INDEX entity_type IF NOT EXISTS FOR (n:Entity) ON (n.type);\n"
         "CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (n:Entity) ON EACH [n.name];\n";
}

std::string Neo4jImportScript() {
  return "#!/bin/sh\n"
         "# Imports this policykg export into a new Neo4j 5 database (default: neo4j; stop it "
         "first),\n"
         "# then prints the command that creates its constraints and indexes.\n"
         "# usage: sh import.sh [DATABASE]\n"
         "set -eu\n"
         "cd \"$(dirname \"$0\")\"\n"
         "db=\"${1:-neo4j}\"\n"
         "neo4j-admin database import full \"$db\" --overwrite-destination=true \\\n"
         "  --nodes=nodes.csv --nodes=documents.csv \\\n"
         "  --relationships=relationships.csv --relationships=mentions.csv \\\n"
         "  --array-delimiter=U+001F --multiline-fields=true\n"
         "echo \"then, with the database started: cypher-shell -d $db -f constraints.cypher\"\n";
}

}  // namespace

std::string Neo4jRelationshipType(const std::string& relation) {
  std::string out;
  for (char c : relation) {
    auto byte = static_cast<unsigned char>(c);
    out += std::isalnum(byte) ? static_cast<char>(std::toupper(byte)) : '_';
  }
  return out.empty() ? "_" : out;
}

const std::vector<std::string>& Neo4jFileNames() {
  static const std::vector<std::string> kNames = {"nodes.csv",     "documents.csv",
                                                  "relationships.csv", "mentions.csv",
                                                  "constraints.cypher", "import.sh"};
  return kNames;
}

std::vector<ExportFile> Neo4jFiles(const graph::KnowledgeGraph& graph) {
  return {
      {"nodes.csv", [&](std::ostream& out) { return WriteNeo4jEntities(graph, out); }},
      {"documents.csv", [&](std::ostream& out) { return WriteNeo4jDocuments(graph, out); }},
      {"relationships.csv",
       [&](std::ostream& out) { return WriteNeo4jRelationships(graph, out); }},
      {"mentions.csv", [&](std::ostream& out) { return WriteNeo4jMentions(graph, out); }},
      {"constraints.cypher",
       [](std::ostream& out) {
         out << Neo4jConstraints();
         return Status::Ok();
       }},
      {"import.sh",
       [](std::ostream& out) {
         out << Neo4jImportScript();
         return Status::Ok();
       },
       true},
  };
}

Status WriteExportDirectory(const std::string& directory, const std::vector<ExportFile>& files) {
  fs::path target = fs::path(directory).lexically_normal();
  if (!target.has_filename()) target = target.parent_path();  // "out/" → "out"
  std::error_code ec;
  fs::path parent = target.parent_path();
  if (!parent.empty() && !fs::is_directory(parent, ec)) {
    return MakeFileError(directory, "parent directory does not exist");
  }
  POLICYKG_RETURN_IF_ERROR(CheckReplaceable(target));

  {
    std::vector<std::string> names;
    for (const auto& file : files) names.push_back(file.name);
    RemoveStaleTemps(target.string(), names);
  }
  struct stat existing {};
  const bool exists = ::lstat(target.c_str(), &existing) == 0;
  fs::path temporary;
  bool made = false;
  for (int attempt = 0; attempt < 100 && !made; ++attempt) {
    temporary = TempNameFor(target.string());
    made = ::mkdir(temporary.c_str(), 0777) == 0;
    if (!made && errno != EEXIST) break;
  }
  if (!made) {
    return MakeFileError(directory, fmt::format("cannot create a temporary directory next to it: {}",
                                                std::strerror(errno)));
  }
  if (exists) {  // keep the replaced folder's mode (and owner, which only root can give)
    if (::geteuid() == 0) (void)!::chown(temporary.c_str(), existing.st_uid, existing.st_gid);
    (void)::chmod(temporary.c_str(), existing.st_mode & 07777);
  }
  Status written;
  for (const auto& file : files) {
    written = WriteFile(temporary / file.name, ModeOf(target / file.name), file.write,
                        file.executable);
    if (!written.ok()) break;
  }
  if (!written.ok()) {
    RemoveExportFolder(temporary);
    return written;
  }

  if (exists) {  // an earlier export: swap it out, then delete what it held
    fs::path old = TempNameFor(target.string());
    if (::rename(target.c_str(), old.c_str()) != 0) {
      RemoveExportFolder(temporary);
      return MakeFileError(directory, "cannot replace the earlier export");
    }
    if (::rename(temporary.c_str(), target.c_str()) != 0) {
      int error = errno;
      (void)::rename(old.c_str(), target.c_str());
      RemoveExportFolder(temporary);
      return MakeFileError(directory, fmt::format("cannot replace: {}", std::strerror(error)));
    }
    RemoveExportFolder(old);
    return Status::Ok();
  }
  if (::rename(temporary.c_str(), target.c_str()) != 0) {
    int error = errno;
    RemoveExportFolder(temporary);
    return MakeFileError(directory, fmt::format("cannot create: {}", std::strerror(error)));
  }
  return Status::Ok();
}

}  // namespace policykg::exports
