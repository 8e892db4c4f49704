// neo4j-admin import CSVs (header rules of `neo4j-admin database import full`): typed property
// columns name:type, string[] arrays split on ';', RFC 4180 quoting.
#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

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

// Writes a new file in the folder this export just created (O_EXCL | O_NOFOLLOW: never an
// existing file or a link), with `mode` when given.
Status WriteFile(const fs::path& path, std::optional<mode_t> mode,
                 const std::function<Status(std::ostream&)>& produce) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
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
// (not a link) holding nothing but regular files named nodes.csv and relationships.csv.
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
    if ((name != kNodesFile && name != kRelationshipsFile) || !regular) {
      return MakeFileError(target.string(),
                           fmt::format("exists and holds {}{} (not a policykg neo4j export); "
                                       "choose another directory",
                                       name, regular ? "" : ", not a regular file"));
    }
  }
  if (ec) return MakeFileError(target.string(), "cannot list: " + ec.message());
  return Status::Ok();
}

// Removes a folder this export wrote: its two files, then the folder if nothing else is in it.
void RemoveExportFolder(const fs::path& folder) {
  ::unlink((folder / kNodesFile).c_str());
  ::unlink((folder / kRelationshipsFile).c_str());
  if (::rmdir(folder.c_str()) != 0 && errno != ENOENT) {
    spdlog::warn("{}: left in place: {}", folder.string(), std::strerror(errno));
  }
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

  RemoveStaleTemps(target.string(), {kNodesFile, kRelationshipsFile});
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
  Status written = WriteFile(temporary / kNodesFile, ModeOf(target / kNodesFile),
                             [&](std::ostream& out) { return WriteNeo4jNodes(graph, out); });
  if (written.ok()) {
    written = WriteFile(temporary / kRelationshipsFile, ModeOf(target / kRelationshipsFile),
                        [&](std::ostream& out) { return WriteNeo4jRelationships(graph, out); });
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
