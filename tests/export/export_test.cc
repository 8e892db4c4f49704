#include "export/export.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "common/file_io.h"
#include "export/escape.h"
#include "export/writers.h"
#include "graph/json_io.h"
#include "render/render.h"
#include "schema/schema.h"

namespace policykg::exports {
namespace {

namespace fs = std::filesystem;
using graph::KnowledgeGraph;

// The nasty node name of tests/data/escape.kg.json.
const std::string kNasty = "A&B <研究院> \"引号\" \\N 反\\斜杠\t制表;分号,逗号\n换行的机构";

KnowledgeGraph LoadFixture(const std::string& name) {
  auto g = graph::LoadGraph(std::string(POLICYKG_TEST_DATA_DIR) + "/data/" + name);
  EXPECT_TRUE(g.ok()) << g.error().ToString();
  return std::move(g).value();
}

const schema::Schema& TestSchema() {
  static const schema::Schema schema = [] {
    auto s = schema::LoadSchema(POLICYKG_SCHEMA_DIR);
    EXPECT_TRUE(s.ok()) << s.error().ToString();
    return std::move(s).value();
  }();
  return schema;
}

std::string Export(const std::string& fixture, const std::string& format) {
  auto text = ExportToString(LoadFixture(fixture), TestSchema(), format);
  EXPECT_TRUE(text.ok()) << text.error().ToString();
  return text.ok() ? *text : "";
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// A fresh directory under the system temp dir, removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    path_ = fs::temp_directory_path() / ("policykg_export_test_" + std::to_string(::getpid()) +
                                         "_" + std::to_string(counter_++));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }

 private:
  static inline int counter_ = 0;
  fs::path path_;
};

std::string ReadFile(const fs::path& path) {
  auto bytes = ReadFileBytes(path.string());
  EXPECT_TRUE(bytes.ok()) << path;
  return bytes.ok() ? *bytes : "";
}

TEST(Escape, CsvTsvXmlNTriplesIriAndTokens) {
  EXPECT_EQ(CsvField("plain 文本"), "plain 文本");
  EXPECT_EQ(CsvField("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvField("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvField("two\nlines"), "\"two\nlines\"");
  // Issue 16 item 10: cells a spreadsheet would run as a formula are quoted; NUL never written.
  for (const char* formula : {"=1+2", "+cmd实验室", "-x", "@SUM(A1)", "\tx"}) {
    EXPECT_EQ(CsvField(formula), "\"" + std::string(formula) + "\"");
  }
  EXPECT_EQ(CsvField(std::string("a\0b", 3)), "\"a\xEF\xBF\xBD" "b\"");
  EXPECT_EQ(CsvField("a-b"), "a-b");
  EXPECT_EQ(TsvField("a\tb\nc\\d\re"), "a\\tb\\nc\\\\d\\re");
  EXPECT_EQ(XmlText("<a & b>\n"), "&lt;a &amp; b&gt;\n");
  EXPECT_EQ(XmlAttribute("\"q\" 'a'\t\n"), "&quot;q&quot; &apos;a&apos;&#9;&#10;");
  EXPECT_EQ(XmlText(std::string("x\x01y", 3)), "x\xEF\xBF\xBDy");  // not an XML 1.0 character
  EXPECT_EQ(NTriplesString("q\"b\\n\nt\tc\x01"), "\"q\\\"b\\\\n\\nt\\tc\\u0001\"");
  EXPECT_EQ(IriSegment("Region:重庆 <a>\"%/?#"), "Region:重庆%20%3Ca%3E%22%25%2F%3F%23");
  EXPECT_EQ(NameToken("Region:重庆"), "Region.3a.重庆");
  EXPECT_EQ(NameToken("part_of"), "part_of");
  EXPECT_NE(NameToken(":"), NameToken(".3a."));  // injective
  EXPECT_EQ(NameToken("a-b c"), "a.2d.b.20.c");
  EXPECT_EQ(JsonStringArray({"a\"b", "c\\"}), "[\"a\\\"b\",\"c\\\\\"]");
  EXPECT_EQ(JsonStringArray({"a\"b"}, true), "[\"a\\u0022b\"]");
}

TEST(Escape, DotRawStringsRoundTripThroughCgraph) {
  EXPECT_EQ(DotQuotedRaw("a\"b"), "\"a\\\"b\"");
  EXPECT_EQ(DotQuotedRaw("x\\y"), "\"x\\y\"");
  // Issue 16 item 10: Graphviz reads "\\" as two backslashes, so an odd run of backslashes right
  // before a quote, a newline or the end has no quoted form: an HTML string holds it exactly.
  EXPECT_EQ(DotQuotedRaw("end\\"), "<end\\>");
  EXPECT_EQ(DotQuotedRaw("a\\\"b"), "<a\\\"b>");
  EXPECT_EQ(DotQuotedRaw("two\\\\\"q"), "\"two\\\\\\\"q\"");  // an even run stays quoted
  EXPECT_EQ(DotQuotedRaw("two\\\\"), "\"two\\\\\"");
  // Graphviz reads a raw id back exactly: the SVG <title> shows it.
  for (const std::string& id : {std::string("end\\"), std::string("a\\\"b"), std::string("x\\\ny\\"),
                                std::string("two\\\\\"q"), std::string("<b>\\")}) {
    auto canon = render::LayoutDot("digraph { " + DotQuotedRaw(id) + " }", "dot", "svg");
    ASSERT_TRUE(canon.ok()) << id << ": " << canon.error().ToString();
    std::string title = XmlText(id);  // as Graphviz writes it: quotes as &quot; too
    for (size_t at = 0; (at = title.find('"', at)) != std::string::npos;) title.replace(at, 1, "&quot;");
    EXPECT_TRUE(Contains(*canon, "<title>" + title + "</title>")) << id << "\n" << *canon;
  }
  auto svg = render::LayoutDot("digraph { " + DotQuotedRaw("a\\N \"q\" <x>") + " }", "dot", "svg");
  ASSERT_TRUE(svg.ok()) << svg.error().ToString();
  EXPECT_TRUE(Contains(*svg, "<title>a\\N &quot;q&quot; &lt;x&gt;</title>")) << *svg;
}

TEST(Export, UnknownFormatListsTheFormats) {
  KnowledgeGraph g = LoadFixture("small.kg.json");
  Status st = ExportGraph(g, TestSchema(), "xlsx", "-");
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().message,
            "--format: unknown export format 'xlsx' (formats: node-link, graphml, gexf, "
            "cytoscape, graphology, dot, neo4j, kuzu, tsv, ntriples)");
  EXPECT_FALSE(ExportToString(g, TestSchema(), "neo4j").ok()) << "a directory, not a string";
  EXPECT_FALSE(ExportToString(g, TestSchema(), "kuzu").ok()) << "a directory, not a string";
  ExportOptions bad_version;
  bad_version.gexf_version = "1.1";
  EXPECT_FALSE(ExportToString(g, TestSchema(), "gexf", bad_version).ok());
  for (const char* iri : {"policykg.example/", "https://x.example/a b/", "https://x.example/a",
                          "1http://x/", "https://x.example/<>/"}) {
    ExportOptions bad_iri;
    bad_iri.base_iri = iri;
    auto result = ExportToString(g, TestSchema(), "ntriples", bad_iri);
    ASSERT_FALSE(result.ok()) << iri;
    EXPECT_TRUE(Contains(result.error().message, "--base-iri")) << result.error().message;
  }
}

// The names of tests/export/data/hostile.kg.json (quotes, markup, control and format characters,
// formula-like cells) in every format. export_consumers_test.py checks what real consumers read
// back of them and runs on the release build only (tools/test.sh); this runs every writer on them
// under the sanitizers as well.
TEST(Export, HostileNamesInEveryFormat) {
  KnowledgeGraph g = LoadFixture("../export/data/hostile.kg.json");
  ASSERT_GT(g.node_count(), 0u);
  for (const char* format :
       {"node-link", "graphml", "gexf", "cytoscape", "graphology", "dot", "tsv", "ntriples"}) {
    auto text = ExportToString(g, TestSchema(), format);
    ASSERT_TRUE(text.ok()) << format << ": " << text.error().ToString();
    EXPECT_FALSE(text->empty()) << format;
  }
  TempDir tmp;
  for (const char* format : {"neo4j", "kuzu"}) {
    fs::path out = tmp.path() / format;
    ASSERT_TRUE(ExportGraph(g, TestSchema(), format, out.string()).ok()) << format;
    EXPECT_TRUE(fs::exists(out / "nodes.csv") || fs::exists(out / "entities.csv")) << format;
  }
}

TEST(Export, FormatFromExtension) {
  EXPECT_EQ(ExportFormatFromPath("kg.json"), "node-link");
  EXPECT_EQ(ExportFormatFromPath("kg.GraphML"), "graphml");
  EXPECT_EQ(ExportFormatFromPath("kg.gexf"), "gexf");
  EXPECT_EQ(ExportFormatFromPath("kg.gv"), "dot");
  EXPECT_EQ(ExportFormatFromPath("kg.nt"), "ntriples");
  EXPECT_EQ(ExportFormatFromPath("kg.tsv"), "tsv");
  EXPECT_EQ(ExportFormatFromPath("kg.cyjs"), "cytoscape");
  EXPECT_EQ(ExportFormatFromPath("neo4j_dir"), std::nullopt);
}

TEST(AttributeColumns, InferOneTypePerAttribute) {
  KnowledgeGraph g = LoadFixture("escape.kg.json");
  std::map<std::string, ValueKind> kinds;
  for (const auto& c : NodeAttributeColumns(g)) kinds[c.name] = c.kind;
  EXPECT_EQ(kinds["count"], ValueKind::kInteger);
  EXPECT_EQ(kinds["score"], ValueKind::kDouble);
  EXPECT_EQ(kinds["flag"], ValueKind::kBoolean);
  EXPECT_EQ(kinds["value"], ValueKind::kString) << "5500 in one node, 五千 in another";
  EXPECT_EQ(kinds["code"], ValueKind::kString);
  EXPECT_EQ(AttributeKey("name"), "attr_name");
  EXPECT_EQ(AttributeKey("level"), "level");
}

TEST(XmlNmtoken, KeepsNameCharactersAndEscapesTheRestInjectively) {
  EXPECT_EQ(XmlNmtoken("Region:重庆"), "Region:重庆");
  EXPECT_EQ(XmlNmtoken("as_written"), "as_written");
  EXPECT_EQ(XmlNmtoken("西部(重庆)"), "西部_x0028_重庆_x0029_");
  EXPECT_EQ(XmlNmtoken("a b%/+“”"), "a_x0020_b_x0025__x002F__x002B__x201C__x201D_");
  EXPECT_EQ(XmlNmtoken("_x0041_"), "_x005F_x0041_") << "'_' before 'x' is escaped: injective";
  EXPECT_NE(XmlNmtoken("_x0041_"), XmlNmtoken("A"));
  EXPECT_EQ(XmlNmtoken("🚀"), "_x01F680_");
  EXPECT_EQ(XmlNmtoken(""), "_x_");
}

TEST(GexfList, QuotedItemsWithBackslashEscapes) {
  EXPECT_EQ(GexfList({}), "[]");
  EXPECT_EQ(GexfList({"a,b", "q\"x\\y", "n\nt\t|;"}),
            "[\"a,b\",\"q\\\"x\\\\y\",\"n\\nt\\t|;\"]");
}

TEST(NodeLink, KeepsNamesAttributesAndEvidence) {
  std::string json = Export("escape.kg.json", "node-link");
  EXPECT_TRUE(Contains(json, "\"links\": [")) << "networkx before 3.4 reads links";
  EXPECT_TRUE(Contains(json, "\"edges\": [")) << "networkx 3.6 reads edges";
  EXPECT_TRUE(Contains(json, "\"symmetric\": false"));
  EXPECT_TRUE(Contains(json, "\"directed\": true"));
  EXPECT_TRUE(Contains(json, "\"multigraph\": true"));
  // RapidJSON escapes exactly what JSON requires.
  EXPECT_TRUE(Contains(
      json,
      "\"name\": \"A&B <研究院> \\\"引号\\\" \\\\N 反\\\\斜杠\\t制表;分号,逗号\\n换行的机构\""))
      << json;
  EXPECT_TRUE(Contains(json, "\"attr_name\": \"collides\""));
  EXPECT_TRUE(Contains(json, "\"score\": 1.5"));
  EXPECT_TRUE(Contains(json, "\"count\": 3,"));
  EXPECT_TRUE(Contains(json, "\"flag\": true"));
  EXPECT_TRUE(Contains(json, "\"relation\": \"located_in\""));
  EXPECT_TRUE(Contains(json, "\"weight\": 2"));
  EXPECT_TRUE(Contains(json, "\"confidence\": 0.75"));
  EXPECT_TRUE(Contains(json, "\"控制\\u0001字符\\r回车\""));
  EXPECT_TRUE(Contains(json, "\"source\": \"gazetteer:schema/x.json\""));
}

TEST(GraphMl, TypedKeysAndEscapedData) {
  std::string xml = Export("escape.kg.json", "graphml");
  EXPECT_TRUE(
      Contains(xml, "<key id=\"n0\" for=\"node\" attr.name=\"id\" attr.type=\"string\"/>"));
  EXPECT_TRUE(
      Contains(xml, "<key id=\"n1\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>"));
  EXPECT_TRUE(Contains(xml, "attr.name=\"count\" attr.type=\"long\""));
  EXPECT_TRUE(Contains(xml, "attr.name=\"score\" attr.type=\"double\""));
  EXPECT_TRUE(Contains(xml, "attr.name=\"flag\" attr.type=\"boolean\""));
  EXPECT_TRUE(Contains(xml, "attr.name=\"value\" attr.type=\"string\""));
  EXPECT_TRUE(Contains(xml, "attr.name=\"attr_name\" attr.type=\"string\""));
  EXPECT_TRUE(Contains(xml, "attr.name=\"weird_x0020_key:_x0020_x_x002C_y\"")) << "an NMTOKEN";
  EXPECT_TRUE(Contains(xml, "attr.name=\"symmetric\" attr.type=\"boolean\""));
  EXPECT_TRUE(Contains(xml, "for=\"edge\" attr.name=\"weight\" attr.type=\"double\""));
  // Element text keeps the newline and tab; ids in attributes use character references.
  EXPECT_TRUE(Contains(
      xml, ">A&amp;B &lt;研究院&gt; \"引号\" \\N 反\\斜杠\t制表;分号,逗号\n换行的机构</data>"));
  // Node ids are NMTOKENs; the id itself is data.
  EXPECT_TRUE(Contains(xml,
                       "<node id=\"Institution:A_x0026_B_x0020__x003C_研究院_x003E__x0020__x0022_"
                       "引号_x0022__x0020__x005C_N_x0020_反_x005C_斜杠_x0009_制表_x003B_分号_x002C_"
                       "逗号_x000A_换行的机构\">"));
  EXPECT_TRUE(Contains(xml, "<data key=\"n0\">Institution:A&amp;B &lt;研究院&gt;"));
  EXPECT_TRUE(Contains(xml, ">located_in</data>"));
  EXPECT_FALSE(Contains(xml, std::string(1, '\x01'))) << "XML 1.0 cannot hold U+0001";
  EXPECT_TRUE(Contains(xml, ">[\"重庆推进A&amp;B"));
  EXPECT_TRUE(Contains(xml, "控制\\u0001字符\\r回车\"]</data>")) << "evidence is a JSON list";
}

TEST(Gexf, Version12DraftWithTitledAttributesListsAndEscapedValues) {
  std::string xml = Export("escape.kg.json", "gexf");
  EXPECT_TRUE(Contains(xml, "<gexf xmlns=\"http://www.gexf.net/1.2draft\""));
  EXPECT_TRUE(Contains(xml, "version=\"1.2\""));
  EXPECT_TRUE(Contains(xml, "<attributes class=\"node\" mode=\"static\">"));
  EXPECT_TRUE(Contains(xml, "<attribute id=\"count\" title=\"count\" type=\"long\"/>"));
  EXPECT_TRUE(Contains(xml, "<attribute id=\"aliases\" title=\"aliases\" type=\"liststring\"/>"));
  EXPECT_TRUE(Contains(xml, "<attribute id=\"relation\" title=\"relation\" type=\"string\"/>"));
  EXPECT_TRUE(Contains(xml, "<attvalue for=\"aliases\" value=\"[&quot;别名;含分号&quot;,"));
  EXPECT_TRUE(Contains(xml,
                       "label=\"A&amp;B &lt;研究院&gt; &quot;引号&quot; \\N "
                       "反\\斜杠&#9;制表;分号,逗号&#10;换行的机构\""));
  EXPECT_TRUE(Contains(xml, "label=\"located_in\" weight=\"2\""));
  EXPECT_TRUE(Contains(xml, "<viz:color r=\"207\" g=\"232\" b=\"252\"/>")) << "Region #cfe8fc";
  ExportOptions v13;
  v13.gexf_version = "1.3";
  auto xml13 = ExportToString(LoadFixture("escape.kg.json"), TestSchema(), "gexf", v13);
  ASSERT_TRUE(xml13.ok());
  EXPECT_TRUE(Contains(*xml13, "<gexf xmlns=\"http://gexf.net/1.3\""));
  EXPECT_TRUE(Contains(*xml13, "version=\"1.3\""));
  // A symmetric relation is a mutual edge.
  std::string small = Export("small.kg.json", "gexf");
  EXPECT_TRUE(Contains(small, "type=\"mutual\" label=\"cooperates_with\""));
  EXPECT_FALSE(Contains(small, "type=\"mutual\" label=\"located_in\""));
}

TEST(Dot, PlainDotWithRawIdsAndDataAttributes) {
  std::string dot = Export("escape.kg.json", "dot");
  EXPECT_EQ(dot.rfind("digraph policykg {", 0), 0u);
  EXPECT_FALSE(Contains(dot, "pos=")) << "not laid out";
  EXPECT_FALSE(Contains(dot, "Legend"));
  // Ids are raw DOT strings: only the quotes are escaped, the newline is kept.
  EXPECT_TRUE(Contains(
      dot, "\"Institution:A&B <研究院> \\\"引号\\\" \\N 反\\斜杠\t制表;分号,逗号\n换行的机构\" ["));
  // Labels are escStrings: backslashes doubled, newline as \n.
  EXPECT_TRUE(Contains(dot, "label=\"A&amp;B <研究院> \\\"引\\n号\\\" \\\\N 反\\\\斜杠"));
  EXPECT_TRUE(
      Contains(dot, "aliases=\"[\\\"别名;含分号\\\",\\\"alias \\u0022q\\u0022 <x> & y\\\"]\""))
      << "quotes inside JSON lists are \\u0022";
  EXPECT_TRUE(Contains(dot, "\"attr_weird key: x,y\"=\"v\""));
  EXPECT_TRUE(Contains(dot, "relation=\"located_in\", weight=\"2\""));
  // Graphviz parses it and draws the name.
  auto svg = render::LayoutDot(dot, "dot", "svg");
  ASSERT_TRUE(svg.ok()) << svg.error().ToString();
  EXPECT_TRUE(Contains(*svg, ">A&amp;B &lt;研究院&gt; &quot;引</text>"));
}

TEST(Tsv, OneEscapedTriplePerLine) {
  std::string tsv = Export("escape.kg.json", "tsv");
  auto lines = Lines(tsv);
  ASSERT_EQ(lines.size(), 3u) << tsv;
  EXPECT_EQ(lines[0], "source\trelation\ttarget\tweight\tevidence");
  for (const auto& line : lines) EXPECT_EQ(std::count(line.begin(), line.end(), '\t'), 4) << line;
  EXPECT_EQ(lines[1].substr(0, lines[1].find('\t')),
            "A&B <研究院> \"引号\" \\\\N 反\\\\斜杠\\t制表;分号,逗号\\n换行的机构");
  EXPECT_TRUE(Contains(lines[1], "\tlocated_in\t重庆\t2\t"));
  EXPECT_TRUE(Contains(lines[1], "建设。\\n控制\x01字符\\r回车"));
}

TEST(NTriples, EveryLineIsATripleWithEscapedLiterals) {
  std::string nt = Export("escape.kg.json", "ntriples");
  for (const auto& line : Lines(nt)) {
    EXPECT_TRUE(line.size() > 2 && line.substr(line.size() - 2) == " .") << line;
  }
  const std::string subject =
      "<https://policykg.example/node/"
      "Institution:A&B%20%3C研究院%3E%20%22引号%22%20%5CN%20反%5C斜杠%09制表;分号,逗号%"
      "0A换行的机构>";
  EXPECT_TRUE(Contains(
      nt, subject +
              " <http://www.w3.org/2000/01/rdf-schema#label> "
              "\"A&B <研究院> \\\"引号\\\" \\\\N 反\\\\斜杠\\t制表;分号,逗号\\n换行的机构\"@zh ."));
  EXPECT_TRUE(Contains(nt, subject + " <https://policykg.example/attribute/score> "
                                     "\"1.5\"^^<http://www.w3.org/2001/XMLSchema#double> ."));
  EXPECT_TRUE(Contains(nt, subject + " <https://policykg.example/attribute/flag> "
                                     "\"true\"^^<http://www.w3.org/2001/XMLSchema#boolean> ."));
  EXPECT_TRUE(Contains(nt, subject + " <https://policykg.example/relation/located_in> "
                                     "<https://policykg.example/node/Region:重庆> ."));
  EXPECT_TRUE(Contains(nt, "\"控制\\u0001字符\\r回车\"@zh"));
  EXPECT_TRUE(Contains(nt, "_:e0x0 <https://policykg.example/property/document> "
                           "<https://policykg.example/document/d1> ."));
  EXPECT_TRUE(Contains(nt, "_:e0x1 <https://policykg.example/property/rule> \"fixture2\" ."));
  ExportOptions base;
  base.base_iri = "http://example.org/kg#";
  auto other = ExportToString(LoadFixture("small.kg.json"), TestSchema(), "ntriples", base);
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(Contains(*other, "policykg.example"));
  EXPECT_TRUE(Contains(*other, "<http://example.org/kg#relation/cooperates_with> "
                               "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
                               "<http://www.w3.org/2002/07/owl#SymmetricProperty> ."));
  EXPECT_TRUE(Contains(nt,
                       "<https://policykg.example/type/Region> "
                       "<http://www.w3.org/2000/01/rdf-schema#label> \"地区\"@zh ."));
  EXPECT_TRUE(Contains(nt,
                       "_:e0 <https://policykg.example/property/weight> "
                       "\"2\"^^<http://www.w3.org/2001/XMLSchema#integer> ."));
}

TEST(Neo4j, HeadersLabelsEvidenceArraysAndMentions) {
  KnowledgeGraph g = LoadFixture("escape.kg.json");
  TempDir tmp;
  fs::path out = tmp.path() / "neo4j";
  ASSERT_TRUE(ExportGraph(g, TestSchema(), "neo4j", out.string()).ok());
  std::string nodes = ReadFile(out / "nodes.csv");
  std::string rels = ReadFile(out / "relationships.csv");
  EXPECT_EQ(Lines(nodes)[0],
            "id:ID(Entity),name,type,aliases:string[],code:string,count:long,flag:boolean,"
            "level:string,attr_name:string,note:string,score:double,value:string,"
            "weird_key__x_y:string,:LABEL");
  EXPECT_TRUE(Contains(
      nodes, "\"Institution:A&B <研究院> \"\"引号\"\" \\N 反\\斜杠\t制表;分号,逗号\n换行的机构\","));
  EXPECT_TRUE(Contains(nodes, ",\"别名;含分号\x1f" "alias \"\"q\"\" <x> & y\","))
      << "';' is kept: arrays are split on U+001F";
  EXPECT_TRUE(
      Contains(nodes, "Region:重庆,重庆,Region,重庆市,50,,,province,,,,,,Entity\x1f" "Region\n"));
  EXPECT_EQ(Lines(rels)[0],
            ":START_ID(Entity),:END_ID(Entity),:TYPE,relation,weight:double,evidence_doc:string[],"
            "evidence_start:long[],evidence_end:long[],evidence_rule:string[],"
            "evidence_source:string[],evidence_text:string[],confidence:double,note:string");
  EXPECT_TRUE(Contains(rels, ",Region:重庆,LOCATED_IN,located_in,2,d1\x1f" "d1,0\x1f" "0,44\x1f" "1,"
                             "fixture\x1f" "fixture2,\x1f,\"重庆推进"));
  EXPECT_TRUE(Contains(rels, ",0.75,\"x,y \"\"z\"\"\"\n"));
  EXPECT_EQ(ReadFile(out / "mentions.csv"),
            ":START_ID(Document),:END_ID(Entity),:TYPE,start_char:long,end_char:long,rule\n"
            "d1,\"Institution:A&B <研究院> \"\"引号\"\" \\N 反\\斜杠\t制表;分号,逗号\n换行的机构\","
            "MENTIONS,4,41,fixture\n"
            "d1,Platform:西部(重庆)科学城,MENTIONS,49,58,fixture\n"
            "d1,Region:重庆,MENTIONS,0,2,fixture\n");
  EXPECT_TRUE(Contains(ReadFile(out / "documents.csv"), "d1,tests/data/escape.txt,escape fixture,"));
  EXPECT_EQ(Neo4jRelationshipType("cooperates_with"), "COOPERATES_WITH");
  // U+001F cannot be an array item: refused, not rewritten.
  g.node(*g.FindById("Region:重庆")).aliases.push_back("unit\x1fseparator");
  Status refused = ExportGraph(g, TestSchema(), "neo4j", (tmp.path() / "refused").string());
  ASSERT_FALSE(refused.ok());
  EXPECT_TRUE(Contains(refused.error().message, "U+001F"));
  EXPECT_FALSE(fs::exists(tmp.path() / "refused"));
}

TEST(Kuzu, SchemaLoadScriptAndOneRowPerListItem) {
  KnowledgeGraph g = LoadFixture("escape.kg.json");
  TempDir tmp;
  fs::path out = tmp.path() / "kuzu";
  ASSERT_TRUE(ExportGraph(g, TestSchema(), "kuzu", out.string()).ok());
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(out)) names.push_back(e.path().filename());
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"aliases.csv", "documents.csv", "entities.csv",
                                             "evidence.csv", "load.cypher", "mentions.csv",
                                             "related.csv", "schema.cypher"}));
  EXPECT_TRUE(Contains(ReadFile(out / "schema.cypher"), "CREATE NODE TABLE Entity("));
  EXPECT_TRUE(Contains(ReadFile(out / "aliases.csv"), "Region:重庆,0,重庆市\n"));
  EXPECT_TRUE(Contains(ReadFile(out / "evidence.csv"), ",e0,1,d1,0,1,fixture2,,"));
  // A directory export replaces an earlier one of the other layout too, nothing else.
  ASSERT_TRUE(ExportGraph(g, TestSchema(), "neo4j", out.string()).ok());
  EXPECT_FALSE(fs::exists(out / "schema.cypher"));
  EXPECT_TRUE(fs::exists(out / "constraints.cypher"));
}

TEST(Neo4j, DirectoryIsWrittenAtomicallyAndOnlyReplacesEarlierExports) {
  KnowledgeGraph g = LoadFixture("small.kg.json");
  TempDir tmp;
  fs::path out = tmp.path() / "neo4j";
  ASSERT_TRUE(ExportGraph(g, TestSchema(), "neo4j", out.string()).ok());
  EXPECT_TRUE(fs::exists(out / "nodes.csv"));
  EXPECT_TRUE(fs::exists(out / "relationships.csv"));
  EXPECT_EQ(Lines(ReadFile(out / "relationships.csv")).size(), 1u + 14 + 2)
      << "header, 14 edges; the nasty id and its evidence sentence each hold a newline";
  // Again over the earlier export: replaced, nothing left behind.
  ASSERT_TRUE(ExportGraph(g, TestSchema(), "neo4j", out.string() + "/").ok());
  std::vector<std::string> entries;
  for (const auto& e : fs::directory_iterator(tmp.path())) entries.push_back(e.path().filename());
  EXPECT_EQ(entries, std::vector<std::string>{"neo4j"});
  // A directory with other files is not ours to replace.
  std::ofstream(tmp.path() / "neo4j" / "precious.txt") << "keep me";
  Status st = ExportGraph(g, TestSchema(), "neo4j", out.string());
  ASSERT_FALSE(st.ok());
  EXPECT_TRUE(Contains(st.error().ToString(), "precious.txt"));
  EXPECT_TRUE(fs::exists(out / "precious.txt"));
  EXPECT_FALSE(ExportGraph(g, TestSchema(), "neo4j", "-").ok());
  EXPECT_FALSE(ExportGraph(g, TestSchema(), "neo4j", (tmp.path() / "no/such/dir").string()).ok());
}

TEST(Export, SingleFileFormatsWriteAtomically) {
  KnowledgeGraph g = LoadFixture("small.kg.json");
  TempDir tmp;
  for (const char* format :
       {"node-link", "graphml", "gexf", "cytoscape", "graphology", "dot", "tsv", "ntriples"}) {
    fs::path out = tmp.path() / (std::string("kg.") + format);
    ASSERT_TRUE(ExportGraph(g, TestSchema(), format, out.string()).ok()) << format;
    EXPECT_GT(fs::file_size(out), 500u) << format;
  }
  size_t files = 0;
  for (const auto& e : fs::directory_iterator(tmp.path())) {
    EXPECT_EQ(e.path().string().find(".tmp."), std::string::npos) << e.path();
    ++files;
  }
  EXPECT_EQ(files, 8u);
  EXPECT_FALSE(ExportGraph(g, TestSchema(), "tsv", (tmp.path() / "missing/kg.tsv").string()).ok());
}

}  // namespace
}  // namespace policykg::exports
