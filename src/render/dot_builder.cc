#include "render/dot_builder.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <set>

#include "common/utf8.h"
#include "export/escape.h"
#include "render/sentences.h"

namespace policykg::render {

namespace {

using exports::DotId;
using exports::DotLabel;
using exports::DotQuoted;
using exports::DotQuotedRaw;
using exports::DotQuotedTooltip;
using exports::XmlAttribute;
using exports::XmlText;
using graph::EdgeDescriptor;
using graph::KnowledgeGraph;
using graph::Vertex;

constexpr size_t kTooltipSentenceLength = 160;
constexpr size_t kTooltipEvidenceItems = 3;

const schema::Style kDefaultNodeStyle = {
    {"shape", "box"}, {"fillcolor", "#ffffff"}, {"color", "#718096"}};
const schema::Style kDefaultEdgeStyle = {{"color", "#718096"}};
constexpr const char* kSharesColor = "#e53e3e";

// Line width of a collaboration link of `weight`.
double LinkWidth(size_t weight) { return std::min(9.0, 1.5 + 1.25 * (weight - 1)); }

bool IsAsciiWordChar(char32_t cp) {
  return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
         cp == '.' || cp == '%' || cp == '-';
}

bool IsClosingPunctuation(char32_t cp) {
  static constexpr std::u32string_view kClosing = U"，。、；：！？）》」』】〕,.;:!?)]}”’";
  return kClosing.find(cp) != std::u32string_view::npos;
}

bool IsOpeningPunctuation(char32_t cp) {
  static constexpr std::u32string_view kOpening = U"（《「『【〔([{“‘";
  return kOpening.find(cp) != std::u32string_view::npos;
}

// Display width in half-CJK units: ASCII 1, everything else 2.
size_t Units(char32_t cp) { return cp < 0x80 ? 1 : 2; }

size_t Units(std::u32string_view text) {
  size_t total = 0;
  for (char32_t cp : text) total += Units(cp);
  return total;
}

std::vector<std::u32string> WrapParagraph(std::u32string_view text, size_t width) {
  const size_t limit = 2 * width;
  const size_t total = Units(text);
  if (total <= limit + 4) return {std::u32string(text)};  // up to ~10 CJK stay on one line
  const size_t line_count = (total + limit - 1) / limit;
  const size_t target = (total + line_count - 1) / line_count;
  std::vector<std::u32string> lines;
  std::u32string current;
  size_t current_units = 0;
  for (char32_t cp : text) {
    const bool full = current_units >= target || current_units + Units(cp) > limit;
    if (!current.empty() && full && !IsClosingPunctuation(cp)) {
      size_t cut = current.size();
      if (IsAsciiWordChar(cp)) {
        while (cut > 0 && IsAsciiWordChar(current[cut - 1])) --cut;
        if (cut == 0) cut = current.size();
      }
      if (cut > 1 && IsOpeningPunctuation(current[cut - 1])) --cut;
      std::u32string carry = current.substr(cut);
      current.resize(cut);
      lines.push_back(std::move(current));
      current = std::move(carry);
      current_units = Units(current);
    }
    current.push_back(cp);
    current_units += Units(cp);
  }
  if (!current.empty()) lines.push_back(std::move(current));
  return lines;
}

const schema::Style& NodeStyle(const schema::Schema& schema, std::string_view type) {
  const auto* entity = schema.FindEntityType(type);
  return entity != nullptr ? entity->style : kDefaultNodeStyle;
}

const schema::Style& EdgeStyle(const schema::Schema& schema, std::string_view relation) {
  const auto* rel = schema.FindRelationType(relation);
  return rel != nullptr ? rel->style : kDefaultEdgeStyle;
}

std::string StyleValue(const schema::Style& style, const std::string& key, std::string fallback) {
  auto it = style.find(key);
  return it == style.end() ? fallback : it->second;
}

// "key=value, " for a DOT attribute list.
void AppendAttribute(std::string& out, std::string_view key, const std::string& quoted_value) {
  if (!out.empty()) out += ", ";
  out += DotId(key);
  out += '=';
  out += quoted_value;
}

void AppendStyle(std::string& out, const schema::Style& style) {
  for (const auto& [key, value] : style) AppendAttribute(out, key, DotQuoted(value));
}

std::string TypeLabel(const schema::Schema& schema, const std::string& type) {
  const auto* entity = schema.FindEntityType(type);
  if (entity == nullptr) return type;
  return entity->label_zh.empty() ? entity->label_en : entity->label_zh + " " + entity->label_en;
}

std::string RelationLabel(const schema::Schema& schema, const std::string& relation) {
  const auto* rel = schema.FindRelationType(relation);
  if (rel == nullptr) return relation;
  return rel->label_zh.empty() ? rel->label_en : rel->label_zh + " " + rel->label_en;
}

std::string RelationShortLabel(const schema::Schema& schema, const std::string& relation) {
  const auto* rel = schema.FindRelationType(relation);
  if (rel == nullptr || rel->label_zh.empty()) return relation;
  return rel->label_zh;
}

bool IsSymmetric(const schema::Schema& schema, const std::string& relation) {
  const auto* rel = schema.FindRelationType(relation);
  return rel != nullptr && rel->symmetric;
}

std::string Join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

std::vector<std::string_view> Split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    size_t end = text.find(separator, start);
    parts.push_back(text.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

std::string NodeTooltip(const schema::Schema& schema, const graph::Node& node,
                        SentenceLookup& sentences) {
  std::string tip = fmt::format("{}\n{}", node.name, TypeLabel(schema, node.type));
  if (!node.aliases.empty()) tip += "\n别名 aliases: " + Join(node.aliases, "、");
  for (const auto& mention : node.mentions) {
    std::string sentence = sentences.MentionSentence(mention);
    if (sentence.empty()) continue;
    tip += "\n“" + Truncate(sentence, kTooltipSentenceLength) + "”";
    break;
  }
  return tip;
}

std::string EdgeTooltip(const schema::Schema& schema, const KnowledgeGraph& graph,
                        EdgeDescriptor e) {
  const auto& g = graph.g();
  const graph::Edge& edge = g[e];
  std::string tip = fmt::format(
      "{} —{}{} {}", g[boost::source(e, g)].name, RelationShortLabel(schema, edge.relation),
      IsSymmetric(schema, edge.relation) ? "—" : "→", g[boost::target(e, g)].name);
  size_t shown = 0;
  for (const auto& evidence : edge.evidence) {
    if (shown == kTooltipEvidenceItems) break;
    std::string text = EvidenceText(evidence);
    if (text.empty()) continue;
    tip += "\n“" + Truncate(text, kTooltipSentenceLength) + "”";
    ++shown;
  }
  if (edge.evidence.size() > shown && shown > 0) {
    tip += fmt::format("\n(+{} more)", edge.evidence.size() - shown);
  }
  return tip;
}

std::string GraphAttributes(const DotOptions& options, size_t node_count) {
  std::string attrs;
  AppendAttribute(attrs, "charset", "\"UTF-8\"");
  AppendAttribute(attrs, "fontname", DotQuoted(kCjkFontName));
  AppendAttribute(attrs, "fontsize", "10");
  AppendAttribute(attrs, "bgcolor", "\"white\"");
  AppendAttribute(attrs, "pad", "0.3");
  AppendAttribute(attrs, "outputorder", "\"edgesfirst\"");
  if (!options.caption.empty()) {
    AppendAttribute(attrs, "label", DotLabel(options.caption));
    AppendAttribute(attrs, "labelloc", "\"b\"");
    AppendAttribute(attrs, "labeljust", "\"l\"");
    AppendAttribute(attrs, "fontcolor", "\"#4a5568\"");
  }
  const bool small = node_count <= kDotLayoutMaxNodes;
  if (options.layout != "dot" && options.layout != "circo") {
    // Separate components are packed around each other (polyomino packing), not in a line.
    AppendAttribute(attrs, "pack", "12");
    AppendAttribute(attrs, "packmode", "\"graph\"");
  }
  if (options.layout == "dot") {
    AppendAttribute(attrs, "nodesep", "0.3");
    AppendAttribute(attrs, "ranksep", "0.55");
    AppendAttribute(attrs, "newrank", "true");
  } else if (options.layout == "sfdp") {
    // Force layouts draw curved edges: Graphviz's spline router (splines=true, multispline.c) aborts
    // the process on some layouts (findMap: Assertion `ip' failed), which no caller can catch.
    AppendAttribute(attrs, "overlap", "\"prism\"");
    AppendAttribute(attrs, "splines", small ? "curved" : "false");
    AppendAttribute(attrs, "sep", options.network ? "\"+4\"" : "\"+6\"");
    if (options.network) {  // short edges: labels stay large against the drawing at fit
      AppendAttribute(attrs, "forcelabels", "true");
      AppendAttribute(attrs, "K", "0.6");
      AppendAttribute(attrs, "repulsiveforce", "1.5");
    }
  } else if (options.layout == "neato" || options.layout == "fdp") {
    AppendAttribute(attrs, "overlap", "false");
    if (options.network) AppendAttribute(attrs, "esep", "\"+2\"");
    AppendAttribute(attrs, "splines", small ? "curved" : "false");
    AppendAttribute(attrs, "sep", "\"+8\"");
  } else if (options.layout == "circo") {
    AppendAttribute(attrs, "mindist", "0.6");
  }
  if (options.format == "png") {
    AppendAttribute(attrs, "dpi", "110");
    AppendAttribute(attrs, "size", "\"80,80\"");  // inches: bounds the bitmap of huge graphs
  }
  return attrs;
}

// The arrowhead Graphviz draws for `style`, as a character: ▶ normal, ▷ empty, ○ odot, …
std::string ArrowGlyph(const schema::Style& style) {
  std::string head = StyleValue(style, "arrowhead", "normal");
  if (head == "none") return "";
  if (head == "empty" || head == "onormal") return "▷";
  if (head == "odot") return "○";
  if (head == "dot") return "●";
  if (head == "diamond") return "◆";
  if (head == "odiamond") return "◇";
  if (head == "box") return "■";
  if (head == "obox") return "□";
  if (head == "tee") return "┤";
  if (head == "vee" || head == "open") return "〉";
  return "▶";
}

std::string LegendGlyph(const schema::Style& style, bool symmetric) {
  std::string line_style = StyleValue(style, "style", "solid");
  std::string glyph;
  if (line_style.find("dotted") != std::string::npos) {
    glyph = "· · · · ·";
  } else if (line_style.find("dashed") != std::string::npos) {
    glyph = "– – – –";
  } else if (line_style.find("bold") != std::string::npos) {
    glyph = "━━━━";
  } else {
    glyph = "────";
  }
  const bool no_heads = symmetric || StyleValue(style, "dir", "forward") == "none";
  return no_heads ? glyph : glyph + ArrowGlyph(style);
}

std::string LegendLabel(const schema::Schema& schema, const std::vector<std::string>& types,
                        const std::vector<std::string>& relations, bool collaboration,
                        bool shares_shown) {
  std::string html =
      "<TABLE BORDER=\"1\" CELLBORDER=\"0\" CELLSPACING=\"1\" CELLPADDING=\"3\" "
      "COLOR=\"#a0aec0\" BGCOLOR=\"#ffffff\">"
      "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\"><B>图例 Legend</B></TD></TR>";
  for (const auto& type : types) {
    const schema::Style& style = NodeStyle(schema, type);
    html += fmt::format(
        "<TR><TD BORDER=\"1\" COLOR=\"{}\" BGCOLOR=\"{}\" WIDTH=\"30\" HEIGHT=\"14\" "
        "FIXEDSIZE=\"TRUE\"> </TD><TD ALIGN=\"LEFT\">{}</TD></TR>",
        XmlAttribute(StyleValue(style, "color", "black")),
        XmlAttribute(StyleValue(style, "fillcolor", "white")), XmlText(TypeLabel(schema, type)));
  }
  for (const auto& relation : relations) {
    const schema::Style& style = EdgeStyle(schema, relation);
    html += fmt::format(
        "<TR><TD ALIGN=\"CENTER\"><FONT COLOR=\"{}\">{}</FONT></TD><TD ALIGN=\"LEFT\">{}</TD></TR>",
        XmlAttribute(StyleValue(style, "color", "black")),
        XmlText(LegendGlyph(style, IsSymmetric(schema, relation))),
        XmlText(RelationLabel(schema, relation)));
  }
  if (shares_shown) {
    html += fmt::format(
        "<TR><TD ALIGN=\"CENTER\"><FONT COLOR=\"{}\">– – – –</FONT></TD><TD ALIGN=\"LEFT\">"
        "共享 shares (no direct cooperation)</TD></TR>",
        kSharesColor);
  }
  if (collaboration) {
    html +=
        "<TR><TD ALIGN=\"CENTER\"><FONT COLOR=\"#c53030\"><B>━ 3</B></FONT></TD>"
        "<TD ALIGN=\"LEFT\">线宽与数字 = 协作强度: 两地共享的<BR ALIGN=\"LEFT\"/>"
        "平台、规划、项目、行动数 (+1 直接合作)<BR ALIGN=\"LEFT\"/>"
        "width, number = weight: things shared<BR ALIGN=\"LEFT\"/>"
        "by the two regions, +1 if they cooperate<BR ALIGN=\"LEFT\"/></TD></TR>"
        "<TR><TD ALIGN=\"CENTER\"><B>14</B></TD>"
        "<TD ALIGN=\"LEFT\">地区协作分 = 合作伙伴数 + 参与事项数<BR ALIGN=\"LEFT\"/>"
        "score = partners + things involved in<BR ALIGN=\"LEFT\"/>"
        "(as query collaboration counts)<BR ALIGN=\"LEFT\"/></TD></TR>";
  }
  html += "</TABLE>";
  return "<" + html + ">";
}

// Orders names as the schema lists them; names the schema lacks come last, sorted.
template <typename Declared>
std::vector<std::string> InSchemaOrder(const std::set<std::string>& names,
                                       const std::vector<Declared>& declared) {
  std::vector<std::string> ordered;
  for (const auto& d : declared) {
    if (names.count(d.name)) ordered.push_back(d.name);
  }
  for (const auto& name : names) {
    if (std::find(ordered.begin(), ordered.end(), name) == ordered.end()) ordered.push_back(name);
  }
  return ordered;
}

bool IsGroupRegion(const graph::Node& node) {
  if (node.type != "Region") return false;
  auto it = node.attributes.find("level");
  return it != node.attributes.end() && graph::AttrToString(it->second) == "group";
}

}  // namespace

std::string WrapLabel(std::string_view name, size_t width) {
  std::u32string text = DecodeUtf8Lenient(name);
  std::vector<std::string> lines;
  size_t start = 0;
  while (true) {
    size_t newline = text.find(U'\n', start);
    size_t length = newline == std::u32string::npos ? std::u32string::npos : newline - start;
    for (const auto& line : WrapParagraph(std::u32string_view(text).substr(start, length), width)) {
      lines.push_back(EncodeUtf8(line));
    }
    if (newline == std::u32string::npos) break;
    start = newline + 1;
  }
  return Join(lines, "\n");
}

std::string SvgNodeId(std::string_view node_id) { return "n-" + exports::NameToken(node_id); }

std::string SvgEdgeId(std::string_view source_id, std::string_view relation,
                      std::string_view target_id) {
  return fmt::format("e-{}-{}-{}", exports::NameToken(source_id), exports::NameToken(relation),
                     exports::NameToken(target_id));
}

std::string TypeClass(std::string_view type) { return "type-" + exports::NameToken(type); }

std::string RelationClass(std::string_view relation) {
  return "rel-" + exports::NameToken(relation);
}

std::map<Vertex, std::vector<Vertex>> GroupClusters(const KnowledgeGraph& graph,
                                                    const GraphView& view) {
  const auto& g = graph.g();
  std::map<Vertex, std::vector<Vertex>> clusters;
  for (Vertex v : view.nodes) {
    if (g[v].type != "Region" || IsGroupRegion(g[v])) continue;
    std::optional<Vertex> group;
    for (auto [it, end] = boost::out_edges(v, g); it != end; ++it) {
      Vertex t = boost::target(*it, g);
      if (g[*it].relation != "part_of" || !IsGroupRegion(g[t])) continue;
      if (!group || g[t].id < g[*group].id) group = t;
    }
    if (group) clusters[*group].push_back(v);
  }
  return clusters;
}

std::string BuildDot(const KnowledgeGraph& graph, const schema::Schema& schema,
                     const GraphView& view, const DotOptions& options) {
  const auto& g = graph.g();
  SentenceLookup sentences(graph);
  auto node_id = [&](const std::string& id) {
    return DotQuotedRaw(options.ampersand_ids ? exports::AmpersandsAsEntities(id) : id);
  };
  std::string out = "digraph policykg {\n";
  out += "  graph [" + GraphAttributes(options, view.nodes.size()) + "];\n";
  std::string node_defaults, edge_defaults;
  AppendAttribute(node_defaults, "fontname", DotQuoted(kCjkFontName));
  AppendAttribute(node_defaults, "fontsize", options.network ? "13" : "11");
  AppendAttribute(node_defaults, "style", "\"filled\"");
  AppendAttribute(node_defaults, "fillcolor", "\"white\"");
  AppendAttribute(node_defaults, "margin", "\"0.10,0.05\"");
  AppendAttribute(edge_defaults, "fontname", DotQuoted(kCjkFontName));
  AppendAttribute(edge_defaults, "fontsize", "9");
  AppendAttribute(edge_defaults, "arrowsize", "0.7");
  out += "  node [" + node_defaults + "];\n";
  out += "  edge [" + edge_defaults + "];\n";

  // With clusters, a member's part_of edge to its group is shown by the box instead, and a
  // group Region left without edges is named by the box label alone.
  std::map<Vertex, std::vector<Vertex>> clusters;
  std::map<Vertex, Vertex> cluster_of;
  if (options.clusters) clusters = GroupClusters(graph, view);
  for (const auto& [group, members] : clusters) {
    for (Vertex m : members) cluster_of[m] = group;
  }
  auto drawn = [&](EdgeDescriptor e) {
    if (!options.clusters || g[e].relation != "part_of") return true;
    auto it = cluster_of.find(boost::source(e, g));
    return it == cluster_of.end() || it->second != boost::target(e, g);
  };
  std::set<Vertex> hidden;
  for (const auto& [group, members] : clusters) hidden.insert(group);
  for (EdgeDescriptor e : view.edges) {
    if (!drawn(e)) continue;
    hidden.erase(boost::source(e, g));
    hidden.erase(boost::target(e, g));
  }

  std::set<std::string> types_shown, relations_shown;
  for (Vertex v : view.nodes) {
    if (hidden.count(v)) continue;
    const graph::Node& node = g[v];
    types_shown.insert(node.type);
    std::string attrs;
    const size_t score = v < view.region_scores.size() ? view.region_scores[v] : 0;
    if (view.collaboration && score > 0) {
      // The region's collaboration score under its name; busier regions are set larger.
      std::string lines;
      const std::string wrapped = WrapLabel(node.name);  // Split's views point into it
      for (std::string_view line : Split(wrapped, '\n')) {
        lines += XmlText(line) + "<BR/>";
      }
      AppendAttribute(attrs, "label",
                      fmt::format("<{}<FONT POINT-SIZE=\"11\" COLOR=\"#2c5282\"><B>{}</B></FONT>>",
                                  lines, score));
      AppendAttribute(attrs, "fontsize",
                      fmt::format("{:.0f}", 13 + std::min(9.0, 2.0 * std::log2(1.0 + score))));
    } else {
      AppendAttribute(attrs, "label", DotLabel(WrapLabel(node.name)));
    }
    schema::Style style = NodeStyle(schema, node.type);
    if (std::find(view.focus.begin(), view.focus.end(), v) != view.focus.end()) {
      style["penwidth"] = "3";  // the focus stands out
    }
    AppendStyle(attrs, style);
    if (options.interactive) {
      AppendAttribute(attrs, "id", DotQuoted(SvgNodeId(node.id)));
      AppendAttribute(attrs, "class", DotQuoted(TypeClass(node.type)));
      AppendAttribute(attrs, "tooltip", DotQuotedTooltip(NodeTooltip(schema, node, sentences)));
    }
    if (options.data_attributes) {
      AppendAttribute(attrs, "name", DotQuotedRaw(node.name));
      AppendAttribute(attrs, "type", DotQuotedRaw(node.type));
      AppendAttribute(attrs, "aliases", DotQuotedRaw(exports::JsonStringArray(node.aliases, true)));
      for (const auto& [key, value] : node.attributes) {
        AppendAttribute(attrs, "attr_" + key, DotQuotedRaw(graph::AttrToString(value)));
      }
    }
    out += "  " + node_id(node.id) + " [" + attrs + "];\n";
  }

  if (options.clusters) {
    for (const auto& [group, members] : clusters) {
      std::string attrs;
      AppendAttribute(attrs, "label", DotLabel(g[group].name));
      AppendAttribute(attrs, "style", "\"rounded,dashed\"");
      AppendAttribute(attrs, "color",
                      DotQuoted(StyleValue(NodeStyle(schema, "Region"), "color", "#2b6cb0")));
      AppendAttribute(attrs, "bgcolor", "\"#f7fafc\"");
      AppendAttribute(attrs, "fontsize", "11");
      if (options.interactive)
        AppendAttribute(attrs, "id", DotQuoted("c-" + exports::NameToken(g[group].id)));
      out += "  subgraph " + DotQuoted("cluster_" + exports::NameToken(g[group].id)) + " {\n";
      out += "    graph [" + attrs + "];\n";
      if (!hidden.count(group) && std::binary_search(view.nodes.begin(), view.nodes.end(), group)) {
        out += "    " + node_id(g[group].id) + ";\n";
      }
      for (Vertex m : members) out += "    " + node_id(g[m].id) + ";\n";
      out += "  }\n";
    }
  }

  // Collaboration view: region pairs by weight; cooperates_with edges carry their pair's weight
  // and pairs that only share things get a dashed line of their own when they share two or more.
  std::map<std::pair<Vertex, Vertex>, const RegionLink*> link_of;
  for (const RegionLink& link : view.links) link_of[{link.a, link.b}] = &link;
  auto pair_link = [&](Vertex x, Vertex y) -> const RegionLink* {
    auto it = link_of.find(x < y ? std::pair{x, y} : std::pair{y, x});
    return it == link_of.end() ? nullptr : it->second;
  };
  std::set<std::pair<Vertex, Vertex>> weighted;  // pairs whose weight is already drawn
  auto link_tooltip = [&](const RegionLink& link) {
    std::vector<std::string> names;
    for (Vertex thing : link.shared) names.push_back(g[thing].name);
    std::string tip =
        fmt::format("{} — {}: 协作强度 weight {}", g[link.a].name, g[link.b].name, link.weight());
    if (link.cooperate) tip += "\n直接合作 cooperates directly (+1)";
    if (!names.empty()) tip += fmt::format("\n共享 shares {}: {}", names.size(), Join(names, "、"));
    return tip;
  };

  const bool edge_labels = view.edges.size() <= kMaxLabelledEdges && !view.collaboration;
  for (EdgeDescriptor e : view.edges) {
    const graph::Edge& edge = g[e];
    Vertex source = boost::source(e, g), target = boost::target(e, g);
    if (!drawn(e)) continue;
    relations_shown.insert(edge.relation);
    schema::Style style = EdgeStyle(schema, edge.relation);
    if (IsSymmetric(schema, edge.relation)) style["dir"] = "none";  // no arrowheads
    const RegionLink* link = nullptr;
    if (view.collaboration && edge.relation == "cooperates_with") {
      link = pair_link(source, target);
      if (link != nullptr && !weighted.insert({link->a, link->b}).second) link = nullptr;
    }
    if (link != nullptr) {
      style["penwidth"] = fmt::format("{:.2f}", LinkWidth(link->weight()));
    } else if (edge.weight > 1) {  // better-attested edges are drawn thicker
      double base = std::atof(StyleValue(style, "penwidth", "1").c_str());
      if (base <= 0) base = 1;
      style["penwidth"] =
          fmt::format("{:.2f}", base * std::min(3.0, 1.0 + 0.5 * std::log2(edge.weight)));
    }
    std::string attrs;
    AppendStyle(attrs, style);
    if (link != nullptr && link->weight() >= 2) {  // beside the line, not on it
      AppendAttribute(attrs, "xlabel", DotLabel(std::to_string(link->weight())));
      AppendAttribute(attrs, "fontsize", "13");
      AppendAttribute(attrs, "fontcolor", "\"#1a202c\"");  // readable where it meets the line
    }
    if (edge_labels && !options.data_attributes) {
      AppendAttribute(attrs, "label", DotLabel(RelationShortLabel(schema, edge.relation)));
      AppendAttribute(attrs, "fontcolor", DotQuoted(StyleValue(style, "color", "#4a5568")));
    }
    if (options.interactive) {
      AppendAttribute(attrs, "id", DotQuoted(SvgEdgeId(g[source].id, edge.relation, g[target].id)));
      AppendAttribute(attrs, "class", DotQuoted(RelationClass(edge.relation)));
      AppendAttribute(attrs, "tooltip",
                      DotQuotedTooltip(link != nullptr ? link_tooltip(*link) + "\n" +
                                                             EdgeTooltip(schema, graph, e)
                                                       : EdgeTooltip(schema, graph, e)));
    }
    if (options.data_attributes) {
      AppendAttribute(attrs, "relation", DotQuotedRaw(edge.relation));
      AppendAttribute(attrs, "weight", DotQuotedRaw(graph::AttrToString(edge.weight)));
      std::vector<std::string> evidence;
      for (const auto& ev : edge.evidence) evidence.push_back(ev.text);
      AppendAttribute(attrs, "evidence", DotQuotedRaw(exports::JsonStringArray(evidence, true)));
      for (const auto& [key, value] : edge.attributes) {
        AppendAttribute(attrs, "attr_" + key, DotQuotedRaw(graph::AttrToString(value)));
      }
    }
    out += "  " + node_id(g[source].id) + " -> " + node_id(g[target].id) + " [" + attrs +
           "];\n";
  }

  bool shares_shown = false;
  for (const RegionLink& link : view.links) {
    if (link.cooperate || link.shared.size() < 2) continue;
    shares_shown = true;
    std::string attrs;
    AppendAttribute(attrs, "style", "\"dashed\"");
    AppendAttribute(attrs, "color", DotQuoted(kSharesColor));
    AppendAttribute(attrs, "dir", "\"none\"");
    AppendAttribute(attrs, "penwidth", fmt::format("{:.2f}", LinkWidth(link.weight())));
    AppendAttribute(attrs, "xlabel", DotLabel(std::to_string(link.weight())));
    AppendAttribute(attrs, "fontsize", "13");
    AppendAttribute(attrs, "fontcolor", "\"#1a202c\"");
    if (options.interactive) {
      AppendAttribute(attrs, "id", DotQuoted(SvgEdgeId(g[link.a].id, "shares", g[link.b].id)));
      AppendAttribute(attrs, "class", "\"link rel-shares\"");
      AppendAttribute(attrs, "tooltip", DotQuotedTooltip(link_tooltip(link)));
    }
    out += "  " + node_id(g[link.a].id) + " -> " + node_id(g[link.b].id) + " [" + attrs + "];\n";
  }

  if (options.legend && !view.nodes.empty()) {
    std::string attrs;
    AppendAttribute(attrs, "shape", "\"plaintext\"");
    AppendAttribute(attrs, "style", "\"solid\"");
    AppendAttribute(attrs, "margin", "0");
    AppendAttribute(attrs, "fontsize", "10");
    AppendAttribute(attrs, "label",
                    LegendLabel(schema, InSchemaOrder(types_shown, schema.entity_types),
                                InSchemaOrder(relations_shown, schema.relation_types),
                                view.collaboration && !view.links.empty(), shares_shown));
    if (options.interactive) {
      AppendAttribute(attrs, "id", "\"legend\"");
      AppendAttribute(attrs, "class", "\"legend\"");
      AppendAttribute(attrs, "tooltip", "\"图例 Legend\"");
    }
    out += "  " + DotQuotedRaw(kLegendNodeId) + " [" + attrs + "];\n";
    // dot puts the edgeless legend, written last, at the top right.
  }
  out += "}\n";
  return out;
}

}  // namespace policykg::render
