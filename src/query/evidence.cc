#include "query/evidence.h"

#include <algorithm>
#include <iterator>
#include <map>

#include "common/utf8.h"
#include "text/layout.h"

namespace policykg::query {

namespace {

using graph::Vertex;

constexpr std::string_view kHighlightOn = "\x1b[1;31m";
constexpr std::string_view kHighlightOff = "\x1b[0m";

bool IsBlank(char32_t cp) { return cp == U' ' || cp == U'\t' || cp == U'\r' || cp == 0x3000; }

// Decodes each document's text once per query.
class DocumentTexts {
 public:
  const std::u32string* Get(const graph::Document* document) {
    if (!document || document->text.empty()) return nullptr;
    auto [it, inserted] = cache_.try_emplace(document->id);
    if (inserted) it->second = DecodeUtf8Lenient(document->text);
    return &it->second;
  }

 private:
  std::map<std::string, std::u32string> cache_;
};

// Sorts and merges overlapping code point ranges, then converts them to byte ranges of `text`.
HighlightedText Highlight(std::u32string_view text, std::vector<std::pair<size_t, size_t>> ranges) {
  std::sort(ranges.begin(), ranges.end());
  std::vector<std::pair<size_t, size_t>> merged;
  for (auto [start, end] : ranges) {
    end = std::min(end, text.size());
    if (start >= end) continue;
    if (!merged.empty() && start <= merged.back().second) {
      merged.back().second = std::max(merged.back().second, end);
    } else {
      merged.emplace_back(start, end);
    }
  }
  HighlightedText out;
  size_t done = 0;
  for (auto [start, end] : merged) {
    out.text += EncodeUtf8(text.substr(done, start - done));
    size_t byte_start = out.text.size();
    out.text += EncodeUtf8(text.substr(start, end - start));
    out.highlights.emplace_back(byte_start, out.text.size());
    done = end;
  }
  out.text += EncodeUtf8(text.substr(done));
  return out;
}

// Code point ranges where any name or alias of `node` occurs literally in `text`.
void FindNames(std::u32string_view text, const graph::NodeRef& node,
               std::vector<std::pair<size_t, size_t>>& ranges) {
  std::vector<std::u32string> names{DecodeUtf8Lenient(node.name)};
  for (std::string_view alias : node.aliases) names.push_back(DecodeUtf8Lenient(alias));
  for (const auto& name : names) {
    if (name.empty()) continue;
    for (size_t pos = text.find(name); pos != std::u32string_view::npos;
         pos = text.find(name, pos + name.size())) {
      ranges.emplace_back(pos, pos + name.size());
    }
  }
}

}  // namespace

bool IsSentenceEnd(char32_t cp) {
  return cp == U'。' || cp == U'！' || cp == U'？' || cp == U'；' || cp == U'\n';
}

std::pair<uint32_t, uint32_t> SentenceAround(std::u32string_view text, uint32_t mention_start,
                                             uint32_t mention_end) {
  const auto size = static_cast<uint32_t>(text.size());
  mention_start = std::min(mention_start, size);
  mention_end = std::clamp(mention_end, mention_start, size);
  uint32_t start = mention_start;
  while (start > 0 && !IsSentenceEnd(text[start - 1])) --start;
  while (start < mention_start && IsBlank(text[start])) ++start;
  uint32_t end = mention_end;
  while (end < size && !IsSentenceEnd(text[end])) ++end;
  if (end < size && text[end] != U'\n') ++end;
  return {start, end};
}

bool DocIdLess(std::string_view a, std::string_view b) {
  // d<digits> without leading zeros: a shorter number is smaller.
  auto number = [](std::string_view id) -> std::string_view {
    if (id.size() < 2 || id[0] != 'd' || id[1] == '0') return {};
    for (char c : id.substr(1)) {
      if (c < '0' || c > '9') return {};
    }
    return id.substr(1);
  };
  const std::string_view x = number(a), y = number(b);
  if (x.empty() != y.empty()) return !x.empty();
  if (!x.empty() && x.size() != y.size()) return x.size() < y.size();
  return a < b;
}

std::string DocumentName::Label() const {
  std::string label = title;
  std::string details = issuer;
  if (year != 0) details += (details.empty() ? "" : ", ") + std::to_string(year);
  if (!details.empty()) label += " (" + details + ")";
  return label;
}

DocumentName NameDocument(const graph::Document& document) {
  DocumentName name;
  name.title = document.title;
  if (name.title.empty()) {
    const size_t slash = document.path.find_last_of('/');
    name.title = slash == std::string::npos ? document.path : document.path.substr(slash + 1);
  }
  const size_t colon = document.region.find(':');  // node ids are Type:Name
  name.issuer = colon == std::string::npos ? document.region : document.region.substr(colon + 1);
  // The year from the title, else the first lines of the text (4 KB hold them).
  const std::string_view head = std::string_view(document.text).substr(0, 4096);
  // The national report has no region: its speaker says whom he speaks for.
  if (name.issuer.empty() && (head.find("代表国务院") != std::string_view::npos ||
                              head.find("国务院总理") != std::string_view::npos)) {
    name.issuer = "国务院";
  }
  name.year = text::DetectReportYear(DecodeUtf8Lenient(document.title), DecodeUtf8Lenient(head));
  return name;
}

namespace {

// Names each document once per query.
class DocumentNames {
 public:
  DocumentName Get(const graph::Document* document) {
    if (!document) return {};
    auto [it, inserted] = cache_.try_emplace(document->id);
    if (inserted) it->second = NameDocument(*document);
    return it->second;
  }

 private:
  std::map<std::string, DocumentName> cache_;
};

}  // namespace

bool RuleInFamilies(std::string_view rule, const std::vector<std::string>& families) {
  if (families.empty()) return true;
  return std::any_of(families.begin(), families.end(), [&](const std::string& family) {
    return rule.starts_with(family) && (rule.size() == family.size() || rule[family.size()] == '.');
  });
}

std::vector<MentionEvidence> EntityEvidence(const graph::GraphView& graph, Vertex v) {
  DocumentTexts texts;
  DocumentNames names;
  std::vector<MentionEvidence> out;
  for (const graph::MentionRef ref : graph.node(v).mentions) {
    MentionEvidence item;
    item.mention = ref.ToMention();
    const graph::Mention& mention = item.mention;
    item.document = graph.FindDocument(mention.doc);
    item.document_name = names.Get(item.document);
    if (const std::u32string* text = texts.Get(item.document)) {
      item.has_text = true;
      auto [start, end] = SentenceAround(*text, mention.start, mention.end);
      item.sentence_start = start;
      item.sentence_end = end;
      std::u32string_view sentence = std::u32string_view(*text).substr(start, end - start);
      const uint32_t m_start = std::clamp(mention.start, start, end);
      const uint32_t m_end = std::clamp(mention.end, m_start, end);
      item.mention_text = EncodeUtf8(sentence.substr(m_start - start, m_end - m_start));
      item.sentence = Highlight(sentence, {{m_start - start, m_end - start}});
    }
    out.push_back(std::move(item));
  }
  std::stable_sort(out.begin(), out.end(), [](const MentionEvidence& x, const MentionEvidence& y) {
    if (x.mention.doc != y.mention.doc) return DocIdLess(x.mention.doc, y.mention.doc);
    return std::pair(x.mention.start, x.mention.end) < std::pair(y.mention.start, y.mention.end);
  });
  return out;
}

std::vector<EdgeEvidenceItem> LinkEvidence(const GraphIndex& index, Vertex a, Vertex b,
                                           const Link& link) {
  const graph::GraphView& graph = index.graph();
  DocumentTexts texts;
  DocumentNames names;
  std::vector<EdgeEvidenceItem> out;
  for (const graph::EvidenceRef ref : graph.edge(link.edge).evidence) {
    EdgeEvidenceItem item;
    item.link = link;
    item.evidence = ref.ToEvidence();
    const graph::Evidence& evidence = item.evidence;
    item.document = evidence.doc.empty() ? nullptr : graph.FindDocument(evidence.doc);
    item.document_name = names.Get(item.document);
    // The evidence sentence: its own text, else the span of the document.
    std::u32string sentence = DecodeUtf8Lenient(evidence.text);
    const std::u32string* doc_text = texts.Get(item.document);
    if (sentence.empty() && doc_text && evidence.start <= evidence.end &&
        evidence.end <= doc_text->size()) {
      sentence = doc_text->substr(evidence.start, evidence.end - evidence.start);
    }
    // Each end's mentions inside the span (when the text is that span), else its literal names.
    std::vector<std::pair<size_t, size_t>> ranges;
    const bool text_is_span = !evidence.doc.empty() && evidence.end >= evidence.start &&
                              sentence.size() == evidence.end - evidence.start;
    for (Vertex v : {a, b}) {
      const size_t before = ranges.size();
      for (const graph::MentionRef m : graph.node(v).mentions) {
        if (text_is_span && m.doc == evidence.doc && m.start >= evidence.start &&
            m.end <= evidence.end) {
          ranges.emplace_back(m.start - evidence.start, m.end - evidence.start);
        }
      }
      if (ranges.size() == before) FindNames(sentence, graph.node(v), ranges);
    }
    item.text = Highlight(sentence, std::move(ranges));
    out.push_back(std::move(item));
  }
  std::stable_sort(out.begin(), out.end(), [](const EdgeEvidenceItem& x, const EdgeEvidenceItem& y) {
    const std::string& p = x.evidence.doc;
    const std::string& q = y.evidence.doc;
    if (p.empty() || q.empty()) return !p.empty() && q.empty();  // facts last
    if (p != q) return DocIdLess(p, q);
    return std::pair(x.evidence.start, x.evidence.end) < std::pair(y.evidence.start, y.evidence.end);
  });
  return out;
}

std::vector<EdgeEvidenceItem> EdgeEvidence(const GraphIndex& index, Vertex a, Vertex b,
                                           const std::vector<std::string>& relations) {
  std::vector<EdgeEvidenceItem> out;
  for (const Link& link : LinksBetween(index, a, b, relations)) {
    auto items = LinkEvidence(index, a, b, link);
    std::move(items.begin(), items.end(), std::back_inserter(out));
  }
  return out;
}

std::string DescribeFactSource(const graph::Evidence& evidence) {
  std::string_view source = evidence.source;
  constexpr std::string_view kPrefix = "gazetteer:";
  if (source.substr(0, kPrefix.size()) == kPrefix) source.remove_prefix(kPrefix.size());
  if (source.empty()) source = evidence.rule;
  return "from gazetteer: " + std::string(source);
}

std::string RenderHighlighted(const HighlightedText& text, bool color) {
  if (!color || text.highlights.empty()) return text.text;
  std::string out;
  size_t done = 0;
  for (auto [start, end] : text.highlights) {
    out.append(text.text, done, start - done);
    out += kHighlightOn;
    out.append(text.text, start, end - start);
    out += kHighlightOff;
    done = end;
  }
  out.append(text.text, done);
  return out;
}

}  // namespace policykg::query
