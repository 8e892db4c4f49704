#include "extract/graph_builder.h"

#include <algorithm>
#include <map>
#include <set>
#include <thread>
#include <tuple>
#include <unordered_set>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "common/parallel.h"
#include "common/utf8.h"
#include "text/normalize.h"

namespace policykg::extract {

using std::string_view_literals::operator""sv;

namespace {

std::string Utf8(std::u32string_view s) { return EncodeUtf8(s); }

// `key` (a folded name) with every words.json name_variants form written as its canonical one
// (文化旅游 → 文旅, 高新技术产业开发区 → 高新区), or empty when it holds none.
std::u32string CanonicalVariant(const lexicon::CompiledLexicon& lex, const std::u32string& key) {
  if (lex.name_variants.empty()) return {};
  std::u32string out;
  bool changed = false;
  for (uint32_t i = 0; i < key.size();) {
    const lexicon::Trie::Match m = lex.name_variants.LongestAt(key, i);
    if (m.length == 0) {
      if (changed) out += key[i];
      ++i;
      continue;
    }
    if (!changed) out.assign(key, 0, i), changed = true;
    out += lex.name_variant_canonical[m.value];
    i += m.length;
  }
  return changed ? out : std::u32string();
}

// A name made from text, as UTF-8, without control and format characters (text::CleanName).
std::string NameUtf8(std::u32string_view s) { return EncodeUtf8(text::CleanName(s)); }

template <typename T>
void SortUnique(std::vector<T>& items) {
  std::sort(items.begin(), items.end());
  items.erase(std::unique(items.begin(), items.end()), items.end());
}

// SortUnique for a node's mentions, which arrive grouped by document (documents are added one
// after another) and mostly in text order within one: the groups are ordered by document and each
// is sorted on its own (usually just checked), instead of comparing document ids all along.
void SortUniqueMentions(std::vector<graph::Mention>& mentions) {
  std::vector<std::pair<size_t, size_t>> runs;  // [begin, end) of one document
  for (size_t i = 0; i < mentions.size();) {
    size_t j = i + 1;
    while (j < mentions.size() && mentions[j].doc == mentions[i].doc) ++j;
    runs.emplace_back(i, j);
    i = j;
  }
  auto doc_of = [&](const std::pair<size_t, size_t>& run) -> const std::string& { return mentions[run.first].doc; };
  std::sort(runs.begin(), runs.end(), [&](const auto& a, const auto& b) { return doc_of(a) < doc_of(b); });
  for (size_t r = 1; r < runs.size(); ++r) {
    if (doc_of(runs[r - 1]) == doc_of(runs[r])) return SortUnique(mentions);  // a document twice
  }
  for (const auto& [begin, end] : runs) {
    auto first = mentions.begin() + static_cast<ptrdiff_t>(begin), last = mentions.begin() + static_cast<ptrdiff_t>(end);
    if (!std::is_sorted(first, last)) std::sort(first, last);
  }
  if (runs.size() > 1 && !std::is_sorted(runs.begin(), runs.end())) {
    std::vector<graph::Mention> ordered;
    ordered.reserve(mentions.size());
    for (const auto& [begin, end] : runs) {
      for (size_t i = begin; i < end; ++i) ordered.push_back(std::move(mentions[i]));
    }
    mentions = std::move(ordered);
  }
  mentions.erase(std::unique(mentions.begin(), mentions.end()), mentions.end());
}

// Appends `item` unless `items` holds it already.
void AddOnce(std::vector<std::string_view>& items, std::string_view item) {
  if (std::find(items.begin(), items.end(), item) == items.end()) items.push_back(item);
}

// Code points in valid UTF-8: the bytes that do not continue a sequence.
size_t CodePointCount(std::string_view utf8) {
  return static_cast<size_t>(
      std::count_if(utf8.begin(), utf8.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::string Substr(const std::u32string& text, uint32_t start, uint32_t end) {
  if (end > text.size()) end = static_cast<uint32_t>(text.size());
  if (start > end) start = end;
  return EncodeUtf8(std::u32string_view(text).substr(start, end - start));
}

}  // namespace

void GraphBuilder::PendingTargetAttributes::Merge(const PendingTargetAttributes& other) {
  if (comparator == 0) comparator = other.comparator;
  if (qualifier == 0) qualifier = other.qualifier;
}

void GraphBuilder::AppendTargetAttributes(const PendingTargetAttributes& a,
                                          std::vector<graph::AttrRef>& out) const {
  out.push_back({"as_written", pool_[a.as_written]});
  if (a.comparator != 0) out.push_back({"comparator", pool_[a.comparator]});
  out.push_back({"metric", pool_[a.metric]});
  if (a.qualifier != 0) out.push_back({"qualifier", pool_[a.qualifier]});
  out.push_back({"scope", pool_[a.scope]});
  out.push_back({"status", pool_[a.status]});
  out.push_back({"unit", pool_[a.unit]});
  out.push_back({"value", a.value});
}

void GraphBuilder::AddTargetAttributes(const PendingTargetAttributes& a,
                                       graph::Attributes& map) const {
  std::vector<graph::AttrRef> entries;
  AppendTargetAttributes(a, entries);
  for (const auto& [key, value] : entries) map.try_emplace(std::string(key), graph::OwnedOf(value));
}

PreparedDocument PrepareDocument(graph::Document document, const std::u32string& original,
                                 const DocumentExtraction& ex,
                                 const lexicon::CompiledLexicon& lex) {
  PreparedDocument out;
  const std::string& doc_id = document.id;
  out.document_region = ex.document_region;
  if (ex.document_region >= 0)
    document.region = graph::MakeNodeId("Region", lex.region(ex.document_region).name);

  out.regions.reserve(ex.regions.size());
  for (const auto& m : ex.regions)
    out.regions.push_back({m.region, m.start, m.end, m.rule, m.inside_name});
  out.entities.reserve(ex.entities.size());
  for (const auto& e : ex.entities) {
    PreparedDocument::Entity entity;
    entity.type = e.type;
    entity.name = NameUtf8(e.name);
    auto key_of = [&](std::u32string_view folded) {
      std::string k;
      k.reserve(e.type.size() + 1 + folded.size() * 3);
      k += e.type;
      k += '\x1f';
      for (char32_t cp : folded) AppendUtf8(cp, k);
      return k;
    };
    // Each name's key, and the key of its canonical variant when it has one (文化旅游 → 文旅): two
    // names that agree but for such a form meet there, the merge recorded as alias.name_variant.
    auto add_keys = [&](std::u32string_view name, const std::string& rule) {
      const std::u32string folded = text::NameKey(name);
      entity.keys.emplace_back(key_of(folded), rule);
      if (std::u32string variant = CanonicalVariant(lex, folded); !variant.empty())
        entity.keys.emplace_back(key_of(variant), "alias.name_variant");
    };
    add_keys(e.name, "");
    for (const auto& [alias, rule] : e.aliases) {
      // A province's bare designation (自贸试验区 for 天津自贸试验区) names it only in its own report.
      if (rule != "alias.own_designation"sv) add_keys(alias, rule);
      entity.aliases.push_back(NameUtf8(alias));
    }
    entity.start = e.start;
    entity.end = e.end;
    entity.rule = e.rule;
    entity.generic = e.generic;
    out.entities.push_back(std::move(entity));
  }
  // A report of unknown region scopes its targets by its content (the first 12 hex digits of its
  // SHA-256), never by its position in the input: ids must not depend on input order.
  const std::string scope = ex.document_region >= 0 ? lex.region(ex.document_region).name
                            : document.sha256.empty() ? doc_id
                                                      : "doc-" + document.sha256.substr(0, 12);
  out.targets.reserve(ex.targets.size());
  for (const auto& t : ex.targets) {
    PreparedDocument::Target target;
    const std::string name = NameUtf8(t.name);
    TargetAttributes& attributes = target.attributes;
    attributes.as_written = NameUtf8(t.display);
    attributes.comparator = t.comparator;
    attributes.metric = NameUtf8(t.metric);
    attributes.qualifier = t.qualifier;
    attributes.status = t.status;
    attributes.unit = t.unit;
    attributes.value = t.value;
    target.start = t.start;
    target.end = t.end;
    target.year = ex.document_year;
    target.phrase.reserve(scope.size() + 1 + name.size());
    target.phrase.append(scope).append(1, ':').append(name);
    target.scope_size = static_cast<uint32_t>(scope.size());
    out.targets.push_back(std::move(target));
  }
  out.relations.reserve(ex.relations.size());
  // Evidence is the span only when the document keeps its text: the sentence is read from it when
  // the graph is finished or written (graph::DocumentTexts), never copied once per relation.
  const bool spans_only = !document.text.empty();
  // The same fact stated again by the same sentence and rule (a long sentence naming two regions
  // hundreds of times gives every pair of mentions) is kept once: the graph keeps one evidence
  // item per (sentence, rule) anyway, so the result is the same, with a fraction of the work.
  struct FactKey {
    const RelationMention* r;
    bool operator==(const FactKey& o) const {
      return r->source == o.r->source && r->target == o.r->target && r->start == o.r->start &&
             r->end == o.r->end && r->relation == o.r->relation && r->rule == o.r->rule;
    }
  };
  struct FactHash {
    size_t operator()(const FactKey& k) const {
      const RelationMention& r = *k.r;
      size_t h = std::hash<std::string_view>()(r.relation) ^ (std::hash<std::string_view>()(r.rule) << 1);
      for (uint64_t v : {uint64_t{r.source.kind}, uint64_t(uint32_t(r.source.index)), uint64_t{r.target.kind},
                         uint64_t(uint32_t(r.target.index)), uint64_t{r.start}, uint64_t{r.end}}) {
        h = (h ^ v) * 0x100000001b3ULL;
      }
      return h;
    }
  };
  std::unordered_set<FactKey, FactHash> seen_facts;
  seen_facts.reserve(ex.relations.size());
  for (const auto& r : ex.relations) {
    if (!seen_facts.insert(FactKey{&r}).second) continue;
    std::string text = spans_only ? std::string() : Substr(original, r.start, r.end);
    out.relations.push_back({r.source, r.target, r.relation, r.rule, r.start, r.end, std::move(text), r.via});
  }
  out.document = std::move(document);
  return out;
}

GraphBuilder::GraphBuilder(const lexicon::CompiledLexicon& lexicon) : lex_(lexicon) {}

uint32_t GraphBuilder::StringTable::Intern(std::string_view s) {
  if (s.empty()) return 0;
  auto it = ids.find(s);
  if (it != ids.end()) return it->second;
  const auto id = static_cast<uint32_t>(strings.size());
  strings.emplace_back(s);
  ids.emplace(strings.back(), id);
  return id;
}

uint32_t GraphBuilder::RelationIndex(std::string_view relation) {
  uint32_t id = 0;
  while (id < relations_.size() && relations_[id] != relation) ++id;
  if (id == relations_.size()) relations_.emplace_back(relation);
  return id;
}

int32_t GraphBuilder::Find(int32_t node) {
  while (nodes_[node].parent >= 0) node = nodes_[node].parent;
  return node;
}

GraphBuilder::NodeExtras& GraphBuilder::ExtrasOf(PendingNode& node) {
  if (!node.extras) node.extras = std::make_unique<NodeExtras>();
  return *node.extras;
}

void GraphBuilder::Union(int32_t keep, int32_t other, std::string_view rule) {
  keep = Find(keep);
  other = Find(other);
  if (keep == other) return;
  nodes_[other].parent = keep;
  AddOnce(ExtrasOf(nodes_[keep]).merge_rules, pool_.View(rule));
}

int32_t GraphBuilder::NewNode(PendingNode node, int32_t region) {
  nodes_.push_back(std::move(node));
  node_region_.push_back(region);
  return static_cast<int32_t>(nodes_.size() - 1);
}

int32_t GraphBuilder::RegionNode(int32_t region) {
  auto it = region_nodes_.find(region);
  if (it != region_nodes_.end()) return it->second;
  const auto& r = lex_.region(region);
  PendingNode node;  // its strings view the lexicon's
  node.type = "Region"sv;
  node.names.push_back(r.name);
  NodeExtras& extras = ExtrasOf(node);
  if (r.full_name != r.name) extras.aliases.push_back(r.full_name);
  for (const auto& a : r.aliases) extras.aliases.push_back(a);
  if (!r.code.empty()) extras.attributes["code"] = r.code;
  if (!r.level.empty()) extras.attributes["level"] = r.level;
  for (const auto& [k, v] : r.attributes) extras.attributes[k] = v;
  int32_t id = NewNode(std::move(node), region);
  region_nodes_.emplace(region, id);
  return id;
}

void GraphBuilder::AddTypeVote(std::vector<NodeExtras::TypeVote>& votes, const NodeExtras::TypeVote& vote) {
  for (auto& seen : votes) {
    if (seen.type == vote.type) {
      seen.count += vote.count;
      if (std::tie(vote.first_document, vote.first_index) < std::tie(seen.first_document, seen.first_index)) {
        seen.first_document = vote.first_document;
        seen.first_index = vote.first_index;
      }
      return;
    }
  }
  votes.push_back(vote);
}

int32_t GraphBuilder::EntityNode(PreparedDocument::Entity& entity, std::string_view document, uint32_t index) {
  int32_t found = -1;
  std::string_view found_rule;  // views pool_ or `entity`
  std::vector<uint8_t>& known = known_keys_;  // which keys are registered already
  known.assign(entity.keys.size(), 0);
  for (size_t k = 0; k < entity.keys.size(); ++k) {
    const auto& [key, rule] = entity.keys[k];
    const uint32_t id = entity_keys_.Find(key);
    if (id == StringPool::kNotFound || key_entries_[id].node < 0) continue;
    known[k] = 1;
    int32_t node = Find(key_entries_[id].node);
    // The rule behind the match: ours if the key is a derived alias, else the registered one's.
    const std::string_view why =
        rule.empty() ? pool_[key_entries_[id].rule] : std::string_view(rule);
    if (found < 0) {
      found = node;
      found_rule = why;
    } else if (node != found) {
      Union(found, node,
            why.empty() ? std::string("merge.shared_alias") : "merge." + std::string(why));
    }
  }
  // Registers `key` for `node` unless it names a node already (the first registration stays).
  auto register_key = [&](std::string_view key, int32_t node, std::string_view rule) {
    const uint32_t id = entity_keys_.Intern(key);
    if (id == key_entries_.size()) key_entries_.push_back({node, pool_.Intern(rule)});
  };
  // The same name under another type (一带一路 read as an Initiative here and an Event there) is
  // the same thing: it joins the node first seen, whose type it keeps.
  std::string untyped;
  if (!entity.keys.empty()) {
    const std::string& first_key = entity.keys[0].first;
    untyped = "\x1e" + first_key.substr(first_key.find('\x1f') + 1);
  }
  if (found < 0 && !untyped.empty()) {
    const uint32_t id = entity_keys_.Find(untyped);
    if (id != StringPool::kNotFound && key_entries_[id].node >= 0) {
      found = Find(key_entries_[id].node);
      found_rule = "same_name_other_type"sv;
    }
  }
  if (found < 0) {
    PendingNode node;
    node.type = pool_.View(entity.type);
    found = NewNode(std::move(node), -1);
    if (!untyped.empty()) register_key(untyped, found, {});
  } else if (!found_rule.empty()) {
    AddOnce(ExtrasOf(nodes_[found]).merge_rules, pool_.View("merge." + std::string(found_rule)));
  }
  // Lists stay as long as the distinct names, however often an entity is seen.
  PendingNode& node = nodes_[found];
  NodeExtras& extras = ExtrasOf(node);
  AddTypeVote(extras.type_votes, {pool_.View(entity.type), 1, document, index});
  AddOnce(node.names, pool_.View(entity.name));
  for (const auto& alias : entity.aliases) AddOnce(extras.aliases, pool_.View(alias));
  for (size_t k = 0; k < entity.keys.size(); ++k) {
    if (known[k]) continue;  // a registered key keeps its node and rule
    const auto& [key, rule] = entity.keys[k];
    register_key(key, found, rule);
  }
  return found;
}

void GraphBuilder::AddDocument(PreparedDocument doc) {
  if (doc.document_region >= 0) {
    RegionNode(doc.document_region);
    issuers_.insert(doc.document_region);
  }
  const uint32_t doc_id = strings_.Intern(doc.document.id);
  const uint32_t mention_doc = pool_.Intern(doc.document.id);
  // Type votes order documents by content, never by their place in the input.
  const std::string_view vote_document =
      pool_.View(doc.document.sha256.empty() ? doc.document.id : doc.document.sha256);
  documents_.push_back(std::move(doc.document));
  // Consecutive mentions mostly share a rule: it is looked up once per run.
  const char* last_region_rule = nullptr;
  bool last_inside_name = false;
  uint32_t mention_rule = 0;
  for (const auto& m : doc.regions) {
    if (m.rule != last_region_rule || m.inside_name != last_inside_name) {
      last_region_rule = m.rule;
      last_inside_name = m.inside_name;
      mention_rule =
          pool_.Intern(m.inside_name ? std::string(m.rule) + ".in_name" : std::string(m.rule));
    }
    nodes_[RegionNode(m.region)].mentions.push_back({mention_doc, m.start, m.end, mention_rule});
  }
  const std::string* last_entity_rule = nullptr;
  std::vector<int32_t> entity_node(doc.entities.size());
  for (size_t i = 0; i < doc.entities.size(); ++i) {
    auto& e = doc.entities[i];
    int32_t node = EntityNode(e, vote_document, static_cast<uint32_t>(i));
    if (last_entity_rule == nullptr || e.rule != *last_entity_rule) {
      last_entity_rule = &e.rule;
      mention_rule = pool_.Intern(e.rule);
    }
    nodes_[node].mentions.push_back({mention_doc, e.start, e.end, mention_rule});
    if (e.generic) ExtrasOf(nodes_[node]).attributes["generic"] = true;
    entity_node[i] = node;
  }
  const uint32_t target_rule = pool_.Intern("target");
  std::vector<int32_t> target_node(doc.targets.size());
  for (size_t i = 0; i < doc.targets.size(); ++i) {
    auto& t = doc.targets[i];
    // One node per scope, status, report year and phrase: a target stated again adds its mention
    // and any attribute the first statement lacked; the same phrase stated as done (look-back) and
    // as promised (plan) is two targets (重庆's 15件市级重点民生实事 of 2025 and of 2026), and so is
    // the same promise in two years' reports (居民消费价格涨幅3%左右 of 2021 and of 2024).
    uint32_t status = 0;
    while (status < target_statuses_.size() && target_statuses_[status] != t.attributes.status) ++status;
    if (status == target_statuses_.size()) target_statuses_.push_back(t.attributes.status);
    // The phrase's nodes are few (a status and year each): a walk along them finds the one.
    const uint32_t phrase_id = pool_.Intern(t.phrase);
    auto phrase = target_phrases_.try_emplace(phrase_id, -1).first;
    int32_t known = phrase->second;
    while (known >= 0 && !(nodes_[known].year == t.year && nodes_[known].target_status == status &&
                           nodes_[known].scope_size == t.scope_size)) {
      known = nodes_[known].next_target;
    }
    const TargetAttributes& stated = t.attributes;
    if (known >= 0) {
      PendingNode& node = nodes_[known];
      PendingTargetAttributes& attributes = target_attributes_[node.target_attributes];
      if (attributes.comparator == 0) attributes.comparator = pool_.Intern(stated.comparator);
      if (attributes.qualifier == 0) attributes.qualifier = pool_.Intern(stated.qualifier);
      node.mentions.push_back({mention_doc, t.start, t.end, target_rule});
      target_node[i] = known;
      continue;
    }
    PendingNode node;
    node.type = "Target"sv;
    node.year = t.year;
    node.target_status = status;
    node.scope_size = t.scope_size;
    node.next_target = phrase->second;
    const size_t scope_size = t.scope_size;
    node.names.push_back(pool_[phrase_id].substr(scope_size + 1));  // the name, after "<scope>:"
    node.target_attributes = static_cast<int32_t>(target_attributes_.size());
    target_attributes_.push_back(
        {.as_written = pool_.Intern(stated.as_written),
         .comparator = pool_.Intern(stated.comparator),
         .metric = pool_.Intern(stated.metric),
         .qualifier = pool_.Intern(stated.qualifier),
         .scope = pool_.Intern(std::string_view(t.phrase).substr(0, scope_size)),
         .status = pool_.Intern(stated.status),
         .unit = pool_.Intern(stated.unit),
         .value = stated.value});
    node.mentions.push_back({mention_doc, t.start, t.end, target_rule});
    target_node[i] = phrase->second = NewNode(std::move(node), -1);
  }
  auto node_of = [&](const Ref& ref) {
    switch (ref.kind) {
      case Ref::kRegion:
        return RegionNode(ref.index);
      case Ref::kEntity:
        return entity_node[ref.index];
      case Ref::kTarget:
        return target_node[ref.index];
    }
    return -1;
  };
  // Consecutive facts mostly share a relation and a rule: each is looked up once per run.
  std::string_view last_relation, last_rule;
  uint32_t relation = 0, rule = 0;
  for (const auto& r : doc.relations) {
    int32_t source = node_of(r.source), target = node_of(r.target);
    int32_t via = r.via.index >= 0 ? node_of(r.via) : -1;
    if (r.relation != last_relation || last_relation.empty()) relation = RelationIndex(last_relation = r.relation);
    if (r.rule != last_rule || last_rule.empty()) rule = strings_.Intern(last_rule = r.rule);
    edges_.push_back({source, target, via, relation, {doc_id, r.start, r.end, rule, 0, strings_.Intern(r.text)}});
  }
}

// Gathers facts (source, target, relation, evidence); facts that repeat one another become one
// edge with all their evidence. Grouping is one sort, which also yields the canonical order.
// Evidence stays packed (graph::PackedEvidence: document, rule, source and text interned) through
// to the writer: a fact's graph::Evidence is 136 bytes and four strings, and holding a whole
// build's evidence so was the largest part of its peak memory.
class EdgeMerger {
 public:
  using Item = GraphBuilder::FinishedEdge;

  // Facts name their relation by index into `relations` and their evidence by index into
  // `strings`; TakeCanonical() moves `strings` into its result.
  EdgeMerger(const std::vector<std::string>& relations, GraphBuilder::StringTable& strings)
      : relations_(relations), strings_(strings) {}

  // Room for `more` facts besides those added (the pages are touched only as facts come).
  void ReserveMore(size_t more) {
    facts_.reserve(facts_.size() + more);
    evidence_.reserve(evidence_.size() + more);
  }

  // `relation`: an index into the relations; `via`: the name of the platform or mechanism the
  // fact works through, or empty.
  void Add(graph::Vertex source, graph::Vertex target, uint32_t relation,
           const graph::PackedEvidence& evidence, std::string via = {}) {
    uint32_t via_index = UINT32_MAX;
    if (!via.empty()) {
      via_index = static_cast<uint32_t>(vias_.size());
      vias_.push_back(std::move(via));
    }
    facts_.push_back({static_cast<uint32_t>(source), static_cast<uint32_t>(target), relation,
                      static_cast<uint32_t>(evidence_.size()), via_index});
    evidence_.push_back(evidence);
  }
  // Add() with evidence given as strings.
  void Add(graph::Vertex source, graph::Vertex target, uint32_t relation, const graph::Evidence& evidence) {
    Add(source, target, relation,
        {strings_.Intern(evidence.doc), evidence.start, evidence.end, strings_.Intern(evidence.rule),
         strings_.Intern(evidence.source), strings_.Intern(evidence.text)});
  }

  // The edges as KnowledgeGraph::Canonicalize() leaves them when vertex order is id order: sorted
  // by (source, relation, target), evidence sorted (as graph::Evidence sorts) and unique, weight
  // its count.
  GraphBuilder::FinishedEdges TakeCanonical(int threads) {
    std::vector<uint32_t> rank(relations_.size());  // relation id → position in name order
    for (uint32_t a = 0; a < relations_.size(); ++a) {
      for (uint32_t b = 0; b < relations_.size(); ++b) rank[a] += relations_[b] < relations_[a];
    }
    for (Fact& f : facts_) f.relation = rank[f.relation];
    GraphBuilder::FinishedEdges out;
    std::vector<std::string>& by_rank = out.relations;
    by_rank.resize(relations_.size());
    for (uint32_t id = 0; id < relations_.size(); ++id) by_rank[rank[id]] = relations_[id];
    std::sort(facts_.begin(), facts_.end(), [](const Fact& a, const Fact& b) {
      return std::tie(a.source, a.relation, a.target, a.evidence) <
             std::tie(b.source, b.relation, b.target, b.evidence);
    });
    std::vector<Item>& items = out.edges;
    // One edge per run of facts with equal ends and relation: counted first, so that the edges
    // are made in place rather than moved as the list grows. Its evidence is the run's, which
    // evidence_ holds in the same places once put in the facts' order (below).
    size_t runs = facts_.empty() ? 0 : 1;
    for (size_t i = 1; i < facts_.size(); ++i) {
      runs += facts_[i].source != facts_[i - 1].source || facts_[i].relation != facts_[i - 1].relation ||
              facts_[i].target != facts_[i - 1].target;
    }
    items.reserve(runs);
    for (size_t i = 0; i < facts_.size();) {
      const Fact& f = facts_[i];
      Item item{.source = f.source, .target = f.target, .relation = f.relation};
      item.evidence_begin = static_cast<uint32_t>(i);
      std::vector<std::string> via;
      for (; i < facts_.size() && facts_[i].source == f.source &&
             facts_[i].relation == f.relation && facts_[i].target == f.target;
           ++i) {
        if (facts_[i].via != UINT32_MAX) via.push_back(vias_[facts_[i].via]);
      }
      item.evidence_end = static_cast<uint32_t>(i);
      if (!via.empty()) {  // the names, sorted and unique, joined by 、
        std::sort(via.begin(), via.end());
        via.erase(std::unique(via.begin(), via.end()), via.end());
        std::string joined;
        for (const auto& name : via) joined += (joined.empty() ? "" : "、") + name;
        item.attributes = static_cast<uint32_t>(out.attributes.size());
        out.attributes.emplace_back().emplace("via", std::move(joined));
      }
      items.push_back(std::move(item));
    }
    vias_ = {};
    // Each fact's evidence moves to the fact's place in the sorted list, in place: one cycle of the
    // permutation at a time, a fact whose place is filled marked kPlaced (a second list of evidence
    // was the largest part of this step's memory).
    constexpr uint32_t kPlaced = UINT32_MAX;
    for (size_t start = 0; start < facts_.size(); ++start) {
      if (facts_[start].evidence == kPlaced) continue;
      const graph::PackedEvidence first = evidence_[start];
      for (size_t at = start;;) {
        const uint32_t from = facts_[at].evidence;
        facts_[at].evidence = kPlaced;
        if (from == start) {
          evidence_[at] = first;
          break;
        }
        evidence_[at] = evidence_[from];
        at = from;
      }
    }
    facts_ = {};
    out.evidence = std::move(evidence_);
    // Interned strings compare as their ranks in byte order, which is how std::string compares.
    const std::vector<std::string>& strings = strings_.strings;
    std::vector<uint32_t> order(strings.size());
    for (uint32_t k = 0; k < order.size(); ++k) order[k] = k;
    std::sort(order.begin(), order.end(),
              [&](uint32_t a, uint32_t b) { return strings[a] < strings[b]; });
    std::vector<uint32_t> string_rank(strings.size());
    for (uint32_t r = 0; r < order.size(); ++r) string_rank[order[r]] = r;
    auto key = [&](const graph::PackedEvidence& e) {
      return std::make_tuple(string_rank[e.doc], e.start, e.end, string_rank[e.rule],
                             string_rank[e.source], string_rank[e.text]);
    };
    auto same = [](const graph::PackedEvidence& a, const graph::PackedEvidence& b) {
      return a.doc == b.doc && a.start == b.start && a.end == b.end && a.rule == b.rule &&
             a.source == b.source && a.text == b.text;
    };
    // Each edge's run sorted and made unique in place (in parallel); the runs then close ranks.
    std::vector<uint32_t> kept(items.size());
    ParallelFor(items.size(), threads, [&](size_t i) {
      graph::PackedEvidence* begin = out.evidence.data() + items[i].evidence_begin;
      graph::PackedEvidence* end = out.evidence.data() + items[i].evidence_end;
      std::sort(begin, end, [&](const auto& a, const auto& b) { return key(a) < key(b); });
      kept[i] = static_cast<uint32_t>(std::unique(begin, end, same) - begin);
      items[i].weight = std::max<double>(1.0, static_cast<double>(kept[i]));
    });
    uint32_t write = 0;
    for (size_t i = 0; i < items.size(); ++i) {
      const uint32_t read = items[i].evidence_begin;
      if (write != read) {
        std::copy(out.evidence.begin() + read, out.evidence.begin() + read + kept[i],
                  out.evidence.begin() + write);
      }
      items[i].evidence_begin = write;
      items[i].evidence_end = write += kept[i];
    }
    out.evidence.resize(write);
    out.strings = std::move(strings_.strings);
    strings_ = {};
    return out;
  }

 private:
  struct Fact {  // 20 bytes
    uint32_t source, target;  // vertices
    uint32_t relation;  // index into relations_ (a rank once sorted)
    uint32_t evidence;  // index into evidence_
    uint32_t via;       // index into vias_, or UINT32_MAX
  };
  const std::vector<std::string>& relations_;
  GraphBuilder::StringTable& strings_;  // documents, rules, sources and texts, each once
  std::vector<std::string> vias_;
  std::vector<Fact> facts_;
  std::vector<graph::PackedEvidence> evidence_;
};

void GraphBuilder::AddGazetteerPartOf(EdgeMerger& edges) {
  // For every region in the graph, link it to its nearest ancestors that are in the graph too.
  std::unordered_map<int32_t, graph::Vertex> present;
  for (size_t n = 0; n < nodes_.size(); ++n) {
    if (nodes_[n].parent < 0 && node_region_[n] >= 0)
      present.emplace(node_region_[n], vertex_of_[n]);
  }
  std::vector<std::pair<int32_t, graph::Vertex>> ordered(present.begin(), present.end());
  std::sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [region, vertex] : ordered) {
    std::vector<int32_t> frontier = lex_.RegionParents(region);
    std::set<int32_t> seen;
    std::vector<int32_t> nearest;  // present ancestors with no present region between
    while (!frontier.empty()) {
      int32_t p = frontier.back();
      frontier.pop_back();
      if (p < 0 || !seen.insert(p).second) continue;
      if (present.count(p) == 0) {
        for (int32_t q : lex_.RegionParents(p)) frontier.push_back(q);
        continue;
      }
      nearest.push_back(p);
    }
    // An ancestor above another one that is an administrative division is implied by it (衢州 →
    // 浙江 → 中国: no 衢州 → 中国 through 杭州都市圈). Above a group it keeps its own edge (合肥 →
    // 安徽 beside 合肥 → 合肥都市圈 → 安徽), as a reader expects to find a city in its province.
    const auto& level = lex_.region(region).level;
    const bool group = lex_.gazetteer.tier(region) == lexicon::RegionGazetteer::kGroup &&
                       level != "city"sv && level != "town"sv;
    const std::vector<int32_t>& parents = lex_.RegionParents(region);
    for (int32_t p : nearest) {
      // A group's own tie to its country (长三角 ⊂ 中国) is drawn in graphs of the country's own
      // reports, where the regional strategies are parts of the issuer's plan; a provincial report
      // that names the country in passing (中国（四川）自由贸易试验区) does not get it.
      if (group && lex_.region(p).level == "country"sv && issuers_.count(p) == 0 &&
          std::find(parents.begin(), parents.end(), p) != parents.end()) {
        continue;
      }
      bool implied = false;
      for (int32_t q : nearest) {
        implied = implied || (q != p && lex_.gazetteer.tier(q) != lexicon::RegionGazetteer::kGroup &&
                              lex_.IsWithin(q, p));
      }
      if (implied) continue;
      auto it = present.find(p);
      const auto& child = lex_.region(region);
      edges.Add(vertex, it->second, RelationIndex("part_of"),
                graph::Evidence{.rule = "gazetteer.part_of",
                 .source = "gazetteer:schema@" + lex_.schema().fingerprint,
                 .text = fmt::format("{} ⊂ {}", child.full_name, lex_.region(p).name)});
    }
  }
}

void GraphBuilder::AddBracketBranches(EdgeMerger& edges) {
  // 西部(重庆)科学城 is a branch of 西部科学城 when both are in the graph. (Edges are put in order
  // later, so the map's order does not matter; the first node with a name key keeps it.)
  std::unordered_map<std::string, graph::Vertex> by_name;  // "<type>\x1f<name key>"
  for (size_t n = 0; n < nodes_.size(); ++n) {
    if (nodes_[n].parent >= 0 || nodes_[n].type == "Region"sv || nodes_[n].type == "Target"sv) continue;
    for (const auto& name : nodes_[n].names)
      by_name.emplace(std::string(nodes_[n].type) + '\x1f' + text::NameKey(name), vertex_of_[n]);
  }
  for (const auto& [type_and_key, vertex] : by_name) {
    if (type_and_key.find('(') == std::string::npos) continue;  // never inside a multi-byte sequence
    const size_t split = type_and_key.find('\x1f');
    const std::string_view type(type_and_key.data(), split), name_key = std::string_view(type_and_key).substr(split + 1);
    std::u32string name = DecodeUtf8Lenient(name_key);
    size_t open = name.find(U'('), close = name.find(U')');
    if (open == std::u32string::npos || close == std::u32string::npos || close < open || open == 0)
      continue;
    std::u32string whole = name.substr(0, open) + name.substr(close + 1);
    auto it = by_name.find(std::string(type) + '\x1f' + Utf8(whole));
    if (it == by_name.end() || it->second == vertex) continue;
    if (!lex_.schema().Allows("part_of", type, type)) continue;
    edges.Add(vertex, it->second, RelationIndex("part_of"),
              graph::Evidence{.rule = "part_of.bracket_branch",
               .source = "name",
               .text = fmt::format("{} ⊂ {}", name_key, Utf8(whole))});
  }
}

std::string_view GraphBuilder::CanonicalName(const PendingNode& p) {
  // The longest name seen in text (the fullest form); between names as long, the smallest (in UTF-8
  // byte order), so that the id never depends on input order (天津滨海-中关村科技园 in one report and
  // 天津滨海—中关村科技园 in another are one node, merged by a name_variants form). Regions keep their
  // gazetteer name.
  size_t best = 0;
  if (p.type != "Region"sv) {
    for (size_t i = 1; i < p.names.size(); ++i) {
      const size_t length = CodePointCount(p.names[i]), best_length = CodePointCount(p.names[best]);
      if (length > best_length || (length == best_length && p.names[i] < p.names[best])) best = i;
    }
  }
  return p.names[best];
}

std::string GraphBuilder::NodeId(const PendingNode& p) const {
  std::string name;
  if (p.type == "Target"sv)
    name.append(pool_[target_attributes_[p.target_attributes].scope]).append(1, ':');
  name.append(CanonicalName(p));
  if (p.id_suffix & PendingNode::kIdSaysYear)
    name += p.year > 0 ? "@" + std::to_string(p.year) : std::string("@undated");
  if (p.id_suffix & PendingNode::kIdSaysPlanned) name += "@planned";
  return graph::MakeNodeId(p.type, name);
}

void GraphBuilder::MakeNode(const PendingNode& p, std::string id, bool apart,
                            graph::Node& node) const {
  node.type = p.type;
  node.name = CanonicalName(p);
  node.id = std::move(id);
  for (const auto& nm : p.names) {
    if (nm != node.name) node.aliases.emplace_back(nm);
  }
  if (p.extras) {
    const NodeExtras& extras = *p.extras;
    for (const auto& a : extras.aliases) {
      if (a != node.name) node.aliases.emplace_back(a);
    }
    node.attributes = extras.attributes;
    if (!extras.merge_rules.empty()) {
      std::set<std::string_view> rules(extras.merge_rules.begin(), extras.merge_rules.end());
      std::string joined;
      for (const auto& r : rules) joined.append(joined.empty() ? "" : ",").append(r);
      node.attributes["merged_by"] = joined;
    }
  }
  if (p.target_attributes >= 0 && !apart)
    AddTargetAttributes(target_attributes_[p.target_attributes], node.attributes);
  node.mentions.reserve(p.mentions.size());
  for (const PendingMention& m : p.mentions)
    node.mentions.push_back(
        {std::string(pool_[m.doc]), m.start, m.end, std::string(pool_[m.rule])});
  SortUnique(node.aliases);
  SortUniqueMentions(node.mentions);
}

const std::vector<std::string>& GraphBuilder::FinishNodeIds(int threads) {
  // Fold merged nodes into their representatives.
  for (size_t n = 0; n < nodes_.size(); ++n) {
    int32_t root = Find(static_cast<int32_t>(n));
    if (root == static_cast<int32_t>(n)) continue;
    PendingNode& into = nodes_[root];
    PendingNode& from = nodes_[n];
    auto append = [](auto& to, auto& items) {
      to.insert(to.end(), std::make_move_iterator(items.begin()), std::make_move_iterator(items.end()));
      items.clear();
    };
    append(into.names, from.names);
    append(into.mentions, from.mentions);
    if (from.extras) {
      NodeExtras& to = ExtrasOf(into);
      append(to.aliases, from.extras->aliases);
      append(to.merge_rules, from.extras->merge_rules);
      for (auto& [k, v] : from.extras->attributes) to.attributes.try_emplace(k, std::move(v));
      for (const auto& vote : from.extras->type_votes) AddTypeVote(to.type_votes, vote);
      from.extras.reset();
    }
  }
  // A node whose names were read as several types takes the type most of its mentions give (on a
  // tie, the type first mentioned in the order of documents by content, so that neither the type nor
  // the id depends on input order; in one document the first seen): 一带一路 typed a Project once by
  // 项目 after it and an Initiative four times is an Initiative.
  for (size_t n = 0; n < nodes_.size(); ++n) {
    PendingNode& p = nodes_[n];
    if (p.parent >= 0 || !p.extras || p.extras->type_votes.size() < 2) continue;
    const auto& votes = p.extras->type_votes;
    const auto most = std::min_element(votes.begin(), votes.end(), [](const auto& a, const auto& b) {
      if (a.count != b.count) return a.count > b.count;
      return std::tie(a.first_document, a.first_index) < std::tie(b.first_document, b.first_index);
    });
    if (most->type != p.type) {
      p.type = most->type;
      AddOnce(p.extras->merge_rules, pool_.View("merge.type_vote"));
    }
  }
  // A phrase a scope states in reports of several years is one Target a year: each id says its
  // year (Target:中国:居民消费价格涨幅3%左右@2023; @undated for a report of no known year). A phrase
  // one year's reports state both as done and as promised is two Targets: the promise's id says so
  // (Target:重庆:15件市级重点民生实事@planned). Whatever the order the statements came in.
  {
    std::vector<uint8_t> planned(target_statuses_.size());  // status → its bit: 2 promised, 1 done
    for (size_t k = 0; k < target_statuses_.size(); ++k) planned[k] = target_statuses_[k] == "planned"sv ? 2 : 1;
    std::vector<int32_t> members;                 // one phrase's Targets
    std::vector<std::pair<int, uint8_t>> years;   // the years stating it, with their status bits
    for (const auto& [phrase, last] : target_phrases_) {  // (any order: phrases are independent)
      members.clear();
      years.clear();
      for (int32_t n = last; n >= 0; n = nodes_[n].next_target) {
        const PendingNode& p = nodes_[n];
        if (p.parent >= 0 || p.type != "Target"sv) continue;
        members.push_back(n);
        auto seen = std::find_if(years.begin(), years.end(), [&](const auto& y) { return y.first == p.year; });
        if (seen == years.end()) seen = years.insert(years.end(), {p.year, 0});
        seen->second |= planned[p.target_status];
      }
      for (int32_t n : members) {
        PendingNode& p = nodes_[n];
        if (years.size() > 1) p.id_suffix |= PendingNode::kIdSaysYear;
        const uint8_t bits = std::find_if(years.begin(), years.end(), [&](const auto& y) { return y.first == p.year; })->second;
        if (planned[p.target_status] == 2 && bits == 3) p.id_suffix |= PendingNode::kIdSaysPlanned;
      }
    }
  }
  // Nodes in id order, the graph's canonical order: the representatives' ids first (in parallel),
  // sorted. A node whose id another took first (a target written twice with one scope) merges into
  // it as AddOrMergeNode would (MakeVertex).
  std::vector<std::string> ids(nodes_.size());
  ParallelFor(nodes_.size(), threads, [&](size_t n) {
    if (nodes_[n].parent < 0) ids[n] = NodeId(nodes_[n]);
  });
  std::vector<uint32_t>& order = vertex_members_;
  order.clear();
  for (size_t n = 0; n < nodes_.size(); ++n) {
    if (nodes_[n].parent < 0) order.push_back(static_cast<uint32_t>(n));
  }
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    int c = ids[a].compare(ids[b]);
    return c != 0 ? c < 0 : a < b;
  });
  std::vector<uint32_t>& first = vertex_first_;
  first.clear();
  vertex_ids_.clear();
  vertex_ids_.reserve(order.size());
  vertex_of_.assign(nodes_.size(), 0);
  for (size_t k = 0; k < order.size(); ++k) {
    if (k == 0 || ids[order[k]] != ids[order[k - 1]]) {
      first.push_back(static_cast<uint32_t>(k));
      vertex_ids_.push_back(std::move(ids[order[k]]));
    }
    vertex_of_[order[k]] = first.size() - 1;
  }
  first.push_back(static_cast<uint32_t>(order.size()));
  ids = {};
  for (size_t n = 0; n < nodes_.size(); ++n)
    vertex_of_[n] = vertex_of_[Find(static_cast<int32_t>(n))];
  return vertex_ids_;
}

void GraphBuilder::MakeVertex(size_t v, std::string id, graph::Node& node,
                              std::vector<graph::AttrRef>* target_attributes) const {
  const bool apart = target_attributes != nullptr;
  const uint32_t* members = vertex_members_.data();
  const PendingNode& head = nodes_[members[vertex_first_[v]]];
  const size_t count = vertex_first_[v + 1] - vertex_first_[v];
  MakeNode(head, count == 1 ? std::move(id) : id, apart, node);
  if (count == 1) {
    if (apart && head.target_attributes >= 0)
      AppendTargetAttributes(target_attributes_[head.target_attributes], *target_attributes);
    return;
  }
  PendingTargetAttributes head_attributes;
  if (head.target_attributes >= 0) head_attributes = target_attributes_[head.target_attributes];
  for (size_t k = vertex_first_[v] + 1; k < vertex_first_[v + 1]; ++k) {
    const PendingNode& p = nodes_[members[k]];
    graph::Node other;
    MakeNode(p, id, apart, other);
    graph::MergeNodeInto(node, std::move(other));
    // What the map's merge would have added of a Target's attributes kept apart.
    if (apart && p.target_attributes >= 0) {
      if (head.target_attributes >= 0) {
        head_attributes.Merge(target_attributes_[p.target_attributes]);
      } else {
        AddTargetAttributes(target_attributes_[p.target_attributes], node.attributes);
      }
    }
  }
  SortUnique(node.aliases);
  SortUnique(node.mentions);
  if (apart && head.target_attributes >= 0)
    AppendTargetAttributes(head_attributes, *target_attributes);
}

void GraphBuilder::MakeFinishedNode(size_t v, graph::Node& node,
                                    std::vector<graph::AttrRef>& target_attributes) const {
  MakeVertex(v, vertex_ids_[v], node, &target_attributes);
}

std::vector<graph::Node> GraphBuilder::FinishNodes(int threads) {
  FinishNodeIds(threads);
  std::vector<graph::Node> nodes(vertex_ids_.size());
  ParallelFor(nodes.size(), threads,
              [&](size_t v) { MakeVertex(v, std::move(vertex_ids_[v]), nodes[v], nullptr); });
  vertex_ids_ = {};
  return nodes;
}

GraphBuilder::FinishedEdges GraphBuilder::FinishEdges(int threads) {
  // Reads the pending nodes only (their types and names are those of the finished nodes).
  EdgeMerger edges(relations_, strings_);
  // The part_of facts of the gazetteer and of bracketed names (a few), then room for those of the
  // documents. (The order facts come in changes nothing: TakeCanonical() sorts them.)
  AddGazetteerPartOf(edges);
  AddBracketBranches(edges);
  edges.ReserveMore(edges_.size());
  for (; !edges_.empty(); edges_.pop_front()) {  // each pending edge freed once merged
    PendingEdge& e = edges_.front();
    graph::Vertex s = vertex_of_[e.source], t = vertex_of_[e.target];
    if (s == t) continue;
    const PendingNode& source = nodes_[Find(e.source)];
    const PendingNode& target = nodes_[Find(e.target)];
    const std::string& relation = relations_[e.relation];
    if (!lex_.schema().Allows(relation, source.type, target.type)) {
      ++dropped_relations_;
      spdlog::debug("schema drops {} {} -> {} ({})", relation, CanonicalName(source),
                    CanonicalName(target), strings_.strings[e.evidence.rule]);
      continue;
    }
    // Symmetric relations are stored once, from the smaller id (vertex order is id order).
    const auto* rel = lex_.schema().FindRelationType(relation);
    if (rel && rel->symmetric && t < s) std::swap(s, t);
    std::string via = e.via >= 0 ? std::string(CanonicalName(nodes_[Find(e.via)])) : std::string();
    edges.Add(s, t, e.relation, e.evidence, std::move(via));
  }
  return edges.TakeCanonical(threads);
}

graph::KnowledgeGraph GraphBuilder::Finish(int threads) {
  std::vector<graph::Node> nodes = FinishNodes(threads);
  // The nodes go into the graph on another thread while the edges are resolved on this one.
  graph::KnowledgeGraph graph;
  auto add_nodes = [&graph, &nodes] {
    for (auto& node : nodes) graph.AddOrMergeNode(std::move(node));
  };
  std::thread node_adder;
  if (threads > 1) {
    node_adder = std::thread(add_nodes);
  } else {
    add_nodes();
  }
  FinishedEdges edges = FinishEdges(threads);
  if (node_adder.joinable()) node_adder.join();
  graph::DocumentTexts texts(documents_);
  for (auto& e : edges.edges) {
    graph::Edge edge{.relation = edges.relations[e.relation], .weight = e.weight};
    if (e.attributes != FinishedEdge::kNoAttributes) edge.attributes = std::move(edges.attributes[e.attributes]);
    const graph::EvidenceList evidence = edges.EvidenceOf(e);
    edge.evidence.reserve(evidence.size());
    for (size_t i = 0; i < evidence.size(); ++i) {
      graph::Evidence ev = evidence[i].ToEvidence();
      if (ev.text.empty() && !ev.doc.empty()) ev.text = texts.Span(ev.doc, ev.start, ev.end);
      edge.evidence.push_back(std::move(ev));
    }
    graph.AddEdgeUnchecked(e.source, e.target, std::move(edge));
  }
  graph.documents = std::move(documents_);
  return graph;
}

}  // namespace policykg::extract
