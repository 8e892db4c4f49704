#include "render/html.h"

#include <algorithm>

#include "common/json_writer.h"
#include "export/escape.h"
#include "graph/json_values.h"
#include "render/dot_builder.h"
#include "render/render.h"
#include "render/sentences.h"

namespace policykg::render {

namespace {

using graph::EdgeDescriptor;
using graph::Vertex;
using policykg::JsonWriter;

// Writer::Key has no std::string overload in this RapidJSON.
void Key(JsonWriter& w, const std::string& key) {
  w.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
}

constexpr size_t kPanelMentionSentences = 8;
constexpr size_t kPanelEdges = 60;
// Evidence sentences in the panel are cut here: one long sentence quoted by hundreds of edges
// must not make the page hundreds of times the size of the text.
constexpr size_t kPanelSentenceLength = 2 * kSentenceContext;

constexpr const char* kPageHead = R"html(<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="policykg">
)html";

constexpr const char* kPageStyle = R"html(<style>
:root { font-family: "WenQuanYi Zen Hei", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; color: #1a202c; }
html, body { margin: 0; height: 100%; }
body { display: flex; }
#graph { flex: 1 1 auto; overflow: auto; background: #fff; position: relative; }
#graph svg { display: block; }
#zoom { position: fixed; left: 8px; top: 8px; z-index: 2; }
#zoom button { font: inherit; min-width: 2.2em; margin-right: 2px; background: #fff; border: 1px solid #a0aec0; border-radius: 4px; cursor: pointer; }
#side { flex: 0 0 360px; width: 360px; border-left: 1px solid #cbd5e0; background: #f7fafc; display: flex; flex-direction: column; }
#side h1 { font-size: 14px; margin: 10px 12px 4px; color: #4a5568; font-weight: normal; }
#search { margin: 4px 12px; padding: 6px 8px; font: inherit; font-size: 14px; border: 1px solid #a0aec0; border-radius: 4px; }
#count { margin: 2px 12px 6px; font-size: 12px; color: #4a5568; min-height: 1em; }
#panel { padding: 4px 12px 16px; overflow: auto; font-size: 13px; line-height: 1.5; }
#panel h2 { font-size: 17px; margin: 6px 0; word-break: break-all; white-space: pre-wrap; }
#panel h3 { font-size: 13px; margin: 12px 0 4px; color: #4a5568; }
#panel .badge { display: inline-block; padding: 1px 8px; border-radius: 10px; border: 1px solid; font-size: 12px; }
#panel table { border-collapse: collapse; }
#panel td { padding: 1px 8px 1px 0; vertical-align: top; }
#panel ul { margin: 0; padding-left: 18px; }
#panel li { margin: 2px 0; white-space: pre-wrap; }
#panel .other { color: #2b6cb0; cursor: pointer; text-decoration: underline; }
#panel .hint { color: #718096; }
g.node { cursor: pointer; }
g.edge { cursor: pointer; }
g.node.dim, g.edge.dim { opacity: 0.15; }
g.node.match ellipse, g.node.match polygon, g.node.match path { stroke: #e53e3e; stroke-width: 3px; }
g.node.selected ellipse, g.node.selected polygon, g.node.selected path { stroke: #d69e2e; stroke-width: 4px; }
g.edge.selected path { stroke-width: 4px; }
</style>
</head>
)html";

constexpr const char* kPageSide = R"html(<div id="side">
<h1 id="caption"></h1>
<input id="search" type="search" placeholder="搜索名称或别名 Search name or alias" autocomplete="off">
<div id="count"></div>
<div id="panel"><p class="hint">点击节点查看详情 · Click a node or edge for its details.</p></div>
</div>
)html";

constexpr const char* kPageScript = R"html(<script>
(function () {
  'use strict';
  const data = JSON.parse(document.getElementById('policykg-data').textContent);
  const svg = document.querySelector('#graph svg');
  const panel = document.getElementById('panel');
  const input = document.getElementById('search');
  const count = document.getElementById('count');
  document.getElementById('caption').textContent = data.title;
  const nodeEls = new Map();
  const edgeEls = new Map();
  document.querySelectorAll('#graph g.node').forEach(function (g) {
    if (data.nodes[g.id]) nodeEls.set(g.id, g);
  });
  document.querySelectorAll('#graph g.edge').forEach(function (g) {
    if (data.edges[g.id]) edgeEls.set(g.id, g);
  });
  const norm = function (s) { return (s || '').normalize('NFKC').toLowerCase().replace(/\s+/g, ''); };
  const keys = {};
  Object.keys(data.nodes).forEach(function (id) {
    const n = data.nodes[id];
    keys[id] = [n.name].concat(n.aliases).map(norm);
  });

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  function typeLabel(type) {
    const t = data.types[type];
    return t ? (t.zh ? t.zh + ' ' + t.en : t.en) : type;
  }
  function relationLabel(rel) {
    const r = data.relations[rel];
    return r ? (r.zh ? r.zh + ' ' + r.en : r.en) : rel;
  }
  function clearSelection() {
    document.querySelectorAll('#graph g.selected').forEach(function (g) { g.classList.remove('selected'); });
  }
  function section(title, items, field) {
    panel.appendChild(el('h3', title));
    if (!items.length) {
      const none = el('p', '—', 'hint');
      none.dataset.field = field;
      panel.appendChild(none);
      return null;
    }
    const ul = el('ul');
    ul.dataset.field = field;
    items.forEach(function (item) { ul.appendChild(typeof item === 'string' ? el('li', item) : item); });
    panel.appendChild(ul);
    return ul;
  }

  function select(id) {
    const n = data.nodes[id];
    if (!n) return false;
    clearSelection();
    const g = nodeEls.get(id);
    if (g) g.classList.add('selected');
    panel.textContent = '';
    const h = el('h2', n.name);
    h.dataset.field = 'name';
    panel.appendChild(h);
    const badge = el('span', typeLabel(n.type), 'badge');
    badge.dataset.field = 'type';
    const t = data.types[n.type];
    if (t) { badge.style.background = t.fill; badge.style.borderColor = t.color; }
    panel.appendChild(badge);
    panel.appendChild(el('div', n.id, 'hint'));
    section('别名 Aliases', n.aliases, 'aliases');
    panel.appendChild(el('h3', '属性 Attributes'));
    const names = Object.keys(n.attributes);
    if (names.length) {
      const table = el('table');
      table.dataset.field = 'attributes';
      names.forEach(function (k) {
        const tr = el('tr');
        tr.appendChild(el('td', k));
        tr.appendChild(el('td', String(n.attributes[k])));
        table.appendChild(tr);
      });
      panel.appendChild(table);
    } else {
      const none = el('p', '—', 'hint');
      none.dataset.field = 'attributes';
      panel.appendChild(none);
    }
    section('原文 Mentions', n.mentions, 'mentions');
    const rels = n.edges.map(function (e) {
      const li = el('li');
      li.appendChild(document.createTextNode(relationLabel(e.relation) + (e.out ? ' → ' : ' ← ')));
      const other = el('span', e.other_name, e.other && data.nodes[e.other] ? 'other' : '');
      if (e.other && data.nodes[e.other]) other.addEventListener('click', function () { select(e.other); });
      li.appendChild(other);
      e.evidence.forEach(function (s) { li.appendChild(el('div', '“' + s + '”', 'evidence')); });
      return li;
    });
    section('关系与证据 Relations & evidence', rels, 'evidence');
    if (n.more_edges) panel.appendChild(el('p', '+' + n.more_edges + ' more', 'hint'));
    api.selected = id;
    return true;
  }

  function selectEdge(id) {
    const e = data.edges[id];
    if (!e) return false;
    clearSelection();
    const g = edgeEls.get(id);
    if (g) g.classList.add('selected');
    panel.textContent = '';
    const h = el('h2', e.source_name + (e.symmetric ? ' — ' : ' → ') + e.target_name);
    h.dataset.field = 'name';
    panel.appendChild(h);
    const badge = el('span', relationLabel(e.relation), 'badge');
    badge.dataset.field = 'relation';
    panel.appendChild(badge);
    panel.appendChild(el('div', 'weight ' + e.weight, 'hint'));
    section('证据 Evidence', e.evidence, 'evidence');
    api.selected = id;
    return true;
  }

  function search(query) {
    const q = norm(query);
    const matches = [];
    nodeEls.forEach(function (g, id) {
      const hit = q !== '' && keys[id].some(function (k) { return k.indexOf(q) >= 0; });
      g.classList.toggle('match', hit);
      g.classList.toggle('dim', q !== '' && !hit);
      if (hit) matches.push(id);
    });
    const matched = new Set(matches);
    edgeEls.forEach(function (g, id) {
      const e = data.edges[id];
      g.classList.toggle('dim', q !== '' && !(matched.has(e.source) || matched.has(e.target)));
    });
    count.textContent = q === '' ? '' : matches.length + ' 个匹配 matches';
    return matches;
  }

  let scale = 1;
  const box = svg ? svg.viewBox.baseVal : null;
  function applyScale() {
    if (!box) return;
    svg.setAttribute('width', (box.width * scale * 4 / 3).toFixed(1) + 'px');
    svg.setAttribute('height', (box.height * scale * 4 / 3).toFixed(1) + 'px');
  }
  function fit() {
    if (!box || !box.width) return;
    const area = document.getElementById('graph');
    const s = Math.min((area.clientWidth - 4) / (box.width * 4 / 3), (area.clientHeight - 4) / (box.height * 4 / 3));
    scale = Math.min(1.5, Math.max(0.05, s));
    applyScale();
  }
  document.getElementById('zoom-in').addEventListener('click', function () { scale *= 1.25; applyScale(); });
  document.getElementById('zoom-out').addEventListener('click', function () { scale /= 1.25; applyScale(); });
  document.getElementById('zoom-fit').addEventListener('click', fit);

  nodeEls.forEach(function (g, id) {
    g.addEventListener('click', function (ev) { ev.preventDefault(); ev.stopPropagation(); select(id); });
  });
  edgeEls.forEach(function (g, id) {
    g.addEventListener('click', function (ev) { ev.preventDefault(); ev.stopPropagation(); selectEdge(id); });
  });
  input.addEventListener('input', function () { search(input.value); });
  input.addEventListener('keydown', function (ev) {
    if (ev.key !== 'Enter') return;
    const matches = search(input.value);
    if (matches.length) {
      select(matches[0]);
      nodeEls.get(matches[0]).scrollIntoView({block: 'center', inline: 'center'});
    }
  });

  const api = {search: search, select: select, selectEdge: selectEdge, fit: fit, selected: null, data: data};
  window.policykg = api;
  fit();
  if (location.hash.indexOf('#q=') === 0) {
    input.value = decodeURIComponent(location.hash.slice(3));
    search(input.value);
  }
  document.body.dataset.ready = 'true';
})();
</script>
)html";

void WriteStringArray(JsonWriter& w, const std::vector<std::string>& items) {
  w.StartArray();
  for (const auto& item : items) w.String(item);
  w.EndArray();
}

std::string StyleColor(const schema::Style& style, const char* key, const char* fallback) {
  auto it = style.find(key);
  return it == style.end() ? fallback : it->second;
}

// Makes JSON text safe inside <script>: '<', '>' and '&' only occur inside JSON strings, where
// their \u escapes mean the same.
std::string EscapeForScript(std::string_view json) {
  std::string out;
  out.reserve(json.size());
  for (char c : json) {
    if (c == '<') {
      out += "\\u003c";
    } else if (c == '>') {
      out += "\\u003e";
    } else if (c == '&') {
      out += "\\u0026";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::string HtmlPageData(const graph::KnowledgeGraph& graph, const schema::Schema& schema,
                         const GraphView& view, const std::string& title) {
  const auto& g = graph.g();
  SentenceLookup sentences(graph);
  std::vector<char> visible(graph.node_count(), 0);
  for (Vertex v : view.nodes) visible[v] = 1;

  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  w.Key("title"), w.String(title);
  w.Key("types");
  w.StartObject();
  for (const auto& type : schema.entity_types) {
    Key(w, type.name);
    w.StartObject();
    w.Key("zh"), w.String(type.label_zh);
    w.Key("en"), w.String(type.label_en);
    w.Key("fill"), w.String(StyleColor(type.style, "fillcolor", "#ffffff"));
    w.Key("color"), w.String(StyleColor(type.style, "color", "#718096"));
    w.EndObject();
  }
  w.EndObject();
  w.Key("relations");
  w.StartObject();
  for (const auto& rel : schema.relation_types) {
    Key(w, rel.name);
    w.StartObject();
    w.Key("zh"), w.String(rel.label_zh);
    w.Key("en"), w.String(rel.label_en);
    w.Key("symmetric"), w.Bool(rel.symmetric);
    w.EndObject();
  }
  w.EndObject();

  w.Key("nodes");
  w.StartObject();
  for (Vertex v : view.nodes) {
    const graph::Node& node = g[v];
    Key(w, SvgNodeId(node.id));
    w.StartObject();
    w.Key("id"), w.String(node.id);
    w.Key("name"), w.String(node.name);
    w.Key("type"), w.String(node.type);
    w.Key("aliases");
    WriteStringArray(w, node.aliases);
    w.Key("attributes");
    w.StartObject();
    for (const auto& [key, value] : node.attributes) {
      Key(w, key);
      if (const auto* b = std::get_if<bool>(&value)) {
        w.Bool(*b);
      } else {
        w.String(graph::AttrToString(value));
      }
    }
    w.EndObject();
    std::vector<std::string> mention_sentences;
    for (const auto& mention : node.mentions) {
      if (mention_sentences.size() == kPanelMentionSentences) break;
      std::string sentence = sentences.MentionSentence(mention);
      if (sentence.empty() || std::find(mention_sentences.begin(), mention_sentences.end(),
                                        sentence) != mention_sentences.end()) {
        continue;
      }
      mention_sentences.push_back(std::move(sentence));
    }
    w.Key("mentions");
    WriteStringArray(w, mention_sentences);
    w.Key("edges");
    w.StartArray();
    size_t written = 0, total = 0;
    auto write_edge = [&](EdgeDescriptor e, bool out) {
      ++total;
      if (written == kPanelEdges) return;
      ++written;
      Vertex other = out ? boost::target(e, g) : boost::source(e, g);
      w.StartObject();
      w.Key("relation"), w.String(g[e].relation);
      w.Key("out"), w.Bool(out);
      w.Key("other"), w.String(visible[other] ? SvgNodeId(g[other].id) : "");
      w.Key("other_name"), w.String(g[other].name);
      w.Key("evidence");
      std::vector<std::string> texts;
      for (const auto& ev : g[e].evidence) texts.push_back(Truncate(EvidenceText(ev), kPanelSentenceLength));
      WriteStringArray(w, texts);
      w.EndObject();
    };
    for (auto [it, end] = boost::out_edges(v, g); it != end; ++it) write_edge(*it, true);
    for (auto [it, end] = boost::in_edges(v, g); it != end; ++it) write_edge(*it, false);
    w.EndArray();
    w.Key("more_edges"), w.Uint64(total - written);
    w.EndObject();
  }
  w.EndObject();

  w.Key("edges");
  w.StartObject();
  for (EdgeDescriptor e : view.edges) {
    const graph::Node& source = g[boost::source(e, g)];
    const graph::Node& target = g[boost::target(e, g)];
    const graph::Edge& edge = g[e];
    Key(w, SvgEdgeId(source.id, edge.relation, target.id));
    w.StartObject();
    w.Key("source"), w.String(SvgNodeId(source.id));
    w.Key("target"), w.String(SvgNodeId(target.id));
    w.Key("source_name"), w.String(source.name);
    w.Key("target_name"), w.String(target.name);
    w.Key("relation"), w.String(edge.relation);
    const auto* rel = schema.FindRelationType(edge.relation);
    w.Key("symmetric"), w.Bool(rel != nullptr && rel->symmetric);
    w.Key("weight"), graph::WriteAttrValue(w, graph::AttrValue(edge.weight));
    w.Key("evidence");
    std::vector<std::string> texts;
    for (const auto& ev : edge.evidence) texts.push_back(Truncate(EvidenceText(ev), kPanelSentenceLength));
    WriteStringArray(w, texts);
    w.EndObject();
  }
  w.EndObject();
  w.EndObject();
  return EscapeForScript(std::string_view(buffer.GetString(), buffer.GetSize()));
}

Result<std::string> RenderHtmlPage(const graph::KnowledgeGraph& graph, const schema::Schema& schema,
                                   const RenderOptions& options) {
  auto view = SelectView(graph, schema, options);
  if (!view.ok()) return view.error();
  DotOptions dot_options = RenderDotOptions(graph, *view, options);
  dot_options.format = "svg";
  auto svg = LayoutDot(BuildDot(graph, schema, *view, dot_options), view->layout, "svg");
  if (!svg.ok()) return svg.error();
  std::string_view drawing = *svg;
  if (auto start = drawing.find("<svg"); start != std::string_view::npos) {
    drawing.remove_prefix(start);  // the XML declaration and DOCTYPE do not belong in HTML
  }

  std::string page = kPageHead;
  page += "<title>" + exports::XmlText(dot_options.caption) + "</title>\n";
  page += kPageStyle;
  page += "<body>\n<div id=\"graph\">\n";
  page +=
      "<div id=\"zoom\"><button id=\"zoom-in\" title=\"放大 Zoom in\">+</button>"
      "<button id=\"zoom-out\" title=\"缩小 Zoom out\">−</button>"
      "<button id=\"zoom-fit\" title=\"适应窗口 Fit\">适应 Fit</button></div>\n";
  page += drawing;
  page += "</div>\n";
  page += kPageSide;
  page += "<script type=\"application/json\" id=\"policykg-data\">";
  page += HtmlPageData(graph, schema, *view, dot_options.caption);
  page += "</script>\n";
  page += kPageScript;
  page += "</body>\n</html>\n";
  return page;
}

}  // namespace policykg::render
