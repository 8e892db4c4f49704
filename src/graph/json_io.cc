#include "graph/json_io.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "common/file_io.h"
#include "common/json_writer.h"
#include "common/parallel.h"
#include "graph/json_values.h"
#include "graph/snapshot.h"

namespace policykg::graph {

namespace {

using policykg::JsonWriter;

void WriteDocument(JsonWriter& w, const Document& d, bool embed_text) {
  w.StartObject();
  w.Key("id"), w.String(d.id);
  w.Key("path"), w.String(d.path);
  if (!d.title.empty()) w.Key("title"), w.String(d.title);
  w.Key("sha256"), w.String(d.sha256);
  w.Key("encoding"), w.String(d.encoding);
  if (!d.region.empty()) w.Key("region"), w.String(d.region);
  // No length is written for a document that stated none (0): a reader checks offsets against a
  // stated length only, so rewriting never turns an accepted file into a refused one.
  if (d.chars > 0) w.Key("chars"), w.Uint64(d.chars);
  if (embed_text && !d.text.empty()) w.Key("text"), w.String(d.text);
  w.EndObject();
}

// The map's attributes and `more` (sorted, no key of the map) merged in key order.
void WriteAttributesWith(JsonWriter& w, const Attributes& attributes, std::span<const AttrRef> more) {
  if (more.empty()) return WriteAttributes(w, attributes);
  w.StartObject();
  auto it = attributes.begin();
  for (const AttrRef& ref : more) {
    for (; it != attributes.end() && it->first < ref.key; ++it) {
      WriteJsonKey(w, it->first);
      WriteAttrValue(w, it->second);
    }
    WriteJsonKey(w, ref.key);
    WriteAttrValueRef(w, ref.value);
  }
  for (; it != attributes.end(); ++it) {
    WriteJsonKey(w, it->first);
    WriteAttrValue(w, it->second);
  }
  w.EndObject();
}

void WriteNode(JsonWriter& w, const Node& n, std::span<const AttrRef> more = {}) {
  w.StartObject();
  WriteNodeIdentity(w, n);
  w.Key("attributes");
  WriteAttributesWith(w, n.attributes, more);
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

void WriteEdge(JsonWriter& w, const EdgeRecord& record, const DocumentTexts* texts) {
  w.StartObject();
  w.Key("source"), w.String(record.source_id);
  w.Key("target"), w.String(record.target_id);
  w.Key("relation"), w.String(record.relation.data(), static_cast<rapidjson::SizeType>(record.relation.size()));
  w.Key("weight");
  WriteAttrValue(w, record.weight);
  if (!record.attributes.empty()) {
    w.Key("attributes");
    WriteAttributes(w, record.attributes);
  }
  w.Key("evidence");
  w.StartArray();
  for (size_t i = 0; i < record.evidence.size(); ++i) {
    const EvidenceRef ev = record.evidence[i];
    w.StartObject();
    if (!ev.doc.empty()) {
      w.Key("doc"), w.String(ev.doc.data(), static_cast<rapidjson::SizeType>(ev.doc.size()));
      w.Key("start"), w.Uint(ev.start);
      w.Key("end"), w.Uint(ev.end);
    }
    w.Key("rule"), w.String(ev.rule.data(), static_cast<rapidjson::SizeType>(ev.rule.size()));
    if (!ev.source.empty()) {
      w.Key("source"), w.String(ev.source.data(), static_cast<rapidjson::SizeType>(ev.source.size()));
    }
    std::string_view text = ev.text;
    if (text.empty() && !ev.doc.empty() && texts != nullptr) text = texts->Span(ev.doc, ev.start, ev.end);
    if (!text.empty()) w.Key("text"), w.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

// Emits one record per line: readable, diffable, and fast for big graphs. Records are serialized
// `chunk` at a time into separate buffers on `threads` threads while this thread writes finished
// buffers in order, so the bytes do not depend on the thread count.
template <typename Fn>
void WriteList(std::ostream& out, const char* key, size_t n, const WriteOptions& options,
               size_t chunk, Fn&& fn) {
  out << ",\"" << key << "\":[";
  const size_t chunks = (n + chunk - 1) / chunk;
  const size_t window = static_cast<size_t>(std::max(options.threads, 1)) * 4;
  ProduceInOrder<rapidjson::StringBuffer>(
      chunks, options.threads, window,
      [&](size_t c, rapidjson::StringBuffer& buf) {
        buf.Clear();
        JsonWriter w(buf);
        const size_t begin = c * chunk, end = std::min(n, begin + chunk);
        for (size_t i = begin; i < end; ++i) {
          if (i > 0) buf.Put(',');
          if (options.pretty) buf.Put('\n'), buf.Put(' ');
          w.Reset(buf);
          fn(w, i);
        }
      },
      [&](size_t, const rapidjson::StringBuffer& buf) {
        out.write(buf.GetString(), static_cast<std::streamsize>(buf.GetSize()));
      });
  out << ']';
  if (options.pretty) out << '\n';
}

}  // namespace

GraphJsonWriter::GraphJsonWriter(std::ostream& out, const WriteOptions& options)
    : out_(out), options_(options) {}

void GraphJsonWriter::WriteDocuments(const std::vector<Document>& documents) {
  out_ << "{\"format\":\"policykg\",\"version\":1";
  // A document is one record per chunk (its text can be megabytes), written by this thread: the
  // work is copying bytes, and megabyte buffers in other threads only add page faults (100 MB
  // corpus, -j2: 0.1 s slower).
  WriteOptions one_thread = options_;
  one_thread.threads = 1;
  WriteList(out_, "documents", documents.size(), one_thread, 1,
            [&](JsonWriter& w, size_t i) { WriteDocument(w, documents[i], options_.embed_text); });
  if (options_.snapshot) options_.snapshot->AddDocuments(documents, options_.embed_text);
}

void GraphJsonWriter::WriteNodes(size_t count, const std::function<const Node&(size_t)>& node) {
  // Nodes and edges go 256 at once on `threads` threads.
  WriteList(out_, "nodes", count, options_, 256,
            [&](JsonWriter& w, size_t i) { WriteNode(w, node(i)); });
  if (options_.snapshot) {
    for (size_t i = 0; i < count; ++i) options_.snapshot->AddNode(node(i));
  }
}

void GraphJsonWriter::WriteNodeRecords(
    size_t count, const std::function<NodeRecord(size_t, std::vector<AttrRef>& scratch)>& node) {
  WriteList(out_, "nodes", count, options_, 256, [&](JsonWriter& w, size_t i) {
    thread_local std::vector<AttrRef> scratch;
    scratch.clear();
    const NodeRecord record = node(i, scratch);
    WriteNode(w, record.node, record.more);
  });
  if (options_.snapshot) {
    std::vector<AttrRef> scratch;
    for (size_t i = 0; i < count; ++i) {
      scratch.clear();
      const NodeRecord record = node(i, scratch);
      if (record.more.empty()) {
        options_.snapshot->AddNode(record.node);
        continue;
      }
      Node whole = record.node;  // the snapshot reads nodes with all their attributes
      for (const AttrRef& ref : record.more) {
        whole.attributes.try_emplace(std::string(ref.key), OwnedOf(ref.value));
      }
      options_.snapshot->AddNode(whole);
    }
  }
}

void GraphJsonWriter::WriteEdges(size_t count, const std::function<EdgeRecord(size_t)>& edge) {
  WriteList(out_, "edges", count, options_, 256,
            [&](JsonWriter& w, size_t i) { WriteEdge(w, edge(i), texts_); });
  out_ << "}\n";
  if (options_.snapshot) {
    for (size_t i = 0; i < count; ++i) options_.snapshot->AddEdge(edge(i), texts_);
  }
}

void WriteGraphJson(const KnowledgeGraph& graph, std::ostream& out, const WriteOptions& options) {
  GraphJsonWriter writer(out, options);
  writer.WriteDocuments(graph.documents);
  writer.WriteNodes(graph.node_count(), [&](size_t v) -> const Node& { return graph.node(v); });
  const std::vector<EdgeDescriptor> edges = graph.SortedEdges();
  writer.WriteEdges(edges.size(), [&](size_t i) {
    const EdgeDescriptor e = edges[i];
    return EdgeRecord{graph.node(boost::source(e, graph.g())).id,
                      graph.node(boost::target(e, graph.g())).id, graph.edge(e)};
  });
}

Status SaveGraph(const KnowledgeGraph& graph, const std::string& path, const WriteOptions& options) {
  return WriteStreamAtomic(path, [&](std::ostream& out) {
    WriteGraphJson(graph, out, options);
    return Status::Ok();
  });
}

// ParseGraphJson and LoadGraph: json_reader.cc.

}  // namespace policykg::graph
