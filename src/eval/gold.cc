#include "eval/gold.h"

#include <fmt/format.h>

#include "common/file_io.h"
#include "common/json.h"
#include "eval/py_compat.h"

namespace policykg::eval {

namespace {

// Reads typed fields of one JSON object, reporting problems with their JSON pointer.
class Reader {
 public:
  Reader(const std::string& origin, std::string pointer, const rapidjson::Value& value)
      : origin_(origin), pointer_(std::move(pointer)), value_(value) {}

  Status RequireObject() const {
    if (!value_.IsObject()) return Fail("", "expected an object");
    return Status::Ok();
  }

  const rapidjson::Value* Find(const char* key) const {
    auto it = value_.FindMember(key);
    if (it == value_.MemberEnd()) return nullptr;
    return &it->value;
  }

  Result<std::string> String(const char* key, bool required) const {
    const rapidjson::Value* v = Find(key);
    if (!v) {
      if (required) return Fail(key, "missing field");
      return std::string();
    }
    if (!v->IsString()) return Fail(key, "expected a string");
    return std::string(v->GetString(), v->GetStringLength());
  }

  Result<std::vector<std::string>> Strings(const char* key) const {
    std::vector<std::string> out;
    const rapidjson::Value* v = Find(key);
    if (!v) return out;
    if (!v->IsArray()) return Fail(key, "expected an array of strings");
    for (rapidjson::SizeType i = 0; i < v->Size(); ++i) {
      const rapidjson::Value& item = (*v)[i];
      if (!item.IsString()) return Fail(fmt::format("{}/{}", key, i), "expected a string");
      out.emplace_back(item.GetString(), item.GetStringLength());
    }
    return out;
  }

  // The array at `key` (nullptr when absent and not required).
  Result<const rapidjson::Value*> Array(const char* key, bool required) const {
    const rapidjson::Value* v = Find(key);
    if (!v) {
      if (required) return Fail(key, "missing field");
      return static_cast<const rapidjson::Value*>(nullptr);
    }
    if (!v->IsArray()) return Fail(key, "expected an array");
    return v;
  }

  Reader Child(const std::string& key, const rapidjson::Value& value) const {
    return Reader(origin_, Pointer(key), value);
  }

  Error Fail(const std::string& key, const std::string& message) const {
    return JsonPathError(origin_, Pointer(key), message);
  }

  // `key` is a path below this object ("type", "aliases/2"); the keys are the gold format's own,
  // which need no RFC 6901 escaping.
  std::string Pointer(const std::string& key) const {
    return key.empty() ? pointer_ : pointer_ + "/" + key;
  }

 private:
  const std::string& origin_;
  std::string pointer_;
  const rapidjson::Value& value_;
};

#define EVAL_ASSIGN_OR_RETURN(lhs, expr) \
  do {                                   \
    auto _r = (expr);                    \
    if (!_r.ok()) return _r.error();     \
    lhs = std::move(_r).value();         \
  } while (0)

Status ReadRelations(const Reader& top, const char* key, bool required,
                     std::vector<GoldRelation>& out) {
  const rapidjson::Value* arr = nullptr;
  EVAL_ASSIGN_OR_RETURN(arr, top.Array(key, required));
  if (!arr) return Status::Ok();
  for (rapidjson::SizeType i = 0; i < arr->Size(); ++i) {
    Reader r = top.Child(fmt::format("{}/{}", key, i), (*arr)[i]);
    POLICYKG_RETURN_IF_ERROR(r.RequireObject());
    GoldRelation rel;
    EVAL_ASSIGN_OR_RETURN(rel.source, r.String("source", true));
    EVAL_ASSIGN_OR_RETURN(rel.relation, r.String("relation", true));
    EVAL_ASSIGN_OR_RETURN(rel.target, r.String("target", true));
    out.push_back(std::move(rel));
  }
  return Status::Ok();
}

}  // namespace

Result<Gold> ParseGold(std::string_view json, const std::string& origin) {
  auto parsed = ParseJsonStrict(json, origin);
  if (!parsed.ok()) return parsed.error();
  const rapidjson::Document& root = *parsed;
  Reader top(origin, "", root);
  if (!root.IsObject()) return top.Fail("", "expected a JSON object (a gold annotation)");

  Gold gold;
  if (const rapidjson::Value* doc = top.Find("document"); doc && !doc->IsNull()) {
    EVAL_ASSIGN_OR_RETURN(gold.document, top.String("document", false));
  }

  const rapidjson::Value* entities = nullptr;
  EVAL_ASSIGN_OR_RETURN(entities, top.Array("entities", true));
  for (rapidjson::SizeType i = 0; i < entities->Size(); ++i) {
    Reader r = top.Child(fmt::format("entities/{}", i), (*entities)[i]);
    POLICYKG_RETURN_IF_ERROR(r.RequireObject());
    GoldEntity e;
    EVAL_ASSIGN_OR_RETURN(e.name, r.String("name", true));
    EVAL_ASSIGN_OR_RETURN(e.type, r.String("type", true));
    EVAL_ASSIGN_OR_RETURN(e.aliases, r.Strings("aliases"));
    gold.entities.push_back(std::move(e));
  }

  const rapidjson::Value* targets = nullptr;
  EVAL_ASSIGN_OR_RETURN(targets, top.Array("targets", false));
  for (rapidjson::SizeType i = 0; targets && i < targets->Size(); ++i) {
    Reader r = top.Child(fmt::format("targets/{}", i), (*targets)[i]);
    POLICYKG_RETURN_IF_ERROR(r.RequireObject());
    GoldTarget t;
    EVAL_ASSIGN_OR_RETURN(t.metric, r.String("metric", true));
    const rapidjson::Value* value = r.Find("value");
    if (!value) return r.Fail("value", "missing field");
    if (!value->IsNumber()) return r.Fail("value", "expected a number");
    t.value = value->GetDouble();
    if (value->IsInt64()) {
      t.value_text = std::to_string(value->GetInt64());
    } else if (value->IsUint64()) {
      t.value_text = std::to_string(value->GetUint64());
    } else {
      t.value_text = PythonFloatRepr(t.value);
    }
    EVAL_ASSIGN_OR_RETURN(t.unit, r.String("unit", true));
    gold.targets.push_back(std::move(t));
  }

  EVAL_ASSIGN_OR_RETURN(gold.optional, top.Strings("optional"));
  POLICYKG_RETURN_IF_ERROR(ReadRelations(top, "relations", true, gold.relations));
  POLICYKG_RETURN_IF_ERROR(
      ReadRelations(top, "optional_relations", false, gold.optional_relations));
  EVAL_ASSIGN_OR_RETURN(gold.relation_types, top.Strings("relation_types"));

  const rapidjson::Value* scope = top.Find("scope_lines");
  if (scope && scope->IsNull()) scope = nullptr;
  if (scope && !scope->IsArray())
    return top.Fail("scope_lines", "expected [first line, last line]");
  if (scope && !scope->Empty()) {
    if (scope->Size() != 2) {
      return top.Fail("scope_lines", "expected [first line, last line]");
    }
    int lines[2];
    for (rapidjson::SizeType i = 0; i < 2; ++i) {
      const rapidjson::Value& v = (*scope)[i];
      if (!v.IsInt() || v.GetInt() < 1) {
        return top.Fail(fmt::format("scope_lines/{}", i), "expected a line number (1 or more)");
      }
      lines[i] = v.GetInt();
    }
    if (lines[1] < lines[0]) {
      return top.Fail("scope_lines/1", "last line is before the first line");
    }
    gold.scope_lines = ScopeLines{lines[0], lines[1]};
  }
  return gold;
}

#undef EVAL_ASSIGN_OR_RETURN

Result<Gold> LoadGold(const std::string& path) {
  auto bytes = ReadFileBytes(path);
  if (!bytes.ok()) return bytes.error();
  return ParseGold(*bytes, path);
}

}  // namespace policykg::eval
