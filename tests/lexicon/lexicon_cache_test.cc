#include "lexicon/lexicon_cache.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "common/build_id.h"
#include "common/file_io.h"
#include "extract/pipeline.h"
#include "test_util.h"

namespace policykg::lexicon {
namespace {

namespace fs = std::filesystem;

// The graph JSON of building `files` with `lexicon` (one thread, texts left out).
std::string GraphJson(const std::vector<std::string>& files, const CompiledLexicon& lexicon) {
  extract::BuildOptions options;
  graph::WriteOptions write;
  std::ostringstream out;
  Status built = extract::BuildGraphJson(files, lexicon, options, out, write);
  EXPECT_TRUE(built.ok()) << built.error().ToString();
  return out.str();
}

std::vector<std::string> Reports() {
  const std::string dir = std::string(POLICYKG_SCHEMA_DIR) + "/../corpus/chengdu_chongqing";
  auto files = extract::ExpandInputs({dir});
  EXPECT_TRUE(files.ok());
  return files.ok() ? *files : std::vector<std::string>();
}

// A short report: few milliseconds to build, every kind of fact.
std::string ShortReport() {
  static const std::string path =
      testing::WriteTemp("lexicon_cache_short.txt",
                         "重庆市人民政府工作报告\n推进成渝地区双城经济圈建设，万州建设港口。支持川"
                         "渝高竹新区、金凤实验室建设，"
                         "地区生产总值增长6%左右。\n");
  return path;
}

const CompiledLexicon& BundledLexicon() {
  static const CompiledLexicon* lexicon = new CompiledLexicon(testing::BundledSchema());
  return *lexicon;
}

LexiconCacheKey BundledKey() { return {testing::BundledSchema().fingerprint, ProgramBuildId()}; }

// A fresh cache folder of this process.
std::string CacheFolder(const std::string& name) {
  const std::string dir = testing::ProcessTempPath("cache_" + name);
  fs::remove_all(dir);
  return dir;
}

TEST(LexiconCache, ProgramHasABuildId) {
  EXPECT_GE(ProgramBuildId().size(), 16u) << ProgramBuildId();
}

// Every member is written and read back: the restored lexicon serializes to the same bytes, refers
// into its own schema, and extracts the same graphs from the bundled reports.
TEST(LexiconCache, RoundTripOfTheBundledSchemaExtractsTheSameGraphs) {
  const CompiledLexicon& original = BundledLexicon();
  const std::string bytes = SerializeLexiconCache(original, BundledKey());
  ASSERT_FALSE(bytes.empty());
  auto restored = ParseLexiconCache(bytes, BundledKey());
  ASSERT_TRUE(restored.ok()) << restored.error().ToString();
  const CompiledLexicon& lex = *restored->lexicon;
  EXPECT_TRUE(restored->from_cache);
  EXPECT_EQ(&lex.schema(), restored->schema.get());
  EXPECT_EQ(&lex.region_names, &lex.gazetteer.forms);
  EXPECT_EQ(lex.types.lab, restored->schema->FindEntityType("Lab"));
  EXPECT_EQ(lex.types.project, restored->schema->FindEntityType("Project"));
  EXPECT_EQ(lex.region_part_of_region, original.region_part_of_region);
  EXPECT_EQ(restored->schema->fingerprint, testing::BundledSchema().fingerprint);
  EXPECT_EQ(SerializeLexiconCache(lex, BundledKey()), bytes);
  const std::vector<std::string> reports = Reports();
  ASSERT_EQ(reports.size(), 3u);
  EXPECT_EQ(GraphJson(reports, lex), GraphJson(reports, original));
}

// A file cut anywhere, or with any of its bytes changed, is refused: by the header and checksum as
// it is, and (resealed with a right checksum) by the reader's own bounds and consistency checks,
// never with a crash.
TEST(LexiconCache, DamagedFilesAreRefused) {
  const LexiconCacheKey key = BundledKey();
  const std::string bytes = SerializeLexiconCache(BundledLexicon(), key);
  const std::string payload = bytes.substr(SealLexiconCache("", key).size());  // after the header
  ASSERT_EQ(SealLexiconCache(payload, key), bytes);
  for (size_t cut : {size_t{0}, size_t{7}, size_t{30}, bytes.size() / 3, bytes.size() - 1}) {
    EXPECT_FALSE(ParseLexiconCache(bytes.substr(0, cut), key).ok()) << cut;
  }
  for (size_t i = 0; i < 64; ++i) {
    const size_t cut = payload.size() * i / 64;
    EXPECT_FALSE(ParseLexiconCache(SealLexiconCache(payload.substr(0, cut), key), key).ok()) << cut;
    std::string flipped = bytes;
    flipped[flipped.size() - 1 - cut] ^= 0x20;
    EXPECT_FALSE(ParseLexiconCache(flipped, key).ok()) << cut;
    // Resealed, a changed byte may still read (a letter of a word); a size or an index must not
    // read past the bytes or the tables.
    std::string changed = payload;
    changed[cut] ^= 0xFF;
    (void)ParseLexiconCache(SealLexiconCache(changed, key), key);
  }
  EXPECT_FALSE(ParseLexiconCache(SealLexiconCache(payload + "x", key), key).ok());
  EXPECT_FALSE(ParseLexiconCache(bytes, {key.fingerprint, key.build_id + "0"}).ok());
  EXPECT_FALSE(ParseLexiconCache(bytes, {"0123456789abcdef", key.build_id}).ok());
  EXPECT_FALSE(
      ParseLexiconCache(SealLexiconCache(payload, key, kLexiconCacheVersion + 1), key).ok());
}

// Cold (written), warm (read) and off give the same schema paths and the same graph; the same
// content in another folder reads the same file, with that folder's paths.
TEST(LexiconCache, LoadWritesThenReadsTheCache) {
  const std::string cache = CacheFolder("load");
  const std::string expected = GraphJson({ShortReport()}, BundledLexicon());
  auto cold = LoadCompiledSchema(POLICYKG_SCHEMA_DIR, cache);
  ASSERT_TRUE(cold.ok()) << cold.error().ToString();
  EXPECT_FALSE(cold->from_cache);
  EXPECT_TRUE(fs::exists(LexiconCachePath(cache, BundledKey())));
  auto warm = LoadCompiledSchema(POLICYKG_SCHEMA_DIR, cache);
  ASSERT_TRUE(warm.ok()) << warm.error().ToString();
  EXPECT_TRUE(warm->from_cache);
  auto off = LoadCompiledSchema(POLICYKG_SCHEMA_DIR, "");
  ASSERT_TRUE(off.ok());
  EXPECT_FALSE(off->from_cache);
  const schema::Schema& bundled = testing::BundledSchema();
  for (const CompiledSchema* loaded : {&*cold, &*warm, &*off}) {
    EXPECT_EQ(loaded->schema->directory, bundled.directory);
    EXPECT_EQ(loaded->schema->rules_file, bundled.rules_file);
    EXPECT_EQ(loaded->schema->words_file, bundled.words_file);
    EXPECT_EQ(loaded->schema->fingerprint, bundled.fingerprint);
    EXPECT_EQ(GraphJson({ShortReport()}, *loaded->lexicon), expected);
  }

  const std::string copy = testing::ProcessTempPath("cache_schema_copy");
  fs::remove_all(copy);
  fs::copy(POLICYKG_SCHEMA_DIR, copy, fs::copy_options::recursive);
  auto moved = LoadCompiledSchema(copy, cache);
  ASSERT_TRUE(moved.ok());
  EXPECT_TRUE(moved->from_cache);
  EXPECT_EQ(moved->schema->directory, copy);
  EXPECT_EQ(moved->schema->rules_file, (fs::path(copy) / "rules.json").string());
  EXPECT_EQ(moved->schema->words_file, (fs::path(copy) / "lexicon/words.json").string());
  auto reference = schema::LoadSchema(copy);
  ASSERT_TRUE(reference.ok());
  EXPECT_EQ(moved->schema->rules_file, reference->rules_file);
  EXPECT_EQ(moved->schema->words_file, reference->words_file);
}

// A cache file that is damaged, of another schema, build or version, or not a cache file at all is
// not used: the schema is loaded from JSON, the graph is the same, and the file is written again.
TEST(LexiconCache, BadCacheFilesFallBackToTheJson) {
  const std::string cache = CacheFolder("fallback");
  const LexiconCacheKey key = BundledKey();
  const std::string path = LexiconCachePath(cache, key);
  const std::string expected = GraphJson({ShortReport()}, BundledLexicon());
  const std::string good = SerializeLexiconCache(BundledLexicon(), key);
  std::string flipped = good;
  flipped[flipped.size() / 2] ^= 1;
  const std::string payload = good.substr(SealLexiconCache("", key).size());
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"truncated", good.substr(0, good.size() / 2)},
      {"flipped byte", flipped},
      {"another schema",
       SerializeLexiconCache(BundledLexicon(), {"0123456789abcdef", key.build_id})},
      {"another build",
       SerializeLexiconCache(BundledLexicon(), {key.fingerprint, "d3b42fbed4f05c93190c"})},
      {"another version", SealLexiconCache(payload, key, kLexiconCacheVersion + 1)},
      {"empty", ""},
      {"not a cache", "{\"nodes\": []}"},
  };
  for (const auto& [name, bytes] : cases) {
    fs::create_directories(cache);
    ASSERT_TRUE(WriteFileAtomic(path, bytes).ok());
    auto loaded = LoadCompiledSchema(POLICYKG_SCHEMA_DIR, cache);
    ASSERT_TRUE(loaded.ok()) << name;
    EXPECT_FALSE(loaded->from_cache) << name;
    EXPECT_EQ(GraphJson({ShortReport()}, *loaded->lexicon), expected) << name;
    auto again = LoadCompiledSchema(POLICYKG_SCHEMA_DIR, cache);  // rewritten by the fallback
    ASSERT_TRUE(again.ok()) << name;
    EXPECT_TRUE(again->from_cache) << name;
  }
}

// A cache folder that cannot be made costs nothing but the cache.
TEST(LexiconCache, UnwritableCacheFolderStillLoads) {
  const std::string file = testing::ProcessTempPath("cache_not_a_folder");
  ASSERT_TRUE(WriteFileAtomic(file, "x").ok());
  auto loaded = LoadCompiledSchema(POLICYKG_SCHEMA_DIR, file + "/cache");
  ASSERT_TRUE(loaded.ok()) << loaded.error().ToString();
  EXPECT_FALSE(loaded->from_cache);
  EXPECT_EQ(GraphJson({ShortReport()}, *loaded->lexicon),
            GraphJson({ShortReport()}, BundledLexicon()));
}

// The cache folder keeps the most recently used files only.
TEST(LexiconCache, OldFilesArePruned) {
  const std::string cache = CacheFolder("prune");
  fs::create_directories(cache);
  for (size_t i = 0; i < kLexiconCacheFilesKept + 3; ++i) {
    const std::string old =
        LexiconCachePath(cache, {std::string(16, static_cast<char>('a' + i)), "old"});
    ASSERT_TRUE(WriteFileAtomic(old, "old").ok());
    fs::last_write_time(old, fs::file_time_type::clock::now() - std::chrono::hours(24 + i));
  }
  ASSERT_TRUE(WriteFileAtomic(cache + "/unrelated.txt", "kept").ok());
  auto loaded = LoadCompiledSchema(POLICYKG_SCHEMA_DIR, cache);
  ASSERT_TRUE(loaded.ok());
  size_t files = 0;
  for (const auto& entry : fs::directory_iterator(cache))
    files += entry.path().extension() == ".lexcache";
  EXPECT_EQ(files, kLexiconCacheFilesKept);
  EXPECT_TRUE(fs::exists(LexiconCachePath(cache, BundledKey())));
  EXPECT_TRUE(fs::exists(cache + "/unrelated.txt"));
}

TEST(LexiconCache, FolderFromTheEnvironment) {
  struct Env {
    const char* name;
    std::string saved;
    bool set;
    explicit Env(const char* n)
        : name(n), saved(std::getenv(n) ? std::getenv(n) : ""), set(std::getenv(n)) {}
    ~Env() { set ? ::setenv(name, saved.c_str(), 1) : ::unsetenv(name); }
  } off("POLICYKG_SCHEMA_CACHE"), dir("POLICYKG_CACHE_DIR"), xdg("XDG_CACHE_HOME"), home("HOME");
  ::unsetenv("POLICYKG_SCHEMA_CACHE");
  ::setenv("POLICYKG_CACHE_DIR", "/x/pkg", 1);
  ::setenv("XDG_CACHE_HOME", "/x/xdg", 1);
  ::setenv("HOME", "/x/home", 1);
  EXPECT_EQ(DefaultLexiconCacheFolder(), "/x/pkg");
  ::unsetenv("POLICYKG_CACHE_DIR");
  EXPECT_EQ(DefaultLexiconCacheFolder(), "/x/xdg/policykg");
  ::setenv("XDG_CACHE_HOME", "relative", 1);  // not absolute: ignored, as the XDG spec says
  EXPECT_EQ(DefaultLexiconCacheFolder(), "/x/home/.cache/policykg");
  ::unsetenv("XDG_CACHE_HOME");
  ::unsetenv("HOME");
  EXPECT_EQ(DefaultLexiconCacheFolder(), "");
  ::setenv("POLICYKG_CACHE_DIR", "/x/pkg", 1);
  ::setenv("POLICYKG_SCHEMA_CACHE", "off", 1);
  EXPECT_EQ(DefaultLexiconCacheFolder(), "");
}

}  // namespace
}  // namespace policykg::lexicon
