#include "schema/schema.h"

#include <algorithm>
#include <filesystem>

#include <gtest/gtest.h>

#include "common/file_io.h"
#include "test_util.h"

namespace policykg::schema {
namespace {

namespace fs = std::filesystem;

// A writable copy of the bundled schema in a fresh temp folder.
std::string CopySchema(const std::string& name) {
  fs::path dir = policykg::testing::ProcessTempPath("schema_" + name);
  fs::remove_all(dir);
  fs::copy(POLICYKG_SCHEMA_DIR, dir, fs::copy_options::recursive);
  return dir.string();
}

void Replace(const std::string& file, const std::string& from, const std::string& to) {
  std::string text = *ReadFileBytes(file);
  size_t at = text.find(from);
  ASSERT_NE(at, std::string::npos) << from;
  text.replace(at, from.size(), to);
  ASSERT_TRUE(WriteFileAtomic(file, text).ok());
}

TEST(Schema, BundledSchemaLoadsWithTheVocabularyOfTheGold) {
  const Schema& s = testing::BundledSchema();
  for (const char* t : {"Region", "Platform", "Lab", "Institution", "Facility", "Plan", "Initiative", "Project", "Brand",
                        "Organization", "Event", "Target"}) {
    EXPECT_NE(s.FindEntityType(t), nullptr) << t;
  }
  for (const char* r : {"part_of", "located_in", "cooperates_with", "involves", "develops", "targets"}) {
    EXPECT_NE(s.FindRelationType(r), nullptr) << r;
  }
  EXPECT_TRUE(s.FindRelationType("cooperates_with")->symmetric);
  EXPECT_TRUE(s.Allows("located_in", "Lab", "Platform"));
  EXPECT_FALSE(s.Allows("located_in", "Region", "Lab"));
  EXPECT_GT(s.lexicons.regions.size(), 250u) << "Chongqing + Sichuan divisions, provinces, groups";
  EXPECT_FALSE(s.FindEntityType("Region")->style.empty());
}

TEST(Schema, GazetteerShortFormsAndGroups) {
  const Schema& s = testing::BundledSchema();
  auto find = [&](const std::string& name) -> const Region* {
    for (const auto& r : s.lexicons.regions) {
      if (r.name == name) return &r;
    }
    return nullptr;
  };
  ASSERT_NE(find("万州"), nullptr);
  EXPECT_EQ(find("万州")->full_name, "万州区");
  EXPECT_EQ(find("万州")->parents, std::vector<std::string>{"渝东北三峡库区城镇群"});
  ASSERT_NE(find("秀山"), nullptr);
  EXPECT_EQ(find("秀山")->full_name, "秀山土家族苗族自治县");
  ASSERT_NE(find("忠县"), nullptr) << "one-character short forms are not used";
  EXPECT_EQ(find("潼南")->attributes.at("zone"), "主城新区");
  EXPECT_EQ(find("长寿"), nullptr) << "an ordinary word keeps the full name only";
  EXPECT_NE(find("长寿区"), nullptr);
  EXPECT_NE(find("广安"), nullptr);
  EXPECT_EQ(find("广安")->level, "prefecture") << "the prefecture wins the short form over 广安区";
  EXPECT_NE(find("达州"), nullptr);
}

// The fingerprint names the schema by content: two copies in different folders agree, and any
// edited file changes it.
TEST(Schema, FingerprintDependsOnContentNotFolder) {
  const std::string a = CopySchema("fingerprint_a"), b = CopySchema("fingerprint_b");
  auto first = LoadSchema(a), second = LoadSchema(b);
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(first->fingerprint.size(), 16u);
  EXPECT_EQ(first->fingerprint, second->fingerprint);
  EXPECT_EQ(first->fingerprint, testing::BundledSchema().fingerprint);
  Replace(b + "/lexicon/words.json", "\"导航菜单\"", "\"导航菜单栏\"");
  auto edited = LoadSchema(b);
  ASSERT_TRUE(edited.ok()) << edited.error().ToString();
  EXPECT_NE(edited->fingerprint, first->fingerprint);
}

// The types alone (query, render, export): the same types and relations as the full load, no
// lexicon read, so a broken lexicon file does not stop them; a broken schema.json does.
TEST(Schema, TypesAloneMatchTheFullLoadAndSkipTheLexicons) {
  const std::string dir = CopySchema("types_only");
  Replace(dir + "/lexicon/words.json", "\"导航菜单\"", "\"导航菜单\",,");
  ASSERT_FALSE(LoadSchema(dir).ok());
  auto types = LoadSchemaTypes(dir);
  ASSERT_TRUE(types.ok()) << types.error().ToString();
  const Schema& full = testing::BundledSchema();
  ASSERT_EQ(types->entity_types.size(), full.entity_types.size());
  for (size_t i = 0; i < full.entity_types.size(); ++i) {
    EXPECT_EQ(types->entity_types[i].name, full.entity_types[i].name);
    EXPECT_EQ(types->entity_types[i].style, full.entity_types[i].style);
  }
  ASSERT_EQ(types->relation_types.size(), full.relation_types.size());
  for (size_t i = 0; i < full.relation_types.size(); ++i) {
    EXPECT_EQ(types->relation_types[i].name, full.relation_types[i].name);
    EXPECT_EQ(types->relation_types[i].symmetric, full.relation_types[i].symmetric);
    EXPECT_EQ(types->relation_types[i].domain, full.relation_types[i].domain);
  }
  EXPECT_TRUE(types->lexicons.regions.empty());
  EXPECT_TRUE(types->rules.empty());
  Replace(dir + "/schema.json", R"("domain": ["Region", "Platform"])",
          R"("domain": ["Region", "Platfrom"])");
  auto broken = LoadSchemaTypes(dir);
  ASSERT_FALSE(broken.ok());
  EXPECT_NE(broken.error().ToString().find("unknown entity type \"Platfrom\""), std::string::npos);
}

TEST(Schema, UnknownTypeInRelationDomainNamesFilePointerAndSuggestion) {
  std::string dir = CopySchema("domain");
  Replace(dir + "/schema.json", R"("domain": ["Region", "Platform"])", R"("domain": ["Region", "Platfrom"])");
  auto s = LoadSchema(dir);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().ToString(),
            dir + "/schema.json: /relation_types/0/domain/1: unknown entity type \"Platfrom\" (did you mean \"Platform\"?)");
}

// IdentifySchema reads and hashes what LoadSchema does, without parsing the lexicons: the same
// fingerprint and paths for the bundled schema, for an edited copy (a changed lexicon changes it),
// and for a copy without the optional sites and routes; no fingerprint for a folder without
// schema.json.
TEST(Schema, IdentifySchemaMatchesLoadSchema) {
  const std::string edited = CopySchema("identify_edited");
  Replace(edited + "/lexicon/words.json", "\"develop_verbs\": [", "\"develop_verbs\": [\"营造\", ");
  const std::string bare = CopySchema("identify_bare");
  Replace(bare + "/schema.json", "\"sites\":", "\"_sites\":");
  Replace(bare + "/schema.json", "\"routes\":", "\"_routes\":");
  std::vector<std::string> fingerprints;
  for (const std::string& dir : {std::string(POLICYKG_SCHEMA_DIR), edited, bare}) {
    auto loaded = LoadSchema(dir);
    ASSERT_TRUE(loaded.ok()) << dir << ": " << loaded.error().ToString();
    auto id = IdentifySchema(dir);
    ASSERT_TRUE(id.ok()) << dir << ": " << id.error().ToString();
    EXPECT_EQ(id->fingerprint, loaded->fingerprint) << dir;
    EXPECT_EQ(id->rules_file, loaded->rules_file) << dir;
    EXPECT_EQ(id->words_file, loaded->words_file) << dir;
    fingerprints.push_back(id->fingerprint);
  }
  EXPECT_NE(fingerprints[0], fingerprints[1]);
  EXPECT_NE(fingerprints[0], fingerprints[2]);
  EXPECT_FALSE(IdentifySchema(bare + "/lexicon").ok());
}

TEST(Schema, SyntaxErrorHasLineAndColumn) {
  std::string dir = CopySchema("syntax");
  Replace(dir + "/lexicon/heads.json", R"({"text": "实验室", "type": "Lab"},)", R"({"text": "实验室", "type": "Lab"},,)");
  auto s = LoadSchema(dir);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().file, dir + "/lexicon/heads.json");
  EXPECT_EQ(s.error().line, 3);
  EXPECT_GT(s.error().column, 1);
}

TEST(Schema, UnknownHeadTypeAndRegionParentAreRejected) {
  std::string dir = CopySchema("head");
  Replace(dir + "/lexicon/heads.json", R"({"text": "实验室", "type": "Lab"})", R"({"text": "实验室", "type": "Labs"})");
  auto s = LoadSchema(dir);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().ToString().find("/heads/0/type: unknown entity type \"Labs\" (did you mean \"Lab\"?)"), std::string::npos)
      << s.error().ToString();

  std::string dir2 = CopySchema("parent");
  Replace(dir2 + "/gazetteer/region_groups.json", R"("name": "渝东南武陵山区城镇群", "level": "group", "aliases": ["渝东南", "渝东南地区"], "parents": ["重庆"])",
          R"("name": "渝东南武陵山区城镇群", "level": "group", "aliases": ["渝东南", "渝东南地区"], "parents": ["重庆x"])");
  auto s2 = LoadSchema(dir2);
  ASSERT_FALSE(s2.ok());
  EXPECT_NE(s2.error().message.find("unknown parent \"重庆x\" (did you mean \"重庆\"?)"), std::string::npos)
      << s2.error().ToString();
}

// Loads a copy of the bundled schema whose 实验室 head is written `head_json` instead; the load must
// fail, and its error (file, pointer, message) is returned.
std::string ErrorWithLabHead(const std::string& tag, const std::string& head_json) {
  std::string dir = CopySchema(tag);
  Replace(dir + "/lexicon/heads.json", R"({"text": "实验室", "type": "Lab"})", head_json);
  auto s = LoadSchema(dir);
  EXPECT_FALSE(s.ok()) << head_json;
  return s.ok() ? std::string() : s.error().ToString();
}

TEST(Schema, HeadListedTwiceIsRejectedWithBothPointers) {
  // The tries keep a word's first entry, so a second one would be silently dead.
  const std::string error = ErrorWithLabHead(
      "head_twice", R"({"text": "实验室", "type": "Lab"}, {"text": "实验室", "type": "Institution"})");
  EXPECT_NE(error.find("heads.json: /heads/1/text: \"实验室\" is listed twice (first at /heads/0)"), std::string::npos)
      << error;
}

TEST(Schema, BodyPartNeedsNeedsPlace) {
  // body_part only widens what satisfies needs_place; alone it would do nothing: refuse it.
  const std::string error = ErrorWithLabHead("body_part", R"({"text": "实验室", "type": "Lab", "body_part": true})");
  EXPECT_NE(error.find("heads.json: /heads/0/body_part: only on a head with needs_place"), std::string::npos) << error;
}

TEST(Schema, OperatingTypeMustBeAnEntityType) {
  const std::string error =
      ErrorWithLabHead("operating_type", R"({"text": "实验室", "type": "Lab", "operating_type": "Facilty"})");
  EXPECT_NE(error.find("/heads/0/operating_type: unknown entity type \"Facilty\" (did you mean \"Facility\"?)"),
            std::string::npos)
      << error;
}

// The error of loading the bundled schema with its 企业 cue rewritten as `cue_json` (in a copy named by `tag`).
std::string ErrorWithEnterpriseCue(const std::string& tag, const std::string& cue_json) {
  std::string dir = CopySchema(tag);
  Replace(dir + "/lexicon/heads.json", R"({"text": "企业", "type": "Organization", "unquoted_only": true})", cue_json);
  auto s = LoadSchema(dir);
  EXPECT_FALSE(s.ok()) << cue_json;
  return s.ok() ? std::string() : s.error().ToString();
}

TEST(Schema, CueCannotBeQuotedOnlyAndUnquotedOnly) {
  const std::string error = ErrorWithEnterpriseCue(
      "cue_flags", R"({"text": "企业", "type": "Organization", "unquoted_only": true, "quoted_only": true})");
  EXPECT_NE(error.find("/unquoted_only: a cue cannot be both quoted_only and unquoted_only"), std::string::npos) << error;
}

TEST(Schema, UnknownHeadFieldIsRejectedWithASuggestion) {
  // A misspelt flag would otherwise be ignored and the head behave as if it were not set.
  const std::string error =
      ErrorWithLabHead("head_key", R"({"text": "实验室", "type": "Lab", "needs_plcae": true})");
  EXPECT_NE(error.find("heads.json: /heads/0/needs_plcae: unknown field \"needs_plcae\" (did you mean \"needs_place\"?)"),
            std::string::npos)
      << error;
}

TEST(Schema, CueShortItemsNeedsUnquotedOnlyAndCueFieldsAreChecked) {
  std::string error =
      ErrorWithEnterpriseCue("cue_short_items", R"({"text": "企业", "type": "Organization", "short_items": true})");
  EXPECT_NE(error.find("/short_items: only on a cue with unquoted_only"), std::string::npos) << error;
  error = ErrorWithEnterpriseCue("cue_key", R"({"text": "企业", "type": "Organization", "unquoted": true})");
  EXPECT_NE(error.find("/unquoted: unknown field \"unquoted\""), std::string::npos) << error;
}

TEST(Schema, GroupMembersBecomeParentsAndAreChecked) {
  const Schema& bundled = testing::BundledSchema();
  for (const auto& r : bundled.lexicons.regions) {
    if (r.name == "长沙") {
      EXPECT_NE(std::find(r.parents.begin(), r.parents.end(), "长株潭"), r.parents.end());
      EXPECT_NE(std::find(r.parents.begin(), r.parents.end(), "湖南"), r.parents.end());
    }
    if (!r.members.empty()) {
      EXPECT_FALSE(r.source.empty()) << r.name;
    }
  }
  std::string dir = CopySchema("member");
  Replace(dir + "/gazetteer/region_groups.json", R"("members": ["长沙", "株洲", "湘潭"])", R"("members": ["长沙", "株州", "湘潭"])");
  auto s = LoadSchema(dir);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("group \"长株潭\" has unknown member \"株州\" (did you mean"), std::string::npos)
      << s.error().ToString();

  // A partial member (only partly inside) is checked like a member but gets no parent link.
  for (const auto& r : bundled.lexicons.regions) {
    if (r.name == "运城") {
      EXPECT_EQ(std::find(r.parents.begin(), r.parents.end(), "关中平原城市群"), r.parents.end());
    }
  }
  std::string partial = CopySchema("partial_member");
  Replace(partial + "/gazetteer/region_groups.json", R"("partial_members": ["南平"])",
          R"("partial_members": ["南坪"])");
  auto sp = LoadSchema(partial);
  ASSERT_FALSE(sp.ok());
  EXPECT_NE(
      sp.error().message.find("group \"福州都市圈\" has unknown member \"南坪\" (did you mean"),
      std::string::npos)
      << sp.error().ToString();

  std::string dir2 = CopySchema("source");
  Replace(dir2 + "/gazetteer/region_groups.json", R"x("source": "长株潭都市圈发展规划 (国家发展改革委批复, 2022-02)")x", R"("source": "")");
  auto s2 = LoadSchema(dir2);
  ASSERT_FALSE(s2.ok());
  EXPECT_NE(s2.error().ToString().find("/source: a group with members names its source"), std::string::npos) << s2.error().ToString();

  std::string dir3 = CopySchema("twice");
  Replace(dir3 + "/gazetteer/region_groups.json", R"({"name": "长株潭",)", R"({"name": "长沙",)");
  auto s3 = LoadSchema(dir3);
  ASSERT_FALSE(s3.ok());
  EXPECT_NE(s3.error().message.find("region \"长沙\" is defined twice"), std::string::npos) << s3.error().ToString();
}

TEST(Schema, SitesBecomeWholeNameHeadsAndAreChecked) {
  const Schema& bundled = testing::BundledSchema();
  ASSERT_FALSE(bundled.lexicons.sites.empty());
  const auto site = std::find_if(bundled.lexicons.heads.begin(), bundled.lexicons.heads.end(),
                                 [](const Head& h) { return h.text == "三星堆"; });
  ASSERT_NE(site, bundled.lexicons.heads.end());
  EXPECT_TRUE(site->site && site->whole_name);
  EXPECT_EQ(site->type, "Facility");

  std::string dir = CopySchema("site_region");
  Replace(dir + "/gazetteer/sites.json", R"("name": "三星堆", "type": "Facility", "region": "四川")",
          R"("name": "三星堆", "type": "Facility", "region": "四州")");
  auto s = LoadSchema(dir);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().ToString(), dir + "/gazetteer/sites.json: /sites/0/region: unknown region \"四州\"");

  std::string dir2 = CopySchema("site_type");
  Replace(dir2 + "/gazetteer/sites.json", R"("name": "三星堆", "type": "Facility")", R"("name": "三星堆", "type": "Facilty")");
  auto s2 = LoadSchema(dir2);
  ASSERT_FALSE(s2.ok());
  EXPECT_NE(s2.error().ToString().find("/sites/0/type: unknown entity type \"Facilty\" (did you mean \"Facility\"?)"),
            std::string::npos)
      << s2.error().ToString();

  std::string dir3 = CopySchema("site_source");
  Replace(dir3 + "/gazetteer/sites.json", R"("source": "国家文物局 全国重点文物保护单位"})", R"("source": ""})");
  auto s3 = LoadSchema(dir3);
  ASSERT_FALSE(s3.ok());
  EXPECT_NE(s3.error().ToString().find("/sites/0/source: must say where the site is listed"), std::string::npos)
      << s3.error().ToString();

  // A schema without a sites file knows no sites.
  std::string dir4 = CopySchema("no_sites");
  Replace(dir4 + "/schema.json", R"( "sites": "gazetteer/sites.json",)", "");
  auto s4 = LoadSchema(dir4);
  ASSERT_TRUE(s4.ok()) << s4.error().ToString();
  EXPECT_TRUE(s4->lexicons.sites.empty());
}

TEST(Schema, RoutesAreCheckedAtLoad) {
  const Schema& bundled = testing::BundledSchema();
  const auto& routes = bundled.lexicons.routes;
  const auto jiaoxin = std::find_if(routes.begin(), routes.end(), [](const Route& r) { return r.letters == "胶新"; });
  ASSERT_NE(jiaoxin, routes.end());
  EXPECT_EQ(jiaoxin->ends, (std::vector<std::string>{"胶州", "新沂"}));

  // An end that is no region, a missing source, one letter, a route listed twice: each an error at
  // its JSON pointer.
  const std::string first = R"({"letters": "胶新", "endings": ["铁路"], "ends": ["胶州", "新沂"], )";
  const struct {
    const char* name;
    std::string replacement;
    std::string error;
  } cases[] = {
      {"route_end", R"({"letters": "胶新", "endings": ["铁路"], "ends": ["胶州", "新宜"], )",
       "/routes/0/ends/1: unknown region \"新宜\""},
      {"route_letters", R"({"letters": "胶", "endings": ["铁路"], "ends": ["胶州"], )",
       "/routes/0/letters: must be two to five letters"},
      {"route_endings", R"({"letters": "胶新", "endings": [], "ends": ["胶州", "新沂"], )",
       "/routes/0/endings: must list the route's kinds"},
      {"route_twice", R"({"letters": "西成", "endings": ["铁路"], "ends": ["胶州", "新沂"], )",
       "/routes/8/endings/0: this route is listed twice"},
  };
  for (const auto& c : cases) {
    std::string dir = CopySchema(c.name);
    Replace(dir + "/gazetteer/routes.json", first, c.replacement);
    auto s = LoadSchema(dir);
    ASSERT_FALSE(s.ok()) << c.name;
    EXPECT_NE(s.error().ToString().find(dir + "/gazetteer/routes.json: " + c.error), std::string::npos)
        << s.error().ToString();
  }
  std::string dir = CopySchema("route_source");
  Replace(dir + "/gazetteer/routes.json", R"x("source": "胶新铁路: 胶州—新沂 (国家铁路局 路网线路名录)")x", R"("source": "")");
  auto s = LoadSchema(dir);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().ToString().find("/routes/0/source: must say where the route's ends are stated"), std::string::npos)
      << s.error().ToString();
}

TEST(Schema, NameVariantNeedsTwoFormsJoinedByOneEqualsSign) {
  for (const std::string bad : {"文化旅游", "=文旅", "文化旅游=", "文化=旅游=文旅"}) {
    std::string dir = CopySchema("variant");
    Replace(dir + "/lexicon/words.json", "\"文化旅游=文旅\"", "\"" + bad + "\"");
    auto s = LoadSchema(dir);
    ASSERT_FALSE(s.ok()) << bad;
    EXPECT_EQ(s.error().ToString(), dir + "/lexicon/words.json: /name_variants/0: expected \"variant=canonical\" (two "
                                          "non-empty forms joined by one =)");
  }
}

TEST(Schema, MissingDirectoryOrFile) {
  auto s = LoadSchema("/nonexistent/schema");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("schema directory not found"), std::string::npos);
  std::string dir = CopySchema("missing");
  fs::remove(dir + "/lexicon/words.json");
  auto s2 = LoadSchema(dir);
  ASSERT_FALSE(s2.ok());
  EXPECT_EQ(s2.error().ToString(), dir + "/lexicon/words.json: no such file");
}

// Issue 16 item 6: styles reach Graphviz, SVG and HTML: only styling attributes with plain
// values are accepted (no href/URL, no javascript: links, no quotes).
TEST(Schema, StylesAllowOnlyKnownKeysAndSafeValues) {
  std::string dir = CopySchema("href");
  Replace(dir + "/schema.json", "\"shape\": \"ellipse\",", "\"shape\": \"ellipse\", \"href\": \"javascript:alert(1)\",");
  auto s = LoadSchema(dir);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().ToString().find("schema.json: /entity_types/0/style/href: unknown style attribute \"href\""),
            std::string::npos)
      << s.error().ToString();
  std::string dir2 = CopySchema("url_value");
  Replace(dir2 + "/schema.json", "\"color\": \"#2b6cb0\"", "\"color\": \"red\\\" URL=\\\"javascript:x()\"");
  auto s2 = LoadSchema(dir2);
  ASSERT_FALSE(s2.ok());
  EXPECT_NE(s2.error().ToString().find("/entity_types/0/style/color: unsafe style value"), std::string::npos)
      << s2.error().ToString();
  std::string dir3 = CopySchema("typo");
  Replace(dir3 + "/schema.json", "\"shape\": \"ellipse\",", "\"shap\": \"ellipse\",");
  auto s3 = LoadSchema(dir3);
  ASSERT_FALSE(s3.ok());
  EXPECT_NE(s3.error().ToString().find("(did you mean \"shape\"?)"), std::string::npos) << s3.error().ToString();
}

// Issue 16 item 3: a schema file linked to a device is refused, not read forever.
TEST(Schema, SchemaFileLinkedToADeviceIsRefused) {
  std::string dir = CopySchema("zero");
  fs::remove(dir + "/schema.json");
  fs::create_symlink("/dev/zero", dir + "/schema.json");
  auto s = LoadSchema(dir);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().ToString().find("schema.json: is a character device, not a regular file"),
            std::string::npos)
      << s.error().ToString();
}

}  // namespace
}  // namespace policykg::schema
