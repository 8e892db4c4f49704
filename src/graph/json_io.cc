#include "graph/json_io.h"

#include <algorithm>
#include <cmath>
#include <iostream>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "common/file_io.h"
#include "common/parallel.h"
#include "common/json.h"
#include "graph/json_values.h"

namespace policykg::graph {

namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void WriteDocument(JsonWriter& w, const Document& d, bool embed_text) {
  w.StartObject();
  w.Key("id"), w.String(d.id);
  w.Key("path"), w.String(d.path);
  if (!d.title.empty()) w.Key("title"), w.String(d.title);
  w.Key("sha256"), w.String(d.sha256);
  w.Key("encoding"), w.String(d.encoding);
  if (!d.region.empty()) w.Key("region"), w.String(d.region);
  w.Key("chars"), w.Uint64(d.chars);
  if (embed_text && !d.text.empty()) w.Key("text"), w.String(d.text);
  w.EndObject();
}

void WriteNode(JsonWriter& w, const Node& n) {
  w.StartObject();
  WriteNodeIdentity(w, n);
  w.Key("attributes");
  WriteAttributes(w, n.attributes);
  w.Key("mentions");
  w.StartArray();
  for (const auto& m : n.mentions) {
    w.StartObject();
    w.Key("doc"), w.String(m.doc);
    w.Key("start"), w.Uint(m.start);
    w.Key("end"), w.Uint(m.end);
    if (!m.rule.empty()) w.Key("rule"), w.String(m.rule);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

void WriteEdge(JsonWriter& w, const KnowledgeGraph& g, EdgeDescriptor e) {
  const Edge& edge = g.edge(e);
  w.StartObject();
  w.Key("source"), w.String(g.node(boost::source(e, g.g())).id);
  w.Key("target"), w.String(g.node(boost::target(e, g.g())).id);
  w.Key("relation"), w.String(edge.relation);
  w.Key("weight");
  WriteAttrValue(w, edge.weight);
  if (!edge.attributes.empty()) {
    w.Key("attributes");
    WriteAttributes(w, edge.attributes);
  }
  w.Key("evidence");
  w.StartArray();
  for (const auto& ev : edge.evidence) {
    w.StartObject();
    if (!ev.doc.empty()) {
      w.Key("doc"), w.String(ev.doc);
      w.Key("start"), w.Uint(ev.start);
      w.Key("end"), w.Uint(ev.end);
    }
    w.Key("rule"), w.String(ev.rule);
    if (!ev.source.empty()) w.Key("source"), w.String(ev.source);
    if (!ev.text.empty()) w.Key("text"), w.String(ev.text);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

// Emits one record per line: readable, diffable, and fast for big graphs. Records are serialized
// `chunk` at a time into separate buffers on `threads` threads, a bounded batch at once, and
// written in order, so the bytes do not depend on the thread count.
template <typename Items, typename Fn>
void WriteList(std::ostream& out, const char* key, const Items& items, const WriteOptions& options,
               size_t chunk, Fn&& fn) {
  out << ",\"" << key << "\":[";
  const size_t n = items.size();
  const size_t chunks = (n + chunk - 1) / chunk;
  const size_t batch = static_cast<size_t>(std::max(options.threads, 1)) * 4;
  std::vector<rapidjson::StringBuffer> buffers(std::min(chunks, batch));
  for (size_t first = 0; first < chunks; first += batch) {
    const size_t count = std::min(batch, chunks - first);
    ParallelFor(
        count, options.threads,
        [&](size_t c) {
          rapidjson::StringBuffer& buf = buffers[c];
          buf.Clear();
          JsonWriter w(buf);
          const size_t begin = (first + c) * chunk, end = std::min(n, begin + chunk);
          for (size_t i = begin; i < end; ++i) {
            if (i > 0) buf.Put(',');
            if (options.pretty) buf.Put('\n'), buf.Put(' ');
            w.Reset(buf);
            fn(w, items[i]);
          }
        },
        1);
    for (size_t c = 0; c < count; ++c) {
      out.write(buffers[c].GetString(), static_cast<std::streamsize>(buffers[c].GetSize()));
    }
  }
  out << ']';
  if (options.pretty) out << '\n';
}

// Typed field access with JSON-pointer errors.
class Fields {
 public:
  Fields(const std::string& origin, std::string pointer, const rapidjson::Value& obj)
      : origin_(origin), pointer_(std::move(pointer)), obj_(obj) {}

  Status RequireObject() const {
    if (!obj_.IsObject()) return JsonPathError(origin_, pointer_, "expected an object");
    return Status::Ok();
  }
  Result<std::string> String(const char* key, bool required = true) const {
    auto it = obj_.FindMember(key);
    if (it == obj_.MemberEnd()) {
      if (!required) return std::string();
      return JsonPathError(origin_, Ptr(key), "missing field");
    }
    if (!it->value.IsString()) return JsonPathError(origin_, Ptr(key), "expected a string");
    return std::string(it->value.GetString(), it->value.GetStringLength());
  }
  Result<uint64_t> Unsigned(const char* key, bool required = true) const {
    auto it = obj_.FindMember(key);
    if (it == obj_.MemberEnd()) {
      if (!required) return uint64_t{0};
      return JsonPathError(origin_, Ptr(key), "missing field");
    }
    if (!it->value.IsUint64()) return JsonPathError(origin_, Ptr(key), "expected a non-negative integer");
    return it->value.GetUint64();
  }
  const rapidjson::Value* Find(const char* key) const {
    auto it = obj_.FindMember(key);
    return it == obj_.MemberEnd() ? nullptr : &it->value;
  }
  std::string Ptr(const std::string& key) const { return pointer_ + "/" + key; }
  const std::string& origin() const { return origin_; }

 private:
  const std::string& origin_;
  std::string pointer_;
  const rapidjson::Value& obj_;
};

Result<uint32_t> Offset(const Fields& f, const char* key) {
  auto v = f.Unsigned(key);
  if (!v.ok()) return v.error();
  if (*v > 0xFFFFFFFFull) return JsonPathError(f.origin(), f.Ptr(key), "offset too large");
  return static_cast<uint32_t>(*v);
}

Result<Attributes> ReadAttributes(const Fields& f, const char* key) {
  Attributes attrs;
  const rapidjson::Value* v = f.Find(key);
  if (!v) return attrs;
  if (!v->IsObject()) return JsonPathError(f.origin(), f.Ptr(key), "expected an object");
  for (auto it = v->MemberBegin(); it != v->MemberEnd(); ++it) {
    std::string name(it->name.GetString(), it->name.GetStringLength());
    const auto& val = it->value;
    if (val.IsString()) {
      attrs[name] = std::string(val.GetString(), val.GetStringLength());
    } else if (val.IsNumber()) {
      attrs[name] = val.GetDouble();
    } else if (val.IsBool()) {
      attrs[name] = val.GetBool();
    } else {
      return JsonPathError(f.origin(), f.Ptr(key) + "/" + name,
                           "attribute values must be strings, numbers or booleans");
    }
  }
  return attrs;
}

Result<std::vector<std::string>> ReadStringArray(const Fields& f, const char* key) {
  std::vector<std::string> out;
  const rapidjson::Value* v = f.Find(key);
  if (!v) return out;
  if (!v->IsArray()) return JsonPathError(f.origin(), f.Ptr(key), "expected an array");
  for (rapidjson::SizeType i = 0; i < v->Size(); ++i) {
    if (!(*v)[i].IsString()) {
      return JsonPathError(f.origin(), fmt::format("{}/{}", f.Ptr(key), i), "expected a string");
    }
    out.emplace_back((*v)[i].GetString(), (*v)[i].GetStringLength());
  }
  return out;
}

#define ASSIGN_OR_RETURN(lhs, expr) \
  do {                              \
    auto _r = (expr);               \
    if (!_r.ok()) return _r.error(); \
    lhs = std::move(_r).value();    \
  } while (0)

const rapidjson::Value* ArrayField(const rapidjson::Value& root, const char* key) {
  auto it = root.FindMember(key);
  return it == root.MemberEnd() ? nullptr : &it->value;
}

}  // namespace

void WriteGraphJson(const KnowledgeGraph& graph, std::ostream& out, const WriteOptions& options) {
  out << "{\"format\":\"policykg\",\"version\":1";
  // A document is one record per chunk (its text can be megabytes); nodes and edges go 256 at once.
  WriteList(out, "documents", graph.documents, options, 1,
            [&](JsonWriter& w, const Document& d) { WriteDocument(w, d, options.embed_text); });
  std::vector<Vertex> vertices;
  vertices.reserve(graph.node_count());
  for (auto [it, end] = boost::vertices(graph.g()); it != end; ++it) vertices.push_back(*it);
  WriteList(out, "nodes", vertices, options, 256,
            [&](JsonWriter& w, Vertex v) { WriteNode(w, graph.node(v)); });
  WriteList(out, "edges", graph.SortedEdges(), options, 256,
            [&](JsonWriter& w, EdgeDescriptor e) { WriteEdge(w, graph, e); });
  out << "}\n";
}

Status SaveGraph(const KnowledgeGraph& graph, const std::string& path, const WriteOptions& options) {
  return WriteStreamAtomic(path, [&](std::ostream& out) {
    WriteGraphJson(graph, out, options);
    return Status::Ok();
  });
}

Result<KnowledgeGraph> ParseGraphJson(std::string_view json, const std::string& origin) {
  auto parsed = ParseJsonStrict(json, origin);
  if (!parsed.ok()) return parsed.error();
  const rapidjson::Document& root = *parsed;
  if (!root.IsObject()) return JsonPathError(origin, "", "expected a JSON object (a policykg graph)");
  Fields top(origin, "", root);
  std::string format;
  ASSIGN_OR_RETURN(format, top.String("format"));
  if (format != "policykg") {
    return JsonPathError(origin, "/format", fmt::format("expected \"policykg\", got \"{}\"", format));
  }
  uint64_t version = 0;
  ASSIGN_OR_RETURN(version, top.Unsigned("version"));
  if (version != 1) return JsonPathError(origin, "/version", fmt::format("unsupported version {}", version));

  KnowledgeGraph graph;
  for (const char* key : {"documents", "nodes", "edges"}) {
    const rapidjson::Value* arr = ArrayField(root, key);
    if (!arr) return JsonPathError(origin, std::string("/") + key, "missing field");
    if (!arr->IsArray()) return JsonPathError(origin, std::string("/") + key, "expected an array");
  }

  std::unordered_set<std::string> document_ids;
  const auto& docs = root["documents"];
  for (rapidjson::SizeType i = 0; i < docs.Size(); ++i) {
    Fields f(origin, fmt::format("/documents/{}", i), docs[i]);
    POLICYKG_RETURN_IF_ERROR(f.RequireObject());
    Document d;
    ASSIGN_OR_RETURN(d.id, f.String("id"));
    ASSIGN_OR_RETURN(d.path, f.String("path", false));
    ASSIGN_OR_RETURN(d.title, f.String("title", false));
    ASSIGN_OR_RETURN(d.sha256, f.String("sha256", false));
    ASSIGN_OR_RETURN(d.encoding, f.String("encoding", false));
    ASSIGN_OR_RETURN(d.region, f.String("region", false));
    ASSIGN_OR_RETURN(d.chars, f.Unsigned("chars", false));
    ASSIGN_OR_RETURN(d.text, f.String("text", false));
    if (!document_ids.insert(d.id).second) return JsonPathError(origin, f.Ptr("id"), "duplicate document id " + d.id);
    graph.documents.push_back(std::move(d));
  }

  const auto& nodes = root["nodes"];
  for (rapidjson::SizeType i = 0; i < nodes.Size(); ++i) {
    Fields f(origin, fmt::format("/nodes/{}", i), nodes[i]);
    POLICYKG_RETURN_IF_ERROR(f.RequireObject());
    Node n;
    ASSIGN_OR_RETURN(n.id, f.String("id"));
    ASSIGN_OR_RETURN(n.name, f.String("name"));
    ASSIGN_OR_RETURN(n.type, f.String("type"));
    ASSIGN_OR_RETURN(n.aliases, ReadStringArray(f, "aliases"));
    ASSIGN_OR_RETURN(n.attributes, ReadAttributes(f, "attributes"));
    if (const rapidjson::Value* ms = f.Find("mentions")) {
      if (!ms->IsArray()) return JsonPathError(origin, f.Ptr("mentions"), "expected an array");
      for (rapidjson::SizeType j = 0; j < ms->Size(); ++j) {
        Fields mf(origin, fmt::format("{}/{}", f.Ptr("mentions"), j), (*ms)[j]);
        POLICYKG_RETURN_IF_ERROR(mf.RequireObject());
        Mention m;
        ASSIGN_OR_RETURN(m.doc, mf.String("doc"));
        ASSIGN_OR_RETURN(m.start, Offset(mf, "start"));
        ASSIGN_OR_RETURN(m.end, Offset(mf, "end"));
        ASSIGN_OR_RETURN(m.rule, mf.String("rule", false));
        if (m.end < m.start) return JsonPathError(origin, mf.Ptr("end"), "end is before start");
        if (!document_ids.count(m.doc)) return JsonPathError(origin, mf.Ptr("doc"), "unknown document " + m.doc);
        n.mentions.push_back(std::move(m));
      }
    }
    if (graph.FindById(n.id)) return JsonPathError(origin, f.Ptr("id"), "duplicate node id " + n.id);
    graph.AddOrMergeNode(std::move(n));
  }

  const auto& edges = root["edges"];
  struct PairHash {
    size_t operator()(const std::pair<uint64_t, uint64_t>& p) const {
      return std::hash<uint64_t>()(p.first * 0x9E3779B97F4A7C15ull ^ p.second);
    }
  };
  std::unordered_set<std::pair<uint64_t, uint64_t>, PairHash> edge_keys;
  std::unordered_map<std::string, uint64_t> relation_ids;
  for (rapidjson::SizeType i = 0; i < edges.Size(); ++i) {
    Fields f(origin, fmt::format("/edges/{}", i), edges[i]);
    POLICYKG_RETURN_IF_ERROR(f.RequireObject());
    std::string source, target;
    Edge e;
    ASSIGN_OR_RETURN(source, f.String("source"));
    ASSIGN_OR_RETURN(target, f.String("target"));
    ASSIGN_OR_RETURN(e.relation, f.String("relation"));
    auto s = graph.FindById(source);
    if (!s) return JsonPathError(origin, f.Ptr("source"), "unknown node id " + source);
    auto t = graph.FindById(target);
    if (!t) return JsonPathError(origin, f.Ptr("target"), "unknown node id " + target);
    if (const rapidjson::Value* w = f.Find("weight")) {
      if (!w->IsNumber()) return JsonPathError(origin, f.Ptr("weight"), "expected a number");
      e.weight = w->GetDouble();
    }
    ASSIGN_OR_RETURN(e.attributes, ReadAttributes(f, "attributes"));
    if (const rapidjson::Value* evs = f.Find("evidence")) {
      if (!evs->IsArray()) return JsonPathError(origin, f.Ptr("evidence"), "expected an array");
      for (rapidjson::SizeType j = 0; j < evs->Size(); ++j) {
        Fields ef(origin, fmt::format("{}/{}", f.Ptr("evidence"), j), (*evs)[j]);
        POLICYKG_RETURN_IF_ERROR(ef.RequireObject());
        Evidence ev;
        ASSIGN_OR_RETURN(ev.doc, ef.String("doc", false));
        if (!ev.doc.empty()) {
          ASSIGN_OR_RETURN(ev.start, Offset(ef, "start"));
          ASSIGN_OR_RETURN(ev.end, Offset(ef, "end"));
          if (!document_ids.count(ev.doc)) return JsonPathError(origin, ef.Ptr("doc"), "unknown document " + ev.doc);
        }
        ASSIGN_OR_RETURN(ev.rule, ef.String("rule", false));
        ASSIGN_OR_RETURN(ev.source, ef.String("source", false));
        ASSIGN_OR_RETURN(ev.text, ef.String("text", false));
        e.evidence.push_back(std::move(ev));
      }
    }
    // Files we write hold each (source, relation, target) once; a repeated one is merged.
    const double weight = e.weight;
    auto rel = relation_ids.emplace(e.relation, static_cast<uint64_t>(relation_ids.size()));
    const uint64_t key_hi = (static_cast<uint64_t>(*s) << 32) | static_cast<uint64_t>(*t);
    if (edge_keys.emplace(key_hi, rel.first->second).second) {
      graph.AddEdgeUnchecked(*s, *t, std::move(e));
    } else {
      auto ed = graph.AddOrMergeEdge(*s, *t, std::move(e));
      graph.edge(ed).weight = weight;
    }
  }
  return graph;
}

Result<KnowledgeGraph> LoadGraph(const std::string& path) {
  std::string data;
  if (path == "-") {
    std::ostringstream buf;
    buf << std::cin.rdbuf();
    data = buf.str();
  } else {
    auto bytes = ReadFileBytes(path);
    if (!bytes.ok()) return bytes.error();
    data = std::move(bytes).value();
  }
  return ParseGraphJson(data, path == "-" ? "<stdin>" : path);
}

}  // namespace policykg::graph
