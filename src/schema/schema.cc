#include "schema/schema.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "common/file_io.h"
#include "common/json.h"
#include "common/utf8.h"
#include "common/suggest.h"
#include "text/sha256.h"

namespace policykg::schema {

namespace fs = std::filesystem;

const EntityType* Schema::FindEntityType(std::string_view name) const {
  for (const auto& t : entity_types) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

const RelationType* Schema::FindRelationType(std::string_view name) const {
  for (const auto& r : relation_types) {
    if (r.name == name) return &r;
  }
  return nullptr;
}

bool Schema::Allows(std::string_view relation, std::string_view source_type,
                    std::string_view target_type) const {
  const RelationType* r = FindRelationType(relation);
  if (!r) return false;
  auto in = [](const std::vector<std::string>& list, std::string_view t) {
    return list.empty() || std::find(list.begin(), list.end(), t) != list.end();
  };
  if (in(r->domain, source_type) && in(r->range, target_type)) return true;
  return r->symmetric && in(r->domain, target_type) && in(r->range, source_type);
}

std::string DefaultSchemaDirectory() {
  if (const char* env = std::getenv("POLICYKG_SCHEMA"); env && *env) return env;
  std::error_code ec;
  if (fs::exists("schema/schema.json", ec)) return "schema";
  return std::string(POLICYKG_SOURCE_DIR) + "/schema";
}

namespace {

// Reads one JSON file of the schema, keeping its name for errors.
struct JsonFile {
  std::string path;
  rapidjson::Document doc;
};

// Schema files are small; a bound keeps a link to a pipe or a huge file from filling memory.
constexpr size_t kMaxSchemaFileBytes = size_t{64} << 20;

// Appends a schema file's name (relative to the schema folder) and its bytes, each closed by a NUL,
// to `content`, from which the schema's fingerprint is made; `append_bytes(content)` appends the
// bytes.
template <typename AppendBytes>
Status AppendContent(const std::string& path, const std::string& directory, std::string& content,
                     AppendBytes&& append_bytes) {
  content += fs::path(path).lexically_relative(directory).generic_string();
  content.push_back('\0');
  Status appended = append_bytes(content);
  if (!appended.ok()) return appended;
  content.push_back('\0');
  return Status::Ok();
}

// Reads and parses `path`; its name (relative to the schema folder) and bytes are appended to
// `content`, from which the schema's fingerprint is made.
Result<JsonFile> ReadJson(const std::string& path, const std::string& directory,
                          std::string& content) {
  auto bytes = ReadFileBytes(path, kMaxSchemaFileBytes);
  if (!bytes.ok()) return bytes.error();
  POLICYKG_RETURN_IF_ERROR(AppendContent(path, directory, content, [&](std::string& out) {
    out += *bytes;
    return Status::Ok();
  }));
  auto doc = ParseJsonStrict(*bytes, path);
  if (!doc.ok()) return doc.error();
  if (!doc->IsObject()) return JsonPathError(path, "", "expected a JSON object");
  return JsonFile{path, std::move(doc).value()};
}

// Field readers that report the JSON pointer of a bad value.
class Reader {
 public:
  explicit Reader(const std::string& file) : file_(file) {}

  Result<std::string> Str(const rapidjson::Value& obj, const std::string& ptr, const char* key,
                          bool required = true) const {
    if (!obj.IsObject()) return JsonPathError(file_, ptr, "expected an object");
    auto it = obj.FindMember(key);
    if (it == obj.MemberEnd()) {
      if (required) return JsonPathError(file_, ptr + "/" + key, "missing field");
      return std::string();
    }
    if (!it->value.IsString()) return JsonPathError(file_, ptr + "/" + key, "expected a string");
    return std::string(it->value.GetString(), it->value.GetStringLength());
  }

  Result<std::vector<std::string>> StrList(const rapidjson::Value& obj, const std::string& ptr,
                                           const char* key) const {
    std::vector<std::string> out;
    auto it = obj.FindMember(key);
    if (it == obj.MemberEnd()) return out;
    const std::string p = ptr + "/" + key;
    if (!it->value.IsArray()) return JsonPathError(file_, p, "expected an array of strings");
    for (rapidjson::SizeType i = 0; i < it->value.Size(); ++i) {
      const auto& v = it->value[i];
      if (!v.IsString()) return JsonPathError(file_, fmt::format("{}/{}", p, i), "expected a string");
      out.emplace_back(v.GetString(), v.GetStringLength());
    }
    return out;
  }

  Result<std::map<std::string, std::string>> StrMap(const rapidjson::Value& obj, const std::string& ptr,
                                                    const char* key) const {
    std::map<std::string, std::string> out;
    auto it = obj.FindMember(key);
    if (it == obj.MemberEnd()) return out;
    const std::string p = ptr + "/" + key;
    if (!it->value.IsObject()) return JsonPathError(file_, p, "expected an object of strings");
    for (auto m = it->value.MemberBegin(); m != it->value.MemberEnd(); ++m) {
      std::string k(m->name.GetString(), m->name.GetStringLength());
      if (!m->value.IsString()) return JsonPathError(file_, p + "/" + k, "expected a string");
      out[k] = std::string(m->value.GetString(), m->value.GetStringLength());
    }
    return out;
  }

  // A Graphviz style: only attributes that style a node or an edge (no href/URL/tooltip/label,
  // which would reach SVG and HTML), values of letters, digits, spaces and # . , : % _ + -.
  Result<Style> GraphvizStyle(const rapidjson::Value& obj, const std::string& ptr) const {
    static const std::vector<std::string> kKeys = {
        "arrowhead", "arrowsize",  "arrowtail", "color",    "dir",       "fillcolor",
        "fixedsize", "fontcolor",  "fontname",  "fontsize", "gradientangle", "height",
        "margin",    "penwidth",   "peripheries", "shape",  "style",     "width"};
    auto read = StrMap(obj, ptr, "style");
    if (!read.ok()) return read.error();
    Style style = std::move(read).value();
    for (const auto& [key, value] : style) {
      const std::string p = ptr + "/style/" + key;
      if (std::find(kKeys.begin(), kKeys.end(), key) == kKeys.end()) {
        auto close = ClosestNames(key, kKeys);
        return JsonPathError(file_, p,
                             fmt::format("unknown style attribute \"{}\"{} (allowed: {})", key,
                                         close.empty() ? "" : fmt::format(" (did you mean \"{}\"?)", close[0]),
                                         fmt::join(kKeys, ", ")));
      }
      bool safe = !value.empty() && value.size() <= 64;
      for (char c : value) {
        safe = safe && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                        std::string_view("#.,:%_+- ").find(c) != std::string_view::npos);
      }
      if (!safe) {
        return JsonPathError(file_, p,
                             "unsafe style value: 1 to 64 letters, digits, spaces and # . , : % _ + - "
                             "only");
      }
    }
    return style;
  }

  Result<bool> Bool(const rapidjson::Value& obj, const std::string& ptr, const char* key, bool def) const {
    auto it = obj.FindMember(key);
    if (it == obj.MemberEnd()) return def;
    if (!it->value.IsBool()) return JsonPathError(file_, ptr + "/" + key, "expected true or false");
    return it->value.GetBool();
  }

  Result<const rapidjson::Value*> Array(const rapidjson::Value& obj, const char* key, bool required) const {
    auto it = obj.FindMember(key);
    if (it == obj.MemberEnd()) {
      if (required) return JsonPathError(file_, std::string("/") + key, "missing field");
      return static_cast<const rapidjson::Value*>(nullptr);
    }
    if (!it->value.IsArray()) return JsonPathError(file_, std::string("/") + key, "expected an array");
    return &it->value;
  }

  const std::string& file() const { return file_; }

 private:
  std::string file_;
};

#define ASSIGN_OR_RETURN(lhs, expr)  \
  do {                               \
    auto _r = (expr);                \
    if (!_r.ok()) return _r.error(); \
    lhs = std::move(_r).value();     \
  } while (0)

Error UnknownType(const std::string& file, const std::string& ptr, const std::string& type,
                  const std::vector<std::string>& known) {
  auto near = ClosestNames(type, known, 1);
  std::string hint = near.empty() ? "" : fmt::format(" (did you mean \"{}\"?)", near[0]);
  return JsonPathError(file, ptr, fmt::format("unknown entity type \"{}\"{}", type, hint));
}

Status LoadTypes(const JsonFile& f, Schema& schema) {
  Reader r(f.path);
  const rapidjson::Value* types = nullptr;
  ASSIGN_OR_RETURN(types, r.Array(f.doc, "entity_types", true));
  std::set<std::string> seen;
  for (rapidjson::SizeType i = 0; i < types->Size(); ++i) {
    std::string ptr = fmt::format("/entity_types/{}", i);
    EntityType t;
    ASSIGN_OR_RETURN(t.name, r.Str((*types)[i], ptr, "name"));
    ASSIGN_OR_RETURN(t.label_zh, r.Str((*types)[i], ptr, "label_zh", false));
    ASSIGN_OR_RETURN(t.label_en, r.Str((*types)[i], ptr, "label_en", false));
    ASSIGN_OR_RETURN(t.style, r.GraphvizStyle((*types)[i], ptr));
    if (!seen.insert(t.name).second) return JsonPathError(f.path, ptr + "/name", "duplicate type " + t.name);
    schema.entity_types.push_back(std::move(t));
  }
  std::vector<std::string> known(seen.begin(), seen.end());

  const rapidjson::Value* rels = nullptr;
  ASSIGN_OR_RETURN(rels, r.Array(f.doc, "relation_types", true));
  std::set<std::string> rel_seen;
  for (rapidjson::SizeType i = 0; i < rels->Size(); ++i) {
    std::string ptr = fmt::format("/relation_types/{}", i);
    RelationType t;
    ASSIGN_OR_RETURN(t.name, r.Str((*rels)[i], ptr, "name"));
    ASSIGN_OR_RETURN(t.label_zh, r.Str((*rels)[i], ptr, "label_zh", false));
    ASSIGN_OR_RETURN(t.label_en, r.Str((*rels)[i], ptr, "label_en", false));
    ASSIGN_OR_RETURN(t.symmetric, r.Bool((*rels)[i], ptr, "symmetric", false));
    ASSIGN_OR_RETURN(t.domain, r.StrList((*rels)[i], ptr, "domain"));
    ASSIGN_OR_RETURN(t.range, r.StrList((*rels)[i], ptr, "range"));
    ASSIGN_OR_RETURN(t.style, r.GraphvizStyle((*rels)[i], ptr));
    for (const char* which : {"domain", "range"}) {
      const auto& list = std::string(which) == "domain" ? t.domain : t.range;
      for (size_t k = 0; k < list.size(); ++k) {
        if (!seen.count(list[k])) {
          return UnknownType(f.path, fmt::format("{}/{}/{}", ptr, which, k), list[k], known);
        }
      }
    }
    if (!rel_seen.insert(t.name).second) return JsonPathError(f.path, ptr + "/name", "duplicate relation " + t.name);
    schema.relation_types.push_back(std::move(t));
  }
  return Status::Ok();
}

// One region entry read field by field, each error with its JSON pointer.
Status ReadRegionChecked(const Reader& r, const JsonFile& f, const rapidjson::Value& v, rapidjson::SizeType i,
                         Region& reg) {
  std::string ptr = fmt::format("/regions/{}", i);
  ASSIGN_OR_RETURN(reg.name, r.Str(v, ptr, "name"));
  ASSIGN_OR_RETURN(reg.full_name, r.Str(v, ptr, "full_name", false));
  ASSIGN_OR_RETURN(reg.code, r.Str(v, ptr, "code", false));
  ASSIGN_OR_RETURN(reg.level, r.Str(v, ptr, "level", false));
  ASSIGN_OR_RETURN(reg.aliases, r.StrList(v, ptr, "aliases"));
  ASSIGN_OR_RETURN(reg.short_forms, r.StrList(v, ptr, "short_forms"));
  ASSIGN_OR_RETURN(reg.context_forms, r.StrList(v, ptr, "context_forms"));
  ASSIGN_OR_RETURN(reg.parents, r.StrList(v, ptr, "parents"));
  ASSIGN_OR_RETURN(reg.members, r.StrList(v, ptr, "members"));
  ASSIGN_OR_RETURN(reg.partial_members, r.StrList(v, ptr, "partial_members"));
  ASSIGN_OR_RETURN(reg.source, r.Str(v, ptr, "source", false));
  if ((!reg.members.empty() || !reg.partial_members.empty()) && reg.source.empty()) {
    return JsonPathError(f.path, ptr + "/source", "a group with members names its source");
  }
  ASSIGN_OR_RETURN(reg.attributes, r.StrMap(v, ptr, "attributes"));
  ASSIGN_OR_RETURN(reg.ambiguous, r.Bool(v, ptr, "ambiguous", false));
  ASSIGN_OR_RETURN(reg.context, r.Str(v, ptr, "context", false));
  return Status::Ok();
}

// The same in one pass over the entry's members, for the national gazetteer's thousands of
// entries (start-up time). False when the entry is not a well-formed region (a field of the wrong
// type, no name, a group without a source, attributes): ReadRegionChecked then reads it again and
// names the error.
bool ReadRegionFast(const rapidjson::Value& v, Region& reg) {
  if (!v.IsObject()) return false;
  auto str = [](const rapidjson::Value& value, std::string& out) {
    if (!value.IsString()) return false;
    out.assign(value.GetString(), value.GetStringLength());
    return true;
  };
  auto list = [](const rapidjson::Value& value, std::vector<std::string>& out) {
    if (!value.IsArray()) return false;
    out.reserve(value.Size());
    for (const auto& item : value.GetArray()) {
      if (!item.IsString()) return false;
      out.emplace_back(item.GetString(), item.GetStringLength());
    }
    return true;
  };
  bool named = false;
  for (auto m = v.MemberBegin(); m != v.MemberEnd(); ++m) {
    const std::string_view key(m->name.GetString(), m->name.GetStringLength());
    const rapidjson::Value& value = m->value;
    bool ok = true;
    if (key == "name") {
      ok = named = str(value, reg.name);
    } else if (key == "full_name") {
      ok = str(value, reg.full_name);
    } else if (key == "code") {
      ok = str(value, reg.code);
    } else if (key == "level") {
      ok = str(value, reg.level);
    } else if (key == "aliases") {
      ok = list(value, reg.aliases);
    } else if (key == "short_forms") {
      ok = list(value, reg.short_forms);
    } else if (key == "context_forms") {
      ok = list(value, reg.context_forms);
    } else if (key == "parents") {
      ok = list(value, reg.parents);
    } else if (key == "members") {
      ok = list(value, reg.members);
    } else if (key == "partial_members") {
      ok = list(value, reg.partial_members);
    } else if (key == "source") {
      ok = str(value, reg.source);
    } else if (key == "context") {
      ok = str(value, reg.context);
    } else if (key == "ambiguous") {
      ok = value.IsBool() && (reg.ambiguous = value.GetBool(), true);
    } else if (key == "attributes") {
      ok = false;  // rare: read by ReadRegionChecked
    }
    if (!ok) return false;
  }
  return named && ((reg.members.empty() && reg.partial_members.empty()) || !reg.source.empty());
}

Status LoadRegions(const JsonFile& f, Lexicons& lex) {
  Reader r(f.path);
  const rapidjson::Value* arr = nullptr;
  ASSIGN_OR_RETURN(arr, r.Array(f.doc, "regions", true));
  lex.regions.reserve(lex.regions.size() + arr->Size());
  for (rapidjson::SizeType i = 0; i < arr->Size(); ++i) {
    const auto& v = (*arr)[i];
    Region reg;
    if (!ReadRegionFast(v, reg)) {
      reg = Region();
      POLICYKG_RETURN_IF_ERROR(ReadRegionChecked(r, f, v, i, reg));
    }
    if (reg.full_name.empty()) reg.full_name = reg.name;
    lex.regions.push_back(std::move(reg));
  }
  return Status::Ok();
}

Status LoadAbbreviations(const JsonFile& f, Lexicons& lex) {
  Reader r(f.path);
  const rapidjson::Value* arr = nullptr;
  ASSIGN_OR_RETURN(arr, r.Array(f.doc, "abbreviations", false));
  for (rapidjson::SizeType i = 0; arr && i < arr->Size(); ++i) {
    std::string ptr = fmt::format("/abbreviations/{}", i);
    Abbreviation a;
    ASSIGN_OR_RETURN(a.text, r.Str((*arr)[i], ptr, "text"));
    ASSIGN_OR_RETURN(a.region, r.Str((*arr)[i], ptr, "region"));
    ASSIGN_OR_RETURN(a.tier, r.Str((*arr)[i], ptr, "tier"));
    ASSIGN_OR_RETURN(a.standalone_blend, r.Bool((*arr)[i], ptr, "standalone_blend", true));
    if (a.tier != "province" && a.tier != "city" && a.tier != "nickname") {
      return JsonPathError(f.path, ptr + "/tier", "expected \"province\", \"city\" or \"nickname\"");
    }
    lex.abbreviations.push_back(std::move(a));
  }
  ASSIGN_OR_RETURN(arr, r.Array(f.doc, "blends", false));
  for (rapidjson::SizeType i = 0; arr && i < arr->Size(); ++i) {
    std::string ptr = fmt::format("/blends/{}", i);
    Blend b;
    ASSIGN_OR_RETURN(b.text, r.Str((*arr)[i], ptr, "text"));
    ASSIGN_OR_RETURN(b.regions, r.StrList((*arr)[i], ptr, "regions"));
    lex.blends.push_back(std::move(b));
  }
  ASSIGN_OR_RETURN(arr, r.Array(f.doc, "name_expansions", false));
  for (rapidjson::SizeType i = 0; arr && i < arr->Size(); ++i) {
    std::string ptr = fmt::format("/name_expansions/{}", i);
    NameExpansion e;
    ASSIGN_OR_RETURN(e.abbreviation, r.Str((*arr)[i], ptr, "abbreviation"));
    ASSIGN_OR_RETURN(e.expansion, r.Str((*arr)[i], ptr, "expansion"));
    lex.name_expansions.push_back(std::move(e));
  }
  return Status::Ok();
}

Status CheckKeys(const std::string& file, const rapidjson::Value& obj, const std::string& ptr,
                 std::initializer_list<const char*> keys);

Status LoadHeads(const JsonFile& f, const Schema& schema, Lexicons& lex) {
  Reader r(f.path);
  std::vector<std::string> known;
  for (const auto& t : schema.entity_types) known.push_back(t.name);
  for (const char* key : {"heads", "cues"}) {
    const rapidjson::Value* arr = nullptr;
    ASSIGN_OR_RETURN(arr, r.Array(f.doc, key, std::string(key) == "heads"));
    // A word listed twice would keep its first entry only (the lexicon's tries keep a key's first
    // value), so an edit to the second one would do nothing: refuse it.
    std::unordered_map<std::string, rapidjson::SizeType> first_at;
    for (rapidjson::SizeType i = 0; arr && i < arr->Size(); ++i) {
      std::string ptr = fmt::format("/{}/{}", key, i);
      std::string text, type;
      bool flag = false;
      ASSIGN_OR_RETURN(text, r.Str((*arr)[i], ptr, "text"));
      if (auto [it, added] = first_at.emplace(text, i); !added)
        return JsonPathError(f.path, ptr + "/text",
                             fmt::format("\"{}\" is listed twice (first at /{}/{})", text, key, it->second));
      ASSIGN_OR_RETURN(type, r.Str((*arr)[i], ptr, "type"));
      if (!schema.FindEntityType(type)) return UnknownType(f.path, ptr + "/type", type, known);
      if (std::string(key) == "heads") {
        POLICYKG_RETURN_IF_ERROR(CheckKeys(f.path, (*arr)[i], ptr,
                                           {"text", "type", "host", "phase_type", "short_name", "needs_place",
                                            "place_within", "whole_name", "verb_named", "place_letters",
                                            "needs_quote", "body_part", "operating_type"}));
        ASSIGN_OR_RETURN(flag, r.Bool((*arr)[i], ptr, "host", false));
        std::string phase_type;
        ASSIGN_OR_RETURN(phase_type, r.Str((*arr)[i], ptr, "phase_type", false));
        if (!phase_type.empty() && !schema.FindEntityType(phase_type))
          return UnknownType(f.path, ptr + "/phase_type", phase_type, known);
        bool short_name = false;
        ASSIGN_OR_RETURN(short_name, r.Bool((*arr)[i], ptr, "short_name", false));
        bool needs_place = false;
        ASSIGN_OR_RETURN(needs_place, r.Bool((*arr)[i], ptr, "needs_place", false));
        int place_within = -1;
        if ((*arr)[i].HasMember("place_within")) {
          const auto& v = (*arr)[i]["place_within"];
          if (!v.IsInt() || v.GetInt() < 0 || !needs_place)
            return JsonPathError(f.path, ptr + "/place_within",
                                 "must be a whole number of characters, on a head with needs_place");
          place_within = v.GetInt();
        }
        bool whole_name = false;
        ASSIGN_OR_RETURN(whole_name, r.Bool((*arr)[i], ptr, "whole_name", false));
        bool verb_named = false;
        ASSIGN_OR_RETURN(verb_named, r.Bool((*arr)[i], ptr, "verb_named", false));
        bool place_letters = false;
        ASSIGN_OR_RETURN(place_letters, r.Bool((*arr)[i], ptr, "place_letters", false));
        if (place_letters && !needs_place)
          return JsonPathError(f.path, ptr + "/place_letters", "only on a head with needs_place");
        bool needs_quote = false;
        ASSIGN_OR_RETURN(needs_quote, r.Bool((*arr)[i], ptr, "needs_quote", false));
        bool body_part = false;
        ASSIGN_OR_RETURN(body_part, r.Bool((*arr)[i], ptr, "body_part", false));
        std::string operating_type;
        ASSIGN_OR_RETURN(operating_type, r.Str((*arr)[i], ptr, "operating_type", false));
        if (!operating_type.empty() && !schema.FindEntityType(operating_type))
          return UnknownType(f.path, ptr + "/operating_type", operating_type, known);
        if (body_part && !needs_place)
          return JsonPathError(f.path, ptr + "/body_part", "only on a head with needs_place");
        lex.heads.push_back({text, type, flag, phase_type, short_name, needs_place, place_within, whole_name,
                             verb_named, place_letters, needs_quote, /*site=*/false, body_part, operating_type});
      } else {
        POLICYKG_RETURN_IF_ERROR(CheckKeys(f.path, (*arr)[i], ptr,
                                           {"text", "type", "quoted_only", "named_with_cue", "unquoted_only",
                                            "short_items"}));
        ASSIGN_OR_RETURN(flag, r.Bool((*arr)[i], ptr, "quoted_only", false));
        bool named_with_cue = false;
        ASSIGN_OR_RETURN(named_with_cue, r.Bool((*arr)[i], ptr, "named_with_cue", false));
        bool unquoted_only = false;
        ASSIGN_OR_RETURN(unquoted_only, r.Bool((*arr)[i], ptr, "unquoted_only", false));
        if (unquoted_only && flag)
          return JsonPathError(f.path, ptr + "/unquoted_only", "a cue cannot be both quoted_only and unquoted_only");
        bool short_items = false;
        ASSIGN_OR_RETURN(short_items, r.Bool((*arr)[i], ptr, "short_items", false));
        if (short_items && !unquoted_only)
          return JsonPathError(f.path, ptr + "/short_items", "only on a cue with unquoted_only");
        lex.cues.push_back({text, type, flag, named_with_cue, unquoted_only, short_items});
      }
    }
  }
  return Status::Ok();
}

// The canonical names of the gazetteer's regions, for checking the names a data file refers to.
std::unordered_set<std::string> RegionNames(const Lexicons& lex) {
  std::unordered_set<std::string> names;
  for (const auto& reg : lex.regions) names.insert(reg.name);
  return names;
}

// gazetteer/sites.json: each site becomes a whole-name head of its type (after heads.json's) and
// keeps its region for located_in.known_site; types and regions are checked here.
Status LoadSites(const JsonFile& f, const Schema& schema, Lexicons& lex) {
  Reader r(f.path);
  std::vector<std::string> known;
  for (const auto& t : schema.entity_types) known.push_back(t.name);
  const std::unordered_set<std::string> region_names = RegionNames(lex);
  const rapidjson::Value* arr = nullptr;
  ASSIGN_OR_RETURN(arr, r.Array(f.doc, "sites", true));
  std::unordered_set<std::string> seen;
  for (rapidjson::SizeType i = 0; arr && i < arr->Size(); ++i) {
    const std::string ptr = fmt::format("/sites/{}", i);
    POLICYKG_RETURN_IF_ERROR(CheckKeys(f.path, (*arr)[i], ptr, {"name", "type", "region", "aliases", "source"}));
    Site site;
    ASSIGN_OR_RETURN(site.name, r.Str((*arr)[i], ptr, "name"));
    ASSIGN_OR_RETURN(site.type, r.Str((*arr)[i], ptr, "type"));
    ASSIGN_OR_RETURN(site.region, r.Str((*arr)[i], ptr, "region"));
    std::string source;
    ASSIGN_OR_RETURN(source, r.Str((*arr)[i], ptr, "source"));
    if ((*arr)[i].HasMember("aliases")) ASSIGN_OR_RETURN(site.aliases, r.StrList((*arr)[i], ptr, "aliases"));
    if (!schema.FindEntityType(site.type)) return UnknownType(f.path, ptr + "/type", site.type, known);
    if (!region_names.count(site.region))
      return JsonPathError(f.path, ptr + "/region", fmt::format("unknown region \"{}\"", site.region));
    if (source.empty()) return JsonPathError(f.path, ptr + "/source", "must say where the site is listed");
    if (!seen.insert(site.name).second) return JsonPathError(f.path, ptr + "/name", "listed twice");
    for (size_t a = 0; a < site.aliases.size(); ++a) {
      if (!seen.insert(site.aliases[a]).second)
        return JsonPathError(f.path, fmt::format("{}/aliases/{}", ptr, a), "listed twice");
    }
    Head head;
    head.text = site.name;
    head.type = site.type;
    head.whole_name = true;
    head.site = true;
    lex.heads.push_back(head);
    for (const auto& alias : site.aliases) {
      head.text = alias;
      lex.heads.push_back(head);
    }
    lex.sites.push_back(std::move(site));
  }
  return Status::Ok();
}

// gazetteer/routes.json: named routes by their ends' letters, for gazetteer.route_ends; the letters,
// kinds and ends are checked here (ends are known regions, one per letter at most).
Status LoadRoutes(const JsonFile& f, Lexicons& lex) {
  Reader r(f.path);
  const std::unordered_set<std::string> region_names = RegionNames(lex);
  const rapidjson::Value* arr = nullptr;
  ASSIGN_OR_RETURN(arr, r.Array(f.doc, "routes", true));
  std::unordered_set<std::string> seen;  // letters + kind
  for (rapidjson::SizeType i = 0; arr && i < arr->Size(); ++i) {
    const std::string ptr = fmt::format("/routes/{}", i);
    POLICYKG_RETURN_IF_ERROR(CheckKeys(f.path, (*arr)[i], ptr, {"letters", "endings", "ends", "source"}));
    Route route;
    ASSIGN_OR_RETURN(route.letters, r.Str((*arr)[i], ptr, "letters"));
    ASSIGN_OR_RETURN(route.endings, r.StrList((*arr)[i], ptr, "endings"));
    ASSIGN_OR_RETURN(route.ends, r.StrList((*arr)[i], ptr, "ends"));
    std::string source;
    ASSIGN_OR_RETURN(source, r.Str((*arr)[i], ptr, "source"));
    const std::u32string letters = DecodeUtf8Lenient(route.letters);
    if (letters.size() < 2 || letters.size() > 5)
      return JsonPathError(f.path, ptr + "/letters", "must be two to five letters");
    if (route.ends.empty() || route.ends.size() > letters.size())
      return JsonPathError(f.path, ptr + "/ends", "must name one to as many places as there are letters");
    for (size_t e = 0; e < route.ends.size(); ++e) {
      if (!region_names.count(route.ends[e]))
        return JsonPathError(f.path, fmt::format("{}/ends/{}", ptr, e), fmt::format("unknown region \"{}\"", route.ends[e]));
    }
    if (route.endings.empty()) return JsonPathError(f.path, ptr + "/endings", "must list the route's kinds (铁路, 高速 …)");
    for (size_t e = 0; e < route.endings.size(); ++e) {
      if (route.endings[e].empty()) return JsonPathError(f.path, fmt::format("{}/endings/{}", ptr, e), "empty");
      if (!seen.insert(route.letters + "|" + route.endings[e]).second)
        return JsonPathError(f.path, fmt::format("{}/endings/{}", ptr, e), "this route is listed twice");
    }
    if (source.empty()) return JsonPathError(f.path, ptr + "/source", "must say where the route's ends are stated");
    lex.routes.push_back(std::move(route));
  }
  return Status::Ok();
}

// The word lists of words.json, by name (the one table LoadWords and FindWordList read).
template <typename L, typename V>
std::vector<std::pair<const char*, V*>> WordListTable(L& lex) {
  return {
      {"boilerplate", &lex.boilerplate},
      {"boundary_words", &lex.boundary_words},
      {"boundary_exceptions", &lex.boundary_exceptions},
      {"soft_boundaries", &lex.soft_boundaries},
      {"generic_modifiers", &lex.generic_modifiers},
      {"evaluative_words", &lex.evaluative_words},
      {"head_continuations", &lex.head_continuations},
      {"cooperation_cues", &lex.cooperation_cues},
      {"link_words", &lex.link_words},
      {"partner_verbs", &lex.partner_verbs},
      {"develop_verbs", &lex.develop_verbs},
      {"host_verbs", &lex.host_verbs},
      {"landing_verbs", &lex.landing_verbs},
      {"programme_verbs", &lex.programme_verbs},
      {"plan_verbs", &lex.plan_verbs},
      {"upgrade_verbs", &lex.upgrade_verbs},
      {"achievement_verbs", &lex.achievement_verbs},
      {"build_suffixes", &lex.build_suffixes},
      {"build_adverbs", &lex.build_adverbs},
      {"build_progress", &lex.build_progress},
      {"lead_roles", &lex.lead_roles},
      {"milestone_words", &lex.milestone_words},
      {"count_verbs", &lex.count_verbs},
      {"operation_words", &lex.operation_words},
      {"opposed_verbs", &lex.opposed_verbs},
      {"founding_verbs", &lex.founding_verbs},
      {"weak_outcomes", &lex.weak_outcomes},
      {"construction_verbs", &lex.construction_verbs},
      {"weak_heads", &lex.weak_heads},
      {"abbreviation_heads", &lex.abbreviation_heads},
      {"letter_blend_endings", &lex.letter_blend_endings},
      {"letter_blend_clause_endings", &lex.letter_blend_clause_endings},
      {"metric_verbs", &lex.metric_verbs},
      {"selection_verbs", &lex.selection_verbs},
      {"selection_openers", &lex.selection_openers},
      {"metric_tails", &lex.metric_tails},
      {"ratio_metrics", &lex.ratio_metrics},
      {"own_designations", &lex.own_designations},
      {"platform_class_endings", &lex.platform_class_endings},
      {"people_nouns", &lex.people_nouns},
      {"benefit_verbs", &lex.benefit_verbs},
      {"means_words", &lex.means_words},
      {"cue_tails", &lex.cue_tails},
      {"superlatives", &lex.superlatives},
      {"quoted_object_verbs", &lex.quoted_object_verbs},
      {"letter_blend_stop_words", &lex.letter_blend_stop_words},
      {"platform_letters", &lex.platform_letters},
      {"letter_blend_route_endings", &lex.letter_blend_route_endings},
      {"route_end_heads", &lex.route_end_heads},
      {"route_end_sites", &lex.route_end_sites},
      {"town_stop_words", &lex.town_stop_words},
      {"plan_name_verbs", &lex.plan_name_verbs},
      {"title_verbs", &lex.title_verbs},
      {"site_letter_verbs", &lex.site_letter_verbs},
      {"consequence_verbs", &lex.consequence_verbs},
      {"grade_words", &lex.grade_words},
      {"title_skip_words", &lex.title_skip_words},
      {"size_words", &lex.size_words},
      {"name_variants", &lex.name_variants},
      {"brand_products", &lex.brand_products},
      {"site_designations", &lex.site_designations},
      {"landform_marks", &lex.landform_marks},
      {"site_designation_verbs", &lex.site_designation_verbs},
      {"cluster_heads", &lex.cluster_heads},
      {"cluster_designation_verbs", &lex.cluster_designation_verbs},
      {"region_theme_words", &lex.region_theme_words},
      {"works_words", &lex.works_words},
      {"league_suffixes", &lex.league_suffixes},
      {"quoted_label_initiative_words", &lex.quoted_label_initiative_words},
      {"quoted_label_stop_words", &lex.quoted_label_stop_words},
      {"quoted_label_platform_endings", &lex.quoted_label_platform_endings},
      {"quoted_label_closing_verbs", &lex.quoted_label_closing_verbs},
      {"blend_label_site_endings", &lex.blend_label_site_endings},
      {"blend_label_role_endings", &lex.blend_label_role_endings},
      {"cluster_nouns", &lex.cluster_nouns},
      {"firm_name_endings", &lex.firm_name_endings},
      {"support_verbs", &lex.support_verbs},
      {"bare_metrics", &lex.bare_metrics},
      {"total_words", &lex.total_words},
      {"share_words", &lex.share_words},
      {"counted_programmes", &lex.counted_programmes},
      {"subject_site_verbs", &lex.subject_site_verbs},
      {"national_scope_words", &lex.national_scope_words},
      {"funding_verbs", &lex.funding_verbs},
      {"funded_links", &lex.funded_links},
      {"partner_class_nouns", &lex.partner_class_nouns},
      {"plural_cues", &lex.plural_cues},
      {"stage_suffixes", &lex.stage_suffixes},
      {"companion_events", &lex.companion_events},
      {"target_comparators", &lex.target_comparators},
      {"rate_comparators", &lex.rate_comparators},
      {"increment_comparators", &lex.increment_comparators},
      {"target_qualifiers", &lex.target_qualifiers},
      {"metric_fillers", &lex.metric_fillers},
      {"metric_end_adverbs", &lex.metric_end_adverbs},
      {"uncounted_nouns", &lex.uncounted_nouns},
      {"counted_metrics", &lex.counted_metrics},
      {"threshold_comparators", &lex.threshold_comparators},
      {"approximate_comparators", &lex.approximate_comparators},
      {"units", &lex.units},
      {"counters", &lex.counters},
      {"count_words", &lex.count_words},
      {"review_headings", &lex.review_headings},
      {"region_collisions", &lex.region_collisions},
      {"region_heads", &lex.region_heads},
      {"landform_suffixes", &lex.landform_suffixes},
      {"landform_suffix_exceptions", &lex.landform_suffix_exceptions},
      {"issuer_cues", &lex.issuer_cues},
      {"national_issuer_cues", &lex.national_issuer_cues},
  };
}

Status LoadWords(const JsonFile& f, Lexicons& lex) {
  Reader r(f.path);
  const auto lists = WordListTable<Lexicons, std::vector<std::string>>(lex);
  std::set<std::string> allowed;
  for (const auto& [key, list] : lists) {
    allowed.insert(key);
    ASSIGN_OR_RETURN(*list, r.StrList(f.doc, "", key));
  }
  for (size_t i = 0; i < lex.name_variants.size(); ++i) {
    const std::string& entry = lex.name_variants[i];
    const size_t eq = entry.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == entry.size() || entry.find('=', eq + 1) != std::string::npos)
      return JsonPathError(f.path, fmt::format("/name_variants/{}", i),
                           "expected \"variant=canonical\" (two non-empty forms joined by one =)");
  }
  for (auto m = f.doc.MemberBegin(); m != f.doc.MemberEnd(); ++m) {
    std::string k(m->name.GetString(), m->name.GetStringLength());
    if (k == "about" || allowed.count(k)) continue;
    auto near = ClosestNames(k, std::vector<std::string>(allowed.begin(), allowed.end()), 1);
    return JsonPathError(f.path, "/" + k,
                         fmt::format("unknown word list{}", near.empty() ? "" : " (did you mean \"" + near[0] + "\"?)"));
  }
  return Status::Ok();
}

// Region names are node names: each names one region.
Status CheckUniqueRegionNames(const Lexicons& lex, const std::string& dir) {
  std::unordered_set<std::string_view> names;
  names.reserve(lex.regions.size());
  for (const auto& r : lex.regions) {
    if (!names.insert(r.name).second) return MakeFileError(dir, fmt::format("region \"{}\" is defined twice", r.name));
  }
  return Status::Ok();
}

// Adds every group to its members' parents (in file order, once).
Status AddGroupMembers(Lexicons& lex, const std::string& dir) {
  std::unordered_map<std::string_view, size_t> index;
  for (size_t g = 0; g < lex.regions.size(); ++g) {
    if (lex.regions[g].members.empty() && lex.regions[g].partial_members.empty()) continue;
    if (index.empty()) {
      index.reserve(lex.regions.size());
      for (size_t i = 0; i < lex.regions.size(); ++i) index.emplace(lex.regions[i].name, i);
    }
    auto unknown = [&](const std::string& m) {
      std::vector<std::string> known;
      for (const auto& r : lex.regions) known.push_back(r.name);
      auto near = ClosestNames(m, known, 1);
      return MakeFileError(
          dir, fmt::format("group \"{}\" has unknown member \"{}\"{}", lex.regions[g].name, m,
                           near.empty() ? "" : " (did you mean \"" + near[0] + "\"?)"));
    };
    // (Partial members are checked, and get no parent link: CompiledLexicon counts their
    // provinces.)
    for (const auto& m : lex.regions[g].partial_members) {
      if (index.find(m) == index.end()) return unknown(m);
    }
    for (const auto& m : lex.regions[g].members) {
      auto it = index.find(m);
      if (it == index.end()) return unknown(m);
      auto& parents = lex.regions[it->second].parents;
      if (std::find(parents.begin(), parents.end(), lex.regions[g].name) == parents.end()) {
        parents.push_back(lex.regions[g].name);
      }
    }
  }
  return Status::Ok();
}

// Checks that every region parent names a known region.
Status CheckRegionParents(const Lexicons& lex, const std::string& dir) {
  std::unordered_set<std::string_view> names;
  names.reserve(lex.regions.size());
  for (const auto& r : lex.regions) names.insert(r.name);
  auto known_names = [&] {
    std::vector<std::string> known(names.begin(), names.end());
    std::sort(known.begin(), known.end());
    return known;
  };
  for (const auto& r : lex.regions) {
    if (!r.context.empty() && !names.count(r.context)) {
      return MakeFileError(dir, fmt::format("region \"{}\" has unknown context \"{}\"", r.name, r.context));
    }
    for (const auto& p : r.parents) {
      if (!names.count(p)) {
        auto near = ClosestNames(p, known_names(), 1);
        return MakeFileError(dir, fmt::format("region \"{}\" has unknown parent \"{}\"{}", r.name, p,
                                              near.empty() ? "" : " (did you mean \"" + near[0] + "\"?)"));
      }
    }
  }
  std::set<std::string> abbrev_ok;
  for (const auto& a : lex.abbreviations) {
    if (!names.count(a.region)) {
      return MakeFileError(dir, fmt::format("abbreviation \"{}\" names unknown region \"{}\"", a.text, a.region));
    }
  }
  for (const auto& b : lex.blends) {
    for (const auto& reg : b.regions) {
      if (!names.count(reg)) {
        return MakeFileError(dir, fmt::format("blend \"{}\" names unknown region \"{}\"", b.text, reg));
      }
    }
  }
  return Status::Ok();
}


// Names `name` among `known` with a did-you-mean.
std::string Unknown(const char* what, const std::string& name, const std::vector<std::string>& known) {
  auto near = ClosestNames(name, known, 1);
  return fmt::format("unknown {} \"{}\"{}", what, name, near.empty() ? "" : " (did you mean \"" + near[0] + "\"?)");
}

Status CheckKeys(const std::string& file, const rapidjson::Value& obj, const std::string& ptr,
                 std::initializer_list<const char*> keys) {
  if (!obj.IsObject()) return JsonPathError(file, ptr, "expected an object");
  for (auto m = obj.MemberBegin(); m != obj.MemberEnd(); ++m) {
    std::string k(m->name.GetString(), m->name.GetStringLength());
    if (std::none_of(keys.begin(), keys.end(), [&](const char* key) { return k == key; })) {
      std::vector<std::string> known(keys.begin(), keys.end());
      return JsonPathError(file, ptr + "/" + k, Unknown("field", k, known));
    }
  }
  return Status::Ok();
}

Result<PatternElement> LoadPatternElement(const JsonFile& f, const Schema& schema, const rapidjson::Value& v,
                                          const std::string& ptr) {
  Reader r(f.path);
  POLICYKG_RETURN_IF_ERROR(
      CheckKeys(f.path, v, ptr, {"span", "types", "list", "levels", "home", "away", "not_after", "words", "literal", "optional"}));
  PatternElement e;
  const int kinds = v.HasMember("span") + v.HasMember("words") + v.HasMember("literal");
  if (kinds != 1) return JsonPathError(f.path, ptr, "expected exactly one of \"span\", \"words\", \"literal\"");
  if (v.HasMember("span")) {
    e.kind = PatternElement::kSpan;
    ASSIGN_OR_RETURN(e.span, r.Str(v, ptr, "span"));
    if (e.span != "Region" && e.span != "Entity") {
      return JsonPathError(f.path, ptr + "/span", Unknown("span", e.span, {"Region", "Entity"}));
    }
    ASSIGN_OR_RETURN(e.types, r.StrList(v, ptr, "types"));
    ASSIGN_OR_RETURN(e.list, r.Bool(v, ptr, "list", false));
    std::vector<std::string> known;
    for (const auto& t : schema.entity_types) known.push_back(t.name);
    for (size_t k = 0; k < e.types.size(); ++k) {
      if (!schema.FindEntityType(e.types[k]) || e.types[k] == "Region" || e.types[k] == "Target") {
        return JsonPathError(f.path, fmt::format("{}/types/{}", ptr, k), Unknown("entity type", e.types[k], known));
      }
    }
    if (e.span == "Region" && !e.types.empty()) return JsonPathError(f.path, ptr + "/types", "only an Entity span has types");
    ASSIGN_OR_RETURN(e.levels, r.StrList(v, ptr, "levels"));
    ASSIGN_OR_RETURN(e.home, r.Bool(v, ptr, "home", false));
    ASSIGN_OR_RETURN(e.away, r.Bool(v, ptr, "away", false));
    if (e.home && e.away) return JsonPathError(f.path, ptr + "/away", "a span cannot be both \"home\" and \"away\"");
    ASSIGN_OR_RETURN(e.not_after, r.StrList(v, ptr, "not_after"));
    if (e.span == "Entity" &&
        (v.HasMember("levels") || v.HasMember("home") || v.HasMember("away") || v.HasMember("not_after"))) {
      return JsonPathError(f.path, ptr, "\"levels\", \"home\", \"away\" and \"not_after\" belong to a Region span");
    }
    std::vector<std::string> known_levels;
    for (const auto& region : schema.lexicons.regions) {
      if (std::find(known_levels.begin(), known_levels.end(), region.level) == known_levels.end())
        known_levels.push_back(region.level);
    }
    for (size_t k = 0; k < e.levels.size(); ++k) {
      if (std::find(known_levels.begin(), known_levels.end(), e.levels[k]) == known_levels.end()) {
        return JsonPathError(f.path, fmt::format("{}/levels/{}", ptr, k), Unknown("region level", e.levels[k], known_levels));
      }
    }
    if (e.span == "Entity" && e.list) return JsonPathError(f.path, ptr + "/list", "only a Region span can be a list");
  } else if (v.HasMember("words")) {
    e.kind = PatternElement::kWords;
    ASSIGN_OR_RETURN(e.words, r.Str(v, ptr, "words"));
    if (!FindWordList(schema.lexicons, e.words)) {
      return JsonPathError(f.path, ptr + "/words", Unknown("word list", e.words, WordListNames()));
    }
  } else {
    e.kind = PatternElement::kLiteral;
    ASSIGN_OR_RETURN(e.literal, r.StrList(v, ptr, "literal"));
    if (e.literal.empty()) return JsonPathError(f.path, ptr + "/literal", "expected at least one word");
    for (size_t k = 0; k < e.literal.size(); ++k) {
      if (e.literal[k].empty()) return JsonPathError(f.path, fmt::format("{}/literal/{}", ptr, k), "empty word");
    }
  }
  if (e.kind != PatternElement::kSpan &&
      (v.HasMember("types") || v.HasMember("list") || v.HasMember("levels") || v.HasMember("home") ||
       v.HasMember("away") || v.HasMember("not_after"))) {
    return JsonPathError(f.path, ptr, "\"types\", \"list\", \"levels\", \"home\" and \"away\" belong to a span");
  }
  ASSIGN_OR_RETURN(e.optional, r.Bool(v, ptr, "optional", false));
  if (e.kind == PatternElement::kSpan && e.optional) return JsonPathError(f.path, ptr + "/optional", "a span cannot be optional");
  return e;
}

// The source or target of a pattern's emit: an element index or "document_region".
Result<int> LoadEmitEnd(const JsonFile& f, const rapidjson::Value& emit, const std::string& ptr, const char* key,
                        const std::vector<PatternElement>& elements) {
  auto it = emit.FindMember(key);
  const std::string p = ptr + "/" + key;
  if (it == emit.MemberEnd()) return JsonPathError(f.path, p, "missing field");
  if (it->value.IsString() && std::string_view(it->value.GetString()) == "document_region") {
    return PatternSpec::kDocumentRegion;
  }
  if (!it->value.IsUint() || it->value.GetUint() >= elements.size()) {
    return JsonPathError(f.path, p, fmt::format("expected the index of an element (0 to {}) or \"document_region\"",
                                                elements.size() - 1));
  }
  const int index = static_cast<int>(it->value.GetUint());
  if (elements[index].kind != PatternElement::kSpan) return JsonPathError(f.path, p, "names an element that is not a span");
  return index;
}

// The types an emit end can have: Region, or the entity types of an Entity span.
std::vector<std::string> EndTypes(const Schema& schema, const PatternSpec& p, int end) {
  if (end == PatternSpec::kDocumentRegion || p.elements[end].span == "Region") return {"Region"};
  if (!p.elements[end].types.empty()) return p.elements[end].types;
  std::vector<std::string> all;
  for (const auto& t : schema.entity_types) {
    if (t.name != "Region" && t.name != "Target") all.push_back(t.name);
  }
  return all;
}

Result<PatternSpec> LoadPattern(const JsonFile& f, const Schema& schema, const rapidjson::Value& v,
                                const std::string& ptr) {
  Reader r(f.path);
  PatternSpec p;
  auto it = v.FindMember("pattern");
  if (!it->value.IsArray() || it->value.Empty()) return JsonPathError(f.path, ptr + "/pattern", "expected a non-empty array");
  for (rapidjson::SizeType i = 0; i < it->value.Size(); ++i) {
    PatternElement e;
    ASSIGN_OR_RETURN(e, LoadPatternElement(f, schema, it->value[i], fmt::format("{}/pattern/{}", ptr, i)));
    p.elements.push_back(std::move(e));
  }
  // Matching is anchored on the last span; words after it are matched forward from its end.
  size_t anchor = p.elements.size();
  while (anchor > 0 && p.elements[anchor - 1].kind != PatternElement::kSpan) --anchor;
  if (anchor == 0) {
    return JsonPathError(f.path, ptr + "/pattern", "expected at least one span (matching is anchored on the last)");
  }
  if (p.elements[anchor - 1].list) {
    return JsonPathError(f.path, fmt::format("{}/pattern/{}/list", ptr, anchor - 1),
                         "the last span is matched one span at a time; a list only before another span");
  }
  auto emit = v.FindMember("emit");
  if (emit == v.MemberEnd()) return JsonPathError(f.path, ptr + "/emit", "missing field");
  const std::string eptr = ptr + "/emit";
  POLICYKG_RETURN_IF_ERROR(CheckKeys(f.path, emit->value, eptr, {"relation", "source", "target"}));
  ASSIGN_OR_RETURN(p.relation, r.Str(emit->value, eptr, "relation"));
  if (!schema.FindRelationType(p.relation)) {
    std::vector<std::string> known;
    for (const auto& rel : schema.relation_types) known.push_back(rel.name);
    return JsonPathError(f.path, eptr + "/relation", Unknown("relation", p.relation, known));
  }
  ASSIGN_OR_RETURN(p.source, LoadEmitEnd(f, emit->value, eptr, "source", p.elements));
  ASSIGN_OR_RETURN(p.target, LoadEmitEnd(f, emit->value, eptr, "target", p.elements));
  if (p.source == p.target) return JsonPathError(f.path, eptr + "/target", "source and target are the same element");
  // Every typed combination the pattern can produce must be one the relation allows; with an
  // untyped Entity span (filtered per match), at least one.
  auto untyped = [&](int end) {
    return end >= 0 && p.elements[end].span == "Entity" && p.elements[end].types.empty();
  };
  const bool filtered = untyped(p.source) || untyped(p.target);
  bool any_allowed = false;
  for (const auto& a : EndTypes(schema, p, p.source)) {
    for (const auto& b : EndTypes(schema, p, p.target)) {
      const bool allowed = schema.Allows(p.relation, a, b);
      any_allowed = any_allowed || allowed;
      if (!allowed && !filtered) {
        return JsonPathError(f.path, eptr + "/relation",
                             fmt::format("relation \"{}\" does not allow {} -> {} (see its domain and range)", p.relation, a, b));
      }
    }
  }
  if (!any_allowed) {
    return JsonPathError(f.path, eptr + "/relation",
                         fmt::format("relation \"{}\" does not allow any of the types its source and target can have "
                                     "(see its domain and range)", p.relation));
  }
  return p;
}

// schema/rules.json: {"rules": [{"name": …, "enabled": true, "pattern": […], "emit": {…}}, …]}.
Status LoadRules(const JsonFile& f, Schema& schema) {
  Reader r(f.path);
  const rapidjson::Value* arr = nullptr;
  ASSIGN_OR_RETURN(arr, r.Array(f.doc, "rules", true));
  std::set<std::string> seen;
  for (rapidjson::SizeType i = 0; i < arr->Size(); ++i) {
    const std::string ptr = fmt::format("/rules/{}", i);
    const auto& v = (*arr)[i];
    POLICYKG_RETURN_IF_ERROR(CheckKeys(f.path, v, ptr, {"name", "enabled", "pattern", "emit", "about"}));
    RuleSpec rule;
    rule.pointer = ptr;
    ASSIGN_OR_RETURN(rule.name, r.Str(v, ptr, "name"));
    ASSIGN_OR_RETURN(rule.enabled, r.Bool(v, ptr, "enabled", true));
    if (rule.name.empty()) return JsonPathError(f.path, ptr + "/name", "empty rule name");
    if (!seen.insert(rule.name).second) return JsonPathError(f.path, ptr + "/name", "duplicate rule " + rule.name);
    if (v.HasMember("pattern")) {
      PatternSpec p;
      ASSIGN_OR_RETURN(p, LoadPattern(f, schema, v, ptr));
      rule.pattern = std::move(p);
    } else if (v.HasMember("emit")) {
      return JsonPathError(f.path, ptr + "/emit", "\"emit\" without \"pattern\"");
    }
    schema.rules.push_back(std::move(rule));
  }
  return Status::Ok();
}
}  // namespace

const std::vector<std::string>* FindWordList(const Lexicons& lexicons, std::string_view name) {
  for (const auto& [key, list] : WordListTable<const Lexicons, const std::vector<std::string>>(lexicons)) {
    if (name == key) return list;
  }
  return nullptr;
}

std::vector<std::pair<const char*, std::vector<std::string>*>> WordLists(Lexicons& lexicons) {
  return WordListTable<Lexicons, std::vector<std::string>>(lexicons);
}

std::vector<std::pair<const char*, const std::vector<std::string>*>> WordLists(
    const Lexicons& lexicons) {
  return WordListTable<const Lexicons, const std::vector<std::string>>(lexicons);
}

std::vector<std::string> WordListNames() {
  Lexicons empty;
  std::vector<std::string> names;
  for (const auto& entry : WordListTable<Lexicons, std::vector<std::string>>(empty)) names.emplace_back(entry.first);
  return names;
}

namespace {

// Reads DIR/schema.json into `main_file` (appending its bytes to `content`) and its types into
// `schema`.
Status LoadMainFile(const std::string& directory, Schema& schema, JsonFile& main_file,
                    std::string& content) {
  std::error_code ec;
  if (!fs::is_directory(directory, ec)) {
    return MakeFileError(directory, "schema directory not found (expected a folder with schema.json)");
  }
  schema.directory = directory;
  ASSIGN_OR_RETURN(main_file,
                   ReadJson((fs::path(directory) / "schema.json").string(), directory, content));
  return LoadTypes(main_file, schema);
}

// The paths of the lexicon files schema.json's "lexicons" object names under `key` (a file name or
// a list of them), joined to the schema folder.
Result<std::vector<std::string>> LexiconFiles(const std::string& main_path,
                                              const rapidjson::Value& lexicons,
                                              const std::string& directory, const char* key) {
  auto it = lexicons.FindMember(key);
  if (it == lexicons.MemberEnd())
    return JsonPathError(main_path, std::string("/lexicons/") + key, "missing field");
  std::vector<std::string> out;
  if (it->value.IsString()) {
    out.emplace_back(it->value.GetString());
  } else if (it->value.IsArray()) {
    for (const auto& v : it->value.GetArray()) {
      if (!v.IsString())
        return JsonPathError(main_path, std::string("/lexicons/") + key, "expected file names");
      out.emplace_back(v.GetString());
    }
  } else {
    return JsonPathError(main_path, std::string("/lexicons/") + key,
                         "expected a file name or a list of them");
  }
  for (auto& p : out) p = (fs::path(directory) / p).string();
  return out;
}

// schema.json's "lexicons" object, or an error.
Result<const rapidjson::Value*> LexiconsObject(const JsonFile& main_file) {
  auto lex_it = main_file.doc.FindMember("lexicons");
  if (lex_it == main_file.doc.MemberEnd() || !lex_it->value.IsObject()) {
    return JsonPathError(main_file.path, "/lexicons", "missing object naming the lexicon files");
  }
  return &lex_it->value;
}

}  // namespace

Result<Schema> LoadSchemaTypes(const std::string& directory) {
  Schema schema;
  JsonFile main_file;
  std::string content;
  POLICYKG_RETURN_IF_ERROR(LoadMainFile(directory, schema, main_file, content));
  return schema;
}

// (IdentifySchema reads the same files in the same order: keep the two in step.)
Result<Schema> LoadSchema(const std::string& directory) {
  Schema schema;
  std::string content;  // every file read, for the fingerprint
  JsonFile main_file;
  POLICYKG_RETURN_IF_ERROR(LoadMainFile(directory, schema, main_file, content));

  const rapidjson::Value* lexicons_object;
  ASSIGN_OR_RETURN(lexicons_object, LexiconsObject(main_file));
  const rapidjson::Value& lexicons = *lexicons_object;
  auto files_of = [&](const char* key) {
    return LexiconFiles(main_file.path, lexicons, directory, key);
  };

  std::vector<std::string> files;
  ASSIGN_OR_RETURN(files, files_of("regions"));
  {
    // Every region file is parsed first, so that the regions are stored once, not moved as each
    // file's regions are appended.
    std::vector<JsonFile> region_files(files.size());
    size_t total = 0;
    for (size_t i = 0; i < files.size(); ++i) {
      ASSIGN_OR_RETURN(region_files[i], ReadJson(files[i], directory, content));
      const auto& doc = region_files[i].doc;
      if (doc.IsObject() && doc.HasMember("regions") && doc["regions"].IsArray()) total += doc["regions"].Size();
    }
    schema.lexicons.regions.reserve(schema.lexicons.regions.size() + total);
    for (const auto& f : region_files) POLICYKG_RETURN_IF_ERROR(LoadRegions(f, schema.lexicons));
  }
  ASSIGN_OR_RETURN(files, files_of("abbreviations"));
  for (const auto& p : files) {
    JsonFile f;
    ASSIGN_OR_RETURN(f, ReadJson(p, directory, content));
    POLICYKG_RETURN_IF_ERROR(LoadAbbreviations(f, schema.lexicons));
  }
  ASSIGN_OR_RETURN(files, files_of("heads"));
  for (const auto& p : files) {
    JsonFile f;
    ASSIGN_OR_RETURN(f, ReadJson(p, directory, content));
    POLICYKG_RETURN_IF_ERROR(LoadHeads(f, schema, schema.lexicons));
  }
  // (sites.json is optional: a schema without "sites" knows none.)
  if (lexicons.HasMember("sites")) {
    ASSIGN_OR_RETURN(files, files_of("sites"));
    for (const auto& p : files) {
      JsonFile f;
      ASSIGN_OR_RETURN(f, ReadJson(p, directory, content));
      POLICYKG_RETURN_IF_ERROR(LoadSites(f, schema, schema.lexicons));
    }
  }
  // (routes.json is optional too; its ends are checked against every region file above.)
  if (lexicons.HasMember("routes")) {
    ASSIGN_OR_RETURN(files, files_of("routes"));
    for (const auto& p : files) {
      JsonFile f;
      ASSIGN_OR_RETURN(f, ReadJson(p, directory, content));
      POLICYKG_RETURN_IF_ERROR(LoadRoutes(f, schema.lexicons));
    }
  }
  ASSIGN_OR_RETURN(files, files_of("words"));
  for (const auto& p : files) {
    JsonFile f;
    ASSIGN_OR_RETURN(f, ReadJson(p, directory, content));
    POLICYKG_RETURN_IF_ERROR(LoadWords(f, schema.lexicons));
    schema.words_file = p;
  }
  POLICYKG_RETURN_IF_ERROR(CheckUniqueRegionNames(schema.lexicons, directory));
  POLICYKG_RETURN_IF_ERROR(AddGroupMembers(schema.lexicons, directory));
  POLICYKG_RETURN_IF_ERROR(CheckRegionParents(schema.lexicons, directory));
  ASSIGN_OR_RETURN(files, files_of("rules"));
  if (files.size() != 1) return JsonPathError(main_file.path, "/lexicons/rules", "expected one file name");
  {
    JsonFile f;
    ASSIGN_OR_RETURN(f, ReadJson(files[0], directory, content));
    POLICYKG_RETURN_IF_ERROR(LoadRules(f, schema));
    schema.rules_file = files[0];
  }
  schema.fingerprint = text::Sha256Hex(content).substr(0, 16);
  return schema;
}

Result<SchemaIdentity> IdentifySchema(const std::string& directory) {
  Schema types;  // (schema.json's types, read on the way; small)
  std::string content;
  JsonFile main_file;
  POLICYKG_RETURN_IF_ERROR(LoadMainFile(directory, types, main_file, content));
  const rapidjson::Value* lexicons;
  ASSIGN_OR_RETURN(lexicons, LexiconsObject(main_file));
  SchemaIdentity id;
  std::vector<std::string> paths;
  for (const char* key :
       {"regions", "abbreviations", "heads", "sites", "routes", "words", "rules"}) {
    const bool optional = std::string_view(key) == "sites" || std::string_view(key) == "routes";
    if (optional && !lexicons->HasMember(key)) continue;
    std::vector<std::string> files;
    ASSIGN_OR_RETURN(files, LexiconFiles(main_file.path, *lexicons, directory, key));
    if (std::string_view(key) == "rules") {
      if (files.size() != 1)
        return JsonPathError(main_file.path, "/lexicons/rules", "expected one file name");
      id.rules_file = files[0];
    }
    if (std::string_view(key) == "words" && !files.empty()) id.words_file = files.back();
    paths.insert(paths.end(), files.begin(), files.end());
  }
  // The files are read straight into `content`, sized once from their sizes (ReadJson's copy of
  // each, and the regrowth, are half of the time here).
  size_t total = content.size();
  for (const auto& path : paths) {
    std::error_code size_ec;
    const auto size = fs::file_size(path, size_ec);
    if (!size_ec && size <= kMaxSchemaFileBytes)
      total += path.size() + 2 + static_cast<size_t>(size);
  }
  content.reserve(total);
  for (const auto& path : paths) {
    POLICYKG_RETURN_IF_ERROR(AppendContent(path, directory, content, [&](std::string& out) {
      return AppendFileBytes(path, out, kMaxSchemaFileBytes);
    }));
  }
  id.fingerprint = text::Sha256Hex(content).substr(0, 16);
  return id;
}

}  // namespace policykg::schema
