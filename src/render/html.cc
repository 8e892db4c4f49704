#include "render/html.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <set>

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
html, body { margin: 0; height: 100%; overflow: hidden; }
body { display: flex; }
#graph { flex: 1 1 auto; min-width: 0; background: #fff; position: relative; overflow: hidden; cursor: grab; touch-action: none; }
#graph.panning { cursor: grabbing; }
#graph > svg { display: block; width: 100%; height: 100%; }
#zoom { position: absolute; left: 8px; top: 8px; z-index: 2; }
#zoom button { font: inherit; font-size: 13px; min-width: 2.2em; margin-right: 2px; background: #fff; border: 1px solid #a0aec0; border-radius: 4px; cursor: pointer; padding: 2px 6px; }
#side { flex: 0 0 380px; width: 380px; border-left: 1px solid #cbd5e0; background: #f7fafc; display: flex; flex-direction: column; font-size: 13px; }
#side h1 { font-size: 12px; margin: 8px 12px 4px; color: #4a5568; font-weight: normal; line-height: 1.4; }
#side input[type=search], #side input[type=text], #side select { font: inherit; font-size: 13px; padding: 4px 6px; border: 1px solid #a0aec0; border-radius: 4px; box-sizing: border-box; }
#searchbox { position: relative; margin: 4px 12px; }
#search { width: 100%; font-size: 14px !important; padding: 6px 8px !important; }
#suggest { position: absolute; left: 0; right: 0; top: 100%; z-index: 5; list-style: none; margin: 0; padding: 0; background: #fff; border: 1px solid #a0aec0; border-top: none; max-height: 320px; overflow: auto; box-shadow: 0 4px 8px rgba(0,0,0,.12); }
#suggest:empty { display: none; }
#suggest li { padding: 4px 8px; cursor: pointer; display: flex; gap: 6px; align-items: baseline; }
#suggest li.active, #suggest li:hover { background: #ebf4ff; }
#suggest .t { font-size: 11px; color: #718096; margin-left: auto; white-space: nowrap; }
#suggest .a { font-size: 11px; color: #718096; }
#count { margin: 2px 12px 4px; font-size: 12px; color: #4a5568; min-height: 1em; }
details.tool { margin: 0 12px 4px; border-top: 1px solid #e2e8f0; padding-top: 4px; }
details.tool summary { cursor: pointer; color: #2d3748; font-weight: bold; font-size: 12px; }
#filters .row { display: flex; flex-wrap: wrap; gap: 2px 10px; margin: 4px 0; }
#filters label { white-space: nowrap; font-size: 12px; cursor: pointer; }
#filters b { font-size: 12px; color: #4a5568; margin-right: 2px; }
#filters .sw { display: inline-block; width: 10px; height: 10px; border: 1px solid; border-radius: 2px; margin-right: 2px; vertical-align: -1px; }
#doc-filter { width: 100%; }
#pathfinder .row { display: flex; gap: 4px; margin: 4px 0; }
#pathfinder input { flex: 1 1 0; min-width: 0; }
#pathfinder button { font: inherit; font-size: 12px; border: 1px solid #a0aec0; border-radius: 4px; background: #fff; cursor: pointer; }
#panel { padding: 4px 12px 16px; overflow: auto; flex: 1 1 auto; line-height: 1.5; border-top: 1px solid #e2e8f0; }
#panel h2 { font-size: 17px; margin: 6px 0; word-break: break-all; white-space: pre-wrap; }
#panel h3 { font-size: 13px; margin: 12px 0 4px; color: #4a5568; }
#panel h4 { font-size: 12px; margin: 8px 0 2px; }
#panel .badge { display: inline-block; padding: 1px 8px; border-radius: 10px; border: 1px solid; font-size: 12px; }
#panel table { border-collapse: collapse; font-size: 12px; }
#panel td { padding: 0 8px 0 0; vertical-align: top; }
#panel ul { margin: 0; padding-left: 16px; }
#panel li { margin: 3px 0; white-space: pre-wrap; }
#panel .other { color: #2b6cb0; cursor: pointer; text-decoration: underline; }
#panel .hint { color: #718096; }
#panel .ev { font-size: 12px; color: #2d3748; margin: 1px 0 3px; }
#panel .doc { display: block; font-size: 11px; color: #2c7a7b; }
#panel mark { background: #fefcbf; color: inherit; font-weight: bold; padding: 0 1px; }
#panel details > summary { cursor: pointer; font-size: 11px; color: #718096; }
#panel ol.path li { margin: 4px 0; }
g.node { cursor: pointer; }
g.edge { cursor: pointer; }
g.node.dim, g.edge.dim { opacity: 0.12; }
g.node.off, g.edge.off { display: none; }
g.node.match ellipse, g.node.match polygon, g.node.match path { stroke: #e53e3e; stroke-width: 3px; }
g.node.selected ellipse, g.node.selected polygon, g.node.selected path { stroke: #d69e2e; stroke-width: 5px; }
g.node.near ellipse, g.node.near polygon, g.node.near path { stroke-width: 2.5px; }
g.edge.selected path, g.edge.onpath path { stroke-width: 5px; }
g.node.onpath ellipse, g.node.onpath polygon, g.node.onpath path { stroke: #d69e2e; stroke-width: 4px; }
</style>
</head>
)html";

constexpr const char* kPageSide = R"html(<div id="side">
<h1 id="caption"></h1>
<div id="searchbox"><input id="search" type="search" placeholder="搜索名称或别名 Search name or alias" autocomplete="off" role="combobox" aria-autocomplete="list" aria-controls="suggest"><ul id="suggest" role="listbox"></ul></div>
<div id="count"></div>
<details class="tool" id="filters"><summary>筛选 Filters</summary>
<div class="row" id="type-filter"><b>类型 Types</b></div>
<div class="row" id="relation-filter"><b>关系 Relations</b></div>
<div class="row"><select id="doc-filter"><option value="">全部报告 All reports</option></select></div>
</details>
<details class="tool" id="pathfinder"><summary>路径 Path between two names</summary>
<div class="row"><input id="path-from" type="text" list="names" placeholder="从 from" autocomplete="off"><input id="path-to" type="text" list="names" placeholder="到 to" autocomplete="off"><button id="path-go">查找 Find</button></div>
<datalist id="names"></datalist>
</details>
<div id="panel"><p class="hint">点击节点查看邻居与证据 · Click a node for its neighbours and evidence. 滚轮缩放、拖动平移 · Wheel to zoom, drag to pan.</p></div>
</div>
)html";

constexpr const char* kPageScript = R"html(<script>
(function () {
  'use strict';
  const data = JSON.parse(document.getElementById('policykg-data').textContent);
  const area = document.getElementById('graph');
  const svg = document.querySelector('#graph > svg');
  const panel = document.getElementById('panel');
  const input = document.getElementById('search');
  const suggestList = document.getElementById('suggest');
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
  const edgeDocs = {};
  Object.keys(data.edges).forEach(function (id) {
    edgeDocs[id] = new Set(data.edges[id].evidence.map(function (ev) { return ev[0]; }));
  });
  // Undirected adjacency of the drawn edges, for the path finder.
  const adjacent = new Map();
  Object.keys(data.edges).forEach(function (id) {
    const e = data.edges[id];
    [[e.source, e.target], [e.target, e.source]].forEach(function (p) {
      if (!adjacent.has(p[0])) adjacent.set(p[0], []);
      adjacent.get(p[0]).push({node: p[1], edge: id});
    });
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
  function docLabel(doc) {
    if (!doc) return '';
    const d = data.docs[doc];
    return d ? d.label : doc;
  }
  function docOrder(doc) {
    const m = /^d(\d+)$/.exec(doc || '');
    return m ? Number(m[1]) : Infinity;
  }
  // Text with the code-point range [start, end) in <mark>.
  function marked(text, start, end) {
    const cps = Array.from(text);
    const span = document.createElement('span');
    span.appendChild(document.createTextNode(cps.slice(0, start).join('')));
    span.appendChild(el('mark', cps.slice(start, end).join('')));
    span.appendChild(document.createTextNode(cps.slice(end).join('')));
    return span;
  }
  // Text with every occurrence of the given names in <mark>.
  function markNames(text, names) {
    const span = document.createElement('span');
    const terms = names.filter(function (t) { return t && t.length > 1; })
      .sort(function (a, b) { return b.length - a.length; });
    let i = 0;
    let plain = '';
    while (i < text.length) {
      const hit = terms.find(function (t) { return text.startsWith(t, i); });
      if (hit) {
        span.appendChild(document.createTextNode(plain));
        plain = '';
        span.appendChild(el('mark', hit));
        i += hit.length;
      } else {
        plain += text[i];
        i += 1;
      }
    }
    span.appendChild(document.createTextNode(plain));
    return span;
  }
  function evidenceItem(ev, names) {
    const div = el('div', null, 'ev');
    if (ev[0]) div.appendChild(el('span', '《' + docLabel(ev[0]) + '》', 'doc'));
    div.appendChild(markNames(ev[1], names));
    return div;
  }
  function clearMarks() {
    document.querySelectorAll('#graph g.selected, #graph g.near, #graph g.onpath').forEach(function (g) {
      g.classList.remove('selected', 'near', 'onpath');
    });
  }
  function heading(text, field) {
    const h = el('h3', text);
    if (field) h.dataset.field = field + '-title';
    panel.appendChild(h);
  }

  // ---- the node and edge panels ----
  function select(id) {
    const n = data.nodes[id];
    if (!n) return false;
    clearMarks();
    const g = nodeEls.get(id);
    if (g) g.classList.add('selected');
    // The node, its drawn neighbours and the edges between them stay bright; the rest fades.
    nodeEls.forEach(function (other) { other.classList.remove('match'); other.classList.add('dim'); });
    edgeEls.forEach(function (eg, eid) {
      const e = data.edges[eid];
      const touches = e.source === id || e.target === id;
      eg.classList.toggle('dim', !touches);
      if (touches) {
        [e.source, e.target].forEach(function (end) { if (nodeEls.get(end)) nodeEls.get(end).classList.remove('dim'); });
      }
    });
    if (g) g.classList.remove('dim');
    panel.textContent = '';
    const h = el('h2', n.name);
    h.dataset.field = 'name';
    panel.appendChild(h);
    const badge = el('span', typeLabel(n.type), 'badge');
    badge.dataset.field = 'type';
    const t = data.types[n.type];
    if (t) { badge.style.background = t.fill; badge.style.borderColor = t.color; }
    panel.appendChild(badge);
    if (n.score) {
      const score = el('span', '  协作分 score ' + n.score, 'hint');
      score.dataset.field = 'score';
      panel.appendChild(score);
    }
    panel.appendChild(el('div', n.id, 'hint'));
    if (n.aliases.length) {
      heading('别名 Aliases');
      const ul = el('ul');
      ul.dataset.field = 'aliases';
      n.aliases.forEach(function (a) { ul.appendChild(el('li', a)); });
      panel.appendChild(ul);
    }
    const names = Object.keys(n.attributes);
    if (names.length) {
      heading('属性 Attributes');
      const table = el('table');
      table.dataset.field = 'attributes';
      names.forEach(function (k) {
        const tr = el('tr');
        tr.appendChild(el('td', k));
        tr.appendChild(el('td', String(n.attributes[k])));
        table.appendChild(tr);
      });
      panel.appendChild(table);
    }
    // Neighbours grouped by relation and direction, each with its evidence.
    const groups = new Map();
    n.edges.forEach(function (e) {
      const sym = data.relations[e.relation] && data.relations[e.relation].symmetric;
      const key = e.relation + (sym ? '' : e.out ? ' →' : ' ←');
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(e);
    });
    heading('邻居 Neighbours (' + n.edges.length + (n.more_edges ? '+' + n.more_edges : '') + ')', 'evidence');
    const box = el('div');
    box.dataset.field = 'evidence';
    groups.forEach(function (items, key) {
      const rel = key.split(' ')[0];
      const arrow = key.slice(rel.length);
      const title = el('h4', relationLabel(rel) + arrow + ' (' + items.length + ')');
      title.style.color = (data.relations[rel] || {}).color || '#4a5568';
      title.dataset.relation = rel;
      box.appendChild(title);
      const ul = el('ul');
      items.forEach(function (e) {
        const li = el('li');
        const other = el('span', e.other_name, e.other ? 'other' : '');
        if (e.other) other.addEventListener('click', function () { select(e.other); centerOn(e.other); });
        li.appendChild(other);
        li.appendChild(el('span', '  ' + typeLabel(e.other_type), 'hint'));
        const markTerms = [n.name].concat(n.aliases, [e.other_name]);
        e.evidence.slice(0, 2).forEach(function (ev) { li.appendChild(evidenceItem(ev, markTerms)); });
        if (e.evidence.length > 2) {
          const more = el('details');
          more.appendChild(el('summary', '+' + (e.evidence.length - 2) + ' 条证据 more evidence'));
          e.evidence.slice(2).forEach(function (ev) { more.appendChild(evidenceItem(ev, markTerms)); });
          li.appendChild(more);
        }
        ul.appendChild(li);
        if (e.other && nodeEls.get(e.other)) nodeEls.get(e.other).classList.add('near');
      });
      box.appendChild(ul);
    });
    if (!n.edges.length) box.appendChild(el('p', '—', 'hint'));
    panel.appendChild(box);
    heading('原文 Mentions (' + n.mentions.length + ')', 'mentions');
    const ul = el('ul');
    ul.dataset.field = 'mentions';
    n.mentions.forEach(function (m) {
      const li = el('li');
      li.appendChild(el('span', '《' + docLabel(m[0]) + '》', 'doc'));
      li.appendChild(marked(m[1], m[2], m[3]));
      ul.appendChild(li);
    });
    panel.appendChild(ul);
    api.selected = id;
    panel.scrollTop = 0;
    return true;
  }

  function undim() {
    document.querySelectorAll('#graph g.dim').forEach(function (g) { g.classList.remove('dim'); });
    if (filter.doc !== '') applyFilters();
  }
  function selectEdge(id) {
    const e = data.edges[id];
    if (!e) return false;
    clearMarks();
    undim();
    const g = edgeEls.get(id);
    if (g) g.classList.add('selected');
    panel.textContent = '';
    const h = el('h2', e.source_name + (e.symmetric ? ' — ' : ' → ') + e.target_name);
    h.dataset.field = 'name';
    panel.appendChild(h);
    const badge = el('span', relationLabel(e.relation), 'badge');
    badge.dataset.field = 'relation';
    panel.appendChild(badge);
    panel.appendChild(el('div', (e.relation === 'shares' ? '协作强度 weight ' : 'weight ') + e.weight, 'hint'));
    heading('证据 Evidence (' + e.evidence.length + ')');
    const box = el('div');
    box.dataset.field = 'evidence';
    e.evidence.forEach(function (ev) { box.appendChild(evidenceItem(ev, [e.source_name, e.target_name])); });
    panel.appendChild(box);
    api.selected = id;
    return true;
  }

  // ---- search with suggestions ----
  function suggest(query, limit) {
    const q = norm(query);
    if (q === '') return [];
    const scored = [];
    Object.keys(keys).forEach(function (id) {
      let best = -1;
      keys[id].forEach(function (k, i) {
        let s = -1;
        if (k === q) s = 3; else if (k.startsWith(q)) s = 2; else if (k.indexOf(q) >= 0) s = 1;
        if (s > best || (s === best && i === 0)) best = s;
      });
      if (best >= 0) scored.push({id: id, score: best, degree: data.nodes[id].edges.length});
    });
    scored.sort(function (a, b) {
      return b.score - a.score || b.degree - a.degree ||
        data.nodes[a.id].name.length - data.nodes[b.id].name.length ||
        (data.nodes[a.id].name < data.nodes[b.id].name ? -1 : 1);
    });
    return scored.slice(0, limit || 10).map(function (s) { return s.id; });
  }
  let active = -1;
  function showSuggestions() {
    const ids = suggest(input.value, 10);
    suggestList.textContent = '';
    active = -1;
    ids.forEach(function (id, i) {
      const n = data.nodes[id];
      const li = el('li');
      li.dataset.id = id;
      li.setAttribute('role', 'option');
      li.appendChild(el('span', n.name));
      const q = norm(input.value);
      const alias = n.aliases.find(function (a) { return norm(a).indexOf(q) >= 0; });
      if (alias && norm(n.name).indexOf(q) < 0) li.appendChild(el('span', '(' + alias + ')', 'a'));
      li.appendChild(el('span', typeLabel(n.type), 't'));
      li.addEventListener('mousedown', function (ev) { ev.preventDefault(); choose(id); });
      suggestList.appendChild(li);
    });
    return ids;
  }
  function choose(id) {
    suggestList.textContent = '';
    input.value = data.nodes[id].name;
    search(input.value);
    select(id);
    centerOn(id);
  }
  function search(query) {
    const q = norm(query);
    const matches = [];
    clearMarks();
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

  // ---- filters: type, relation, document ----
  const filter = {types: new Set(), relations: new Set(), doc: ''};
  function applyFilters() {
    nodeEls.forEach(function (g, id) {
      const n = data.nodes[id];
      const off = filter.types.has(n.type);
      const faded = filter.doc !== '' && n.docs.indexOf(filter.doc) < 0;
      g.classList.toggle('off', off);
      g.classList.toggle('dim', !off && faded);
    });
    edgeEls.forEach(function (g, id) {
      const e = data.edges[id];
      const off = filter.relations.has(e.relation) ||
        filter.types.has(data.nodes[e.source].type) || filter.types.has(data.nodes[e.target].type);
      g.classList.toggle('off', off);
      g.classList.toggle('dim', !off && filter.doc !== '' && !edgeDocs[id].has(filter.doc));
    });
  }
  function setFilter(spec) {
    if (spec.hideTypes) filter.types = new Set(spec.hideTypes);
    if (spec.hideRelations) filter.relations = new Set(spec.hideRelations);
    if (spec.doc !== undefined) filter.doc = spec.doc;
    document.querySelectorAll('#type-filter input').forEach(function (c) { c.checked = !filter.types.has(c.value); });
    document.querySelectorAll('#relation-filter input').forEach(function (c) { c.checked = !filter.relations.has(c.value); });
    document.getElementById('doc-filter').value = filter.doc;
    applyFilters();
  }
  function checkbox(container, value, label, color, fill, set) {
    const l = el('label');
    const c = el('input');
    c.type = 'checkbox';
    c.value = value;
    c.checked = true;
    c.addEventListener('change', function () {
      if (c.checked) set().delete(value); else set().add(value);
      applyFilters();
    });
    l.appendChild(c);
    const sw = el('span', null, 'sw');
    sw.style.borderColor = color;
    sw.style.background = fill;
    l.appendChild(sw);
    l.appendChild(document.createTextNode(label));
    l.title = value;
    container.appendChild(l);
  }
  const typesShown = new Set(), relationsShown = new Set(), docsShown = new Set();
  Object.keys(data.nodes).forEach(function (id) {
    typesShown.add(data.nodes[id].type);
    data.nodes[id].docs.forEach(function (d) { docsShown.add(d); });
  });
  Object.keys(data.edges).forEach(function (id) { relationsShown.add(data.edges[id].relation); });
  Object.keys(data.types).concat(Array.from(typesShown)).forEach(function (t, i, all) {
    if (!typesShown.has(t) || all.indexOf(t) !== i) return;
    const s = data.types[t] || {};
    checkbox(document.getElementById('type-filter'), t, s.zh || t, s.color || '#718096', s.fill || '#fff', function () { return filter.types; });
  });
  Object.keys(data.relations).concat(Array.from(relationsShown)).forEach(function (r, i, all) {
    if (!relationsShown.has(r) || all.indexOf(r) !== i) return;
    const s = data.relations[r] || {};
    checkbox(document.getElementById('relation-filter'), r, s.zh || r, s.color || '#718096', s.color || '#718096', function () { return filter.relations; });
  });
  const docSelect = document.getElementById('doc-filter');
  Array.from(docsShown).sort(function (a, b) { return docOrder(a) - docOrder(b); }).forEach(function (d) {
    const o = el('option', docLabel(d));
    o.value = d;
    docSelect.appendChild(o);
  });
  docSelect.addEventListener('change', function () { filter.doc = docSelect.value; applyFilters(); });

  // ---- path finder (breadth-first over the drawn, unfiltered edges) ----
  const namesList = document.getElementById('names');
  Object.keys(data.nodes).map(function (id) { return data.nodes[id].name; }).sort().forEach(function (name, i, all) {
    if (all.indexOf(name) !== i) return;
    const o = el('option');
    o.value = name;
    namesList.appendChild(o);
  });
  function resolve(name) {
    const q = norm(name);
    const exact = Object.keys(keys).find(function (id) { return keys[id].indexOf(q) >= 0; });
    return exact || suggest(name, 1)[0] || null;
  }
  function path(fromName, toName) {
    const from = resolve(fromName), to = resolve(toName);
    clearMarks();
    panel.textContent = '';
    panel.appendChild(el('h2', '路径 Path'));
    if (!from || !to) {
      const miss = el('p', '找不到 not found: ' + (!from ? fromName : toName), 'hint');
      miss.dataset.field = 'path';
      panel.appendChild(miss);
      return null;
    }
    const usable = function (step) {
      return !filter.relations.has(data.edges[step.edge].relation) &&
        !filter.types.has(data.nodes[step.node].type);
    };
    const previous = new Map([[from, null]]);
    const queue = [from];
    while (queue.length && !previous.has(to)) {
      const v = queue.shift();
      (adjacent.get(v) || []).forEach(function (step) {
        if (previous.has(step.node) || !usable(step)) return;
        previous.set(step.node, {node: v, edge: step.edge});
        queue.push(step.node);
      });
    }
    if (!previous.has(to)) {
      const none = el('p', data.nodes[from].name + ' 与 ' + data.nodes[to].name + ' 在此图中不相连 · not connected in this view', 'hint');
      none.dataset.field = 'path';
      panel.appendChild(none);
      return [];
    }
    const steps = [];
    for (let v = to; previous.get(v); v = previous.get(v).node) steps.unshift({from: previous.get(v).node, to: v, edge: previous.get(v).edge});
    const nodes = [from].concat(steps.map(function (s) { return s.to; }));
    const onPath = new Set(nodes.concat(steps.map(function (s) { return s.edge; })));
    nodeEls.forEach(function (g, id) { g.classList.toggle('onpath', onPath.has(id)); g.classList.toggle('dim', !onPath.has(id)); g.classList.remove('match'); });
    edgeEls.forEach(function (g, id) { g.classList.toggle('onpath', onPath.has(id)); g.classList.toggle('dim', !onPath.has(id)); });
    panel.appendChild(el('p', steps.length + ' 步 hops: ' + nodes.map(function (id) { return data.nodes[id].name; }).join(' · '), 'hint'));
    const ol = el('ol', null, 'path');
    ol.dataset.field = 'path';
    steps.forEach(function (s) {
      const e = data.edges[s.edge];
      const li = el('li');
      const forward = e.source === s.from;
      li.appendChild(el('span', data.nodes[s.from].name, 'other')).addEventListener('click', function () { select(s.from); });
      li.appendChild(document.createTextNode(' ' + (e.symmetric ? '—' : forward ? '→' : '←') + relationLabel(e.relation) + (e.symmetric ? '—' : forward ? '→' : '←') + ' '));
      li.appendChild(el('span', data.nodes[s.to].name, 'other')).addEventListener('click', function () { select(s.to); });
      if (e.evidence.length) li.appendChild(evidenceItem(e.evidence[0], [e.source_name, e.target_name]));
      ol.appendChild(li);
    });
    panel.appendChild(ol);
    api.selected = null;
    fitTo(nodes, 600);
    return nodes;
  }
  document.getElementById('path-go').addEventListener('click', function () {
    path(document.getElementById('path-from').value, document.getElementById('path-to').value);
  });
  ['path-from', 'path-to'].forEach(function (id) {
    document.getElementById(id).addEventListener('keydown', function (ev) {
      if (ev.key === 'Enter') document.getElementById('path-go').click();
    });
  });

  // ---- zoom and pan: the viewBox is the camera ----
  const full = svg ? {x: svg.viewBox.baseVal.x, y: svg.viewBox.baseVal.y, w: svg.viewBox.baseVal.width, h: svg.viewBox.baseVal.height} : null;
  let cam = full ? Object.assign({}, full) : null;
  if (svg) {
    svg.removeAttribute('width');
    svg.removeAttribute('height');
    svg.setAttribute('preserveAspectRatio', 'xMidYMid meet');
  }
  function applyCam() {
    if (cam) svg.setAttribute('viewBox', [cam.x, cam.y, cam.w, cam.h].map(function (v) { return v.toFixed(2); }).join(' '));
  }
  function fit() {
    if (!full) return;
    cam = Object.assign({}, full);
    applyCam();
  }
  // Drawing units per screen pixel at the current camera.
  function unitsPerPixel() {
    return Math.max(cam.w / area.clientWidth, cam.h / area.clientHeight);
  }
  function zoomAt(factor, px, py) {
    if (!cam) return;
    const r = area.getBoundingClientRect();
    const u = unitsPerPixel();
    // The drawing point under (px, py), with the meet-centred viewBox.
    const ox = cam.x + cam.w / 2 + (px - r.left - r.width / 2) * u;
    const oy = cam.y + cam.h / 2 + (py - r.top - r.height / 2) * u;
    const w = Math.min(full.w * 4, Math.max(40, cam.w / factor));
    const k = w / cam.w;
    cam = {x: ox - (ox - cam.x) * k, y: oy - (oy - cam.y) * k, w: w, h: cam.h * k};
    applyCam();
  }
  function boxOf(ids) {
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    const m = svg.getScreenCTM().inverse();
    ids.forEach(function (id) {
      const g = nodeEls.get(id);
      if (!g) return;
      const r = g.getBoundingClientRect();
      [[r.left, r.top], [r.right, r.bottom]].forEach(function (p) {
        const q = new DOMPoint(p[0], p[1]).matrixTransform(m);
        x0 = Math.min(x0, q.x); y0 = Math.min(y0, q.y); x1 = Math.max(x1, q.x); y1 = Math.max(y1, q.y);
      });
    });
    return x0 === Infinity ? null : {x: x0, y: y0, w: x1 - x0, h: y1 - y0};
  }
  function fitTo(ids, minWidth) {
    const b = boxOf(ids);
    if (!b) return;
    const aspect = area.clientWidth / Math.max(1, area.clientHeight);
    let w = Math.max(b.w * 1.3, minWidth || 300, b.h * 1.3 * aspect);
    w = Math.min(w, Math.max(full.w, full.h * aspect));
    const h = w / aspect;
    cam = {x: b.x + b.w / 2 - w / 2, y: b.y + b.h / 2 - h / 2, w: w, h: h};
    applyCam();
  }
  function centerOn(id) {
    fitTo([id].concat(data.nodes[id].edges.map(function (e) { return e.other; }).filter(Boolean)), 500);
  }
  document.getElementById('zoom-in').addEventListener('click', function () {
    const r = area.getBoundingClientRect(); zoomAt(1.4, r.left + r.width / 2, r.top + r.height / 2);
  });
  document.getElementById('zoom-out').addEventListener('click', function () {
    const r = area.getBoundingClientRect(); zoomAt(1 / 1.4, r.left + r.width / 2, r.top + r.height / 2);
  });
  document.getElementById('zoom-fit').addEventListener('click', fit);
  area.addEventListener('wheel', function (ev) {
    ev.preventDefault();
    zoomAt(Math.exp(-ev.deltaY / 300), ev.clientX, ev.clientY);
  }, {passive: false});
  let drag = null, dragged = false;
  area.addEventListener('pointerdown', function (ev) {
    if (ev.button !== 0 || ev.target.closest('#zoom') || !cam) return;
    drag = {x: ev.clientX, y: ev.clientY, cam: Object.assign({}, cam)};
    dragged = false;
  });
  window.addEventListener('pointermove', function (ev) {
    if (!drag) return;
    const dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
    if (!dragged && Math.abs(dx) + Math.abs(dy) < 5) return;
    dragged = true;
    area.classList.add('panning');
    const u = Math.max(drag.cam.w / area.clientWidth, drag.cam.h / area.clientHeight);
    cam = {x: drag.cam.x - dx * u, y: drag.cam.y - dy * u, w: drag.cam.w, h: drag.cam.h};
    applyCam();
  });
  window.addEventListener('pointerup', function () { drag = null; area.classList.remove('panning'); });
  window.addEventListener('resize', function () { applyCam(); });

  nodeEls.forEach(function (g, id) {
    g.addEventListener('click', function (ev) { ev.preventDefault(); ev.stopPropagation(); if (!dragged) select(id); });
  });
  area.addEventListener('click', function (ev) {
    if (dragged || ev.target.closest('g.node, g.edge, #zoom')) return;
    clearMarks();
    undim();
    api.selected = null;
  });
  edgeEls.forEach(function (g, id) {
    g.addEventListener('click', function (ev) { ev.preventDefault(); ev.stopPropagation(); if (!dragged) selectEdge(id); });
  });
  input.addEventListener('input', function () { search(input.value); showSuggestions(); });
  input.addEventListener('blur', function () { setTimeout(function () { suggestList.textContent = ''; }, 150); });
  input.addEventListener('keydown', function (ev) {
    const items = suggestList.querySelectorAll('li');
    if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
      if (!items.length) return;
      ev.preventDefault();
      active = (active + (ev.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length;
      items.forEach(function (li, i) { li.classList.toggle('active', i === active); });
      return;
    }
    if (ev.key === 'Escape') { suggestList.textContent = ''; return; }
    if (ev.key !== 'Enter') return;
    if (items.length) {
      choose(items[Math.max(0, active)].dataset.id);
      return;
    }
    const matches = search(input.value);
    if (matches.length) { select(matches[0]); centerOn(matches[0]); }
  });

  const api = {search: search, suggest: suggest, select: select, selectEdge: selectEdge, fit: fit,
               zoom: function (f) { const r = area.getBoundingClientRect(); zoomAt(f, r.left + r.width / 2, r.top + r.height / 2); },
               centerOn: centerOn, filter: setFilter, path: path, camera: function () { return cam && Object.assign({}, cam); },
               selected: null, data: data};
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

constexpr const char* kSharesRelation = "shares";

// "d12" -> 12, so that d3 comes before d20; ids of another form after, by text.
std::pair<uint64_t, std::string> DocumentOrder(const std::string& id) {
  if (id.size() > 1 && id[0] == 'd' &&
      std::all_of(id.begin() + 1, id.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
      id.size() < 18) {
    return {std::stoull(id.substr(1)), ""};
  }
  return {id.empty() ? UINT64_MAX : UINT64_MAX - 1, id};
}

}  // namespace

std::string DocumentYear(const graph::Document& doc) {
  // The first 19xx/20xx not inside a longer number, in the title, else the file name.
  auto find_year = [](std::string_view text) -> std::string {
    for (size_t i = 0; i + 4 <= text.size(); ++i) {
      auto digit = [&](size_t k) { return k < text.size() && text[k] >= '0' && text[k] <= '9'; };
      if (!(text.compare(i, 2, "19") == 0 || text.compare(i, 2, "20") == 0)) continue;
      if (!digit(i + 2) || !digit(i + 3) || digit(i + 4) || (i > 0 && digit(i - 1))) continue;
      return std::string(text.substr(i, 4));
    }
    return "";
  };
  std::string year = find_year(doc.title);
  if (year.empty()) {
    std::string_view path = doc.path;
    if (auto slash = path.rfind('/'); slash != std::string_view::npos)
      path.remove_prefix(slash + 1);
    year = find_year(path);
  }
  return year;
}

std::string DocumentLabel(const graph::KnowledgeGraph& graph, const graph::Document& doc) {
  std::string label = doc.title;
  if (label.empty()) {
    std::string_view path = doc.path;
    if (auto slash = path.rfind('/'); slash != std::string_view::npos)
      path.remove_prefix(slash + 1);
    label = path.empty() ? doc.id : std::string(path);
  }
  if (!doc.region.empty()) {
    if (auto region = graph.FindById(doc.region)) {
      const std::string& name = graph.g()[*region].name;
      if (label.find(name) == std::string::npos) label = name + " " + label;
    }
  }
  const std::string year = DocumentYear(doc);
  if (!year.empty() && label.find(year) == std::string::npos) label += " (" + year + ")";
  return label;
}

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
    w.Key("color"), w.String(StyleColor(rel.style, "color", "#718096"));
    w.EndObject();
  }
  if (!view.links.empty()) {
    w.Key(kSharesRelation);
    w.StartObject();
    w.Key("zh"), w.String("共享");
    w.Key("en"), w.String("shares");
    w.Key("symmetric"), w.Bool(true);
    w.Key("color"), w.String("#e53e3e");
    w.EndObject();
  }
  w.EndObject();

  // Documents by id, with the label evidence is shown under (title, year, issuing region).
  w.Key("docs");
  w.StartObject();
  for (const auto& doc : graph.documents) {
    Key(w, doc.id);
    w.StartObject();
    w.Key("label"), w.String(DocumentLabel(graph, doc));
    w.Key("year"), w.String(DocumentYear(doc));
    w.EndObject();
  }
  w.EndObject();

  // One evidence item: [document id or "", text].
  auto write_evidence = [&](const std::vector<graph::Evidence>& items) {
    std::vector<const graph::Evidence*> sorted;
    for (const auto& ev : items) sorted.push_back(&ev);
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto* a, const auto* b) {
      return DocumentOrder(a->doc) < DocumentOrder(b->doc);
    });
    w.StartArray();
    for (const graph::Evidence* ev : sorted) {
      w.StartArray();
      w.String(ev->doc);
      w.String(Truncate(EvidenceText(*ev), kPanelSentenceLength));
      w.EndArray();
    }
    w.EndArray();
  };

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
    if (v < view.region_scores.size() && view.region_scores[v] > 0) {
      w.Key("score"), w.Uint64(view.region_scores[v]);
    }
    // Mentions: [document id, sentence, mark start, mark end] (code points), one per sentence.
    std::vector<const graph::Mention*> mentions;
    for (const auto& mention : node.mentions) mentions.push_back(&mention);
    std::stable_sort(mentions.begin(), mentions.end(), [](const auto* a, const auto* b) {
      return DocumentOrder(a->doc) < DocumentOrder(b->doc);
    });
    std::set<std::string> docs;
    for (const auto* mention : mentions) docs.insert(mention->doc);
    w.Key("docs");
    WriteStringArray(w, std::vector<std::string>(docs.begin(), docs.end()));
    w.Key("mentions");
    w.StartArray();
    std::vector<std::string> seen;
    for (const auto* mention : mentions) {
      if (seen.size() == kPanelMentionSentences) break;
      std::pair<size_t, size_t> mark;
      std::string sentence = sentences.MentionSentence(*mention, &mark);
      if (sentence.empty() || std::find(seen.begin(), seen.end(), sentence) != seen.end()) continue;
      seen.push_back(sentence);
      w.StartArray();
      w.String(mention->doc);
      w.String(sentence);
      w.Uint64(mark.first);
      w.Uint64(mark.second);
      w.EndArray();
    }
    w.EndArray();
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
      w.Key("other_type"), w.String(g[other].type);
      w.Key("evidence");
      write_evidence(g[e].evidence);
      w.EndObject();
    };
    // The neighbours drawn come first, then the report's relations, Targets and gazetteer facts
    // last: the panel keeps kPanelEdges of them.
    std::vector<std::pair<EdgeDescriptor, bool>> incident;
    for (auto [it, end] = boost::out_edges(v, g); it != end; ++it) incident.push_back({*it, true});
    for (auto [it, end] = boost::in_edges(v, g); it != end; ++it) incident.push_back({*it, false});
    auto rank = [&](const std::pair<EdgeDescriptor, bool>& item) {
      const Vertex other =
          item.second ? boost::target(item.first, g) : boost::source(item.first, g);
      const bool fact = std::all_of(g[item.first].evidence.begin(), g[item.first].evidence.end(),
                                    [](const graph::Evidence& ev) { return ev.doc.empty(); });
      return std::make_tuple(!visible[other], g[item.first].relation == "targets", fact);
    };
    std::stable_sort(incident.begin(), incident.end(),
                     [&](const auto& x, const auto& y) { return rank(x) < rank(y); });
    for (const auto& [e, out] : incident) write_edge(e, out);
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
    write_evidence(edge.evidence);
    w.EndObject();
  }
  // The collaboration view's dashed links: region pairs that share things without cooperating.
  for (const RegionLink& link : view.links) {
    if (link.cooperate || link.shared.size() < 2) continue;
    Key(w, SvgEdgeId(g[link.a].id, kSharesRelation, g[link.b].id));
    w.StartObject();
    w.Key("source"), w.String(SvgNodeId(g[link.a].id));
    w.Key("target"), w.String(SvgNodeId(g[link.b].id));
    w.Key("source_name"), w.String(g[link.a].name);
    w.Key("target_name"), w.String(g[link.b].name);
    w.Key("relation"), w.String(kSharesRelation);
    w.Key("symmetric"), w.Bool(true);
    w.Key("weight"), w.Uint64(link.weight());
    w.Key("evidence");
    w.StartArray();
    for (Vertex thing : link.shared) {
      w.StartArray();
      w.String("");
      w.String(
          fmt::format("{} 共享 shared: {}", g[link.a].name + "、" + g[link.b].name, g[thing].name));
      w.EndArray();
    }
    w.EndArray();
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
