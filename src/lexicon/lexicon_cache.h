// The compiled schema cache: a schema::Schema and the CompiledLexicon made from it, written as one
// binary file after a JSON load and read back, instead of parsing and compiling the JSON, by the
// next run of the same program on a schema of the same content. A file of another schema, another
// build, another format version, or truncated, corrupted or inconsistent is never used.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "common/status.h"
#include "lexicon/compiled_lexicon.h"
#include "schema/schema.h"

namespace policykg::lexicon {

// A schema and the lexicon compiled from it (which refers into it), owned together.
struct CompiledSchema {
  std::unique_ptr<schema::Schema> schema;
  std::unique_ptr<CompiledLexicon> lexicon;
  bool from_cache = false;  // read from a cache file (else loaded from JSON and compiled)
};

// What a cache file must match: the schema's fingerprint (schema::IdentifySchema) and the
// program's build-id (ProgramBuildId()).
struct LexiconCacheKey {
  std::string fingerprint;
  std::string build_id;
};

inline constexpr uint32_t kLexiconCacheVersion = 1;

// The file's bytes for `lexicon` and the schema it was compiled from: a header (magic, version,
// key, payload length, XXH64 of the payload), then every member of both.
std::string SerializeLexiconCache(const CompiledLexicon& lexicon, const LexiconCacheKey& key);
// Reads such bytes into new objects; an error for anything but a file SerializeLexiconCache wrote
// for `key` with this version (every length and index is checked: never a crash). The schema's
// fingerprint is the key's; its directory, rules_file and words_file are left empty.
Result<CompiledSchema> ParseLexiconCache(std::string_view bytes, const LexiconCacheKey& key);
// The bytes of a cache file holding `payload` under a valid header for `key` (tests, fuzzing).
std::string SealLexiconCache(std::string_view payload, const LexiconCacheKey& key,
                             uint32_t version = kLexiconCacheVersion);

// The cache folder: $POLICYKG_CACHE_DIR, else $XDG_CACHE_HOME/policykg, else $HOME/.cache/policykg;
// empty (no cache) when $POLICYKG_SCHEMA_CACHE is "off" or none of them is set.
std::string DefaultLexiconCacheFolder();
// The cache file of `key` in `folder`.
std::string LexiconCachePath(const std::string& folder, const LexiconCacheKey& key);
// Cache files kept in a folder: writing one removes the least recently used beyond these.
inline constexpr size_t kLexiconCacheFilesKept = 8;

// schema::LoadSchema(directory) and its CompiledLexicon, read from the cache file in
// `cache_folder` when one matches the schema's content and this program; else loaded from JSON
// and compiled, then written to the cache (atomically; a failure to write is a debug log line).
// An empty `cache_folder` turns the cache off. Errors are LoadSchema's.
Result<CompiledSchema> LoadCompiledSchema(const std::string& directory,
                                          const std::string& cache_folder);

}  // namespace policykg::lexicon
