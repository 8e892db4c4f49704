// Loads a policykg export with its real JavaScript consumer and prints, as JSON on stdout, what
// the consumer holds: nodes (id, name, type, aliases) and edges (source, target, relation,
// undirected, evidence texts and documents), for tests/export/export_consumers_test.py to compare
// with the graph file.
// usage: node load.js cytoscape FILE | graphology FILE | gexf FILE
//        node load.js kuzu DIR QUERIES.json   (QUERIES: [{"neighbors": ID} | {"path": [A, B]}])
'use strict';
const fs = require('fs');
const path = require('path');

function list(value) {
  return Array.isArray(value) ? value : [];
}

function fromCytoscape(file) {
  const cytoscape = require('cytoscape');
  const data = JSON.parse(fs.readFileSync(file, 'utf8'));
  const cy = cytoscape({headless: true, styleEnabled: false, elements: data.elements});
  return {
    nodes: cy.nodes().map((n) => ({
      id: n.id(), name: n.data('name'), type: n.data('type'), aliases: n.data('aliases'),
    })),
    edges: cy.edges().map((e) => ({
      source: e.source().id(), target: e.target().id(), relation: e.data('relation'),
      undirected: e.data('symmetric'), evidence: e.data('evidence'),
      evidence_docs: e.data('evidence_spans').map((s) => s.doc),
    })),
    documents: data.data.documents.map((d) => d.id),
  };
}

function graphologySummary(graph, typeKey) {
  const nodes = [];
  graph.forEachNode((key, a) => nodes.push({id: key, name: a.label, type: a[typeKey], aliases: a.aliases}));
  const edges = [];
  graph.forEachEdge((key, a, source, target, sa, ta, undirected) => edges.push({
    source, target, relation: a.relation, undirected,
    evidence: list(a.evidence), evidence_docs: a.evidence_spans === undefined ? null
        : (typeof a.evidence_spans === 'string' ? JSON.parse(a.evidence_spans)
                                                : a.evidence_spans).map((s) => s.doc),
  }));
  return {nodes, edges, type: graph.type, multi: graph.multi};
}

function fromGraphology(file) {
  const Graph = require('graphology');
  const data = JSON.parse(fs.readFileSync(file, 'utf8'));
  const graph = Graph.from(data);
  // What sigma.js needs of every node: finite x and y, a size, a label and a color, and no
  // `type` naming an unknown node program.
  graph.forEachNode((key, a) => {
    for (const k of ['x', 'y', 'size']) {
      if (!Number.isFinite(a[k])) throw new Error(`node ${key}: ${k} is not a finite number`);
    }
    if (typeof a.label !== 'string' || typeof a.color !== 'string' || 'type' in a) {
      throw new Error(`node ${key}: not drawable by sigma.js`);
    }
  });
  const summary = graphologySummary(graph, 'entity_type');
  summary.documents = graph.getAttribute('documents').map((d) => d.id);
  return summary;
}

function fromGexf(file) {
  const Graph = require('graphology');
  const gexf = require('graphology-gexf');
  const graph = gexf.parse(Graph, fs.readFileSync(file, 'utf8'));
  const summary = graphologySummary(graph, 'type');
  const first = graph.nodes()[0];
  summary.node_attributes = first === undefined ? [] : Object.keys(graph.getNodeAttributes(first)).sort();
  return summary;
}

async function fromKuzu(dir, queriesFile) {
  const kuzu = require('kuzu');
  const db = new kuzu.Database(':memory:');
  const conn = new kuzu.Connection(db);
  const here = process.cwd();
  process.chdir(dir);  // load.cypher names its CSVs relative to the export folder
  await conn.query(fs.readFileSync('schema.cypher', 'utf8'));
  await conn.query(fs.readFileSync('load.cypher', 'utf8'));
  process.chdir(here);
  const all = async (query, params) => {
    if (params === undefined) return (await conn.query(query)).getAll();
    const statement = await conn.prepare(query);
    return (await conn.execute(statement, params)).getAll();
  };
  const nodes = (await all('MATCH (e:Entity) RETURN e.id AS id, e.name AS name, e.type AS type, e.aliases AS aliases'));
  const edges = (await all(
      'MATCH (a:Entity)-[r:RELATED]->(b:Entity) RETURN a.id AS source, b.id AS target, ' +
      'r.relation AS relation, r.symmetric AS undirected, r.evidence_text AS evidence, ' +
      'r.evidence_doc AS evidence_docs, r.evidence_start AS evidence_starts'));
  const mentions = (await all('MATCH (:Document)-[m:MENTIONS]->(:Entity) RETURN count(m) AS n'))[0].n;
  const documents = (await all('MATCH (d:Document) RETURN d.id AS id')).map((d) => d.id);
  const answers = [];
  const queries = queriesFile ? JSON.parse(fs.readFileSync(queriesFile, 'utf8')) : [];
  for (const q of queries) {
    if (q.neighbors !== undefined) {
      const rows = await all(
          'MATCH (a:Entity {id: $id})-[:RELATED]-(b:Entity) WHERE b.id <> $id ' +
          'RETURN DISTINCT b.id AS id ORDER BY id', {id: q.neighbors});
      answers.push({neighbors: q.neighbors, ids: rows.map((r) => r.id)});
    } else {
      const [a, b] = q.path;
      const rows = await all(
          'MATCH p = (a:Entity {id: $a})-[:RELATED* ALL SHORTEST 1..30]-(b:Entity {id: $b}) ' +
          'RETURN properties(nodes(p), "id") AS ids', {a, b});
      answers.push({path: q.path, paths: rows.map((r) => r.ids).sort()});
    }
  }
  return {nodes, edges: edges.map((e) => ({...e, evidence_starts: e.evidence_starts.map(Number)})),
          mentions: Number(mentions), documents, answers};
}

async function main() {
  const [kind, file, extra] = process.argv.slice(2);
  const loaders = {cytoscape: fromCytoscape, graphology: fromGraphology, gexf: fromGexf, kuzu: fromKuzu};
  if (!loaders[kind] || !file) {
    console.error('usage: node load.js cytoscape|graphology|gexf FILE | kuzu DIR [QUERIES.json]');
    process.exit(2);
  }
  const result = await loaders[kind](path.resolve(file), extra && path.resolve(extra));
  process.stdout.write(JSON.stringify(result));
}

main().catch((error) => {
  console.error(error && error.stack ? error.stack : String(error));
  process.exit(1);
});
