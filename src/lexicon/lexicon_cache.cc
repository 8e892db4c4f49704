#include "lexicon/lexicon_cache.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <algorithm>
#include <bit>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <optional>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/build_id.h"
#include "common/file_io.h"
#include "common/hash64.h"

namespace policykg::lexicon {

namespace fs = std::filesystem;

// A cache file larger than this is not read.
constexpr size_t kMaxCacheFileBytes = size_t{1} << 30;

// Every struct written to the cache, with its size when its members were last listed here: a member
// added later fails to compile until it is written and read below (and kLexiconCacheVersion need
// not change: the build-id in the key already tells builds apart).
#define POLICYKG_CACHED_SIZE(T, N) \
  static_assert(sizeof(T) == (N), "a member was added to " #T ": serialize it and update " #N)
POLICYKG_CACHED_SIZE(schema::EntityType, 144);
POLICYKG_CACHED_SIZE(schema::RelationType, 200);
POLICYKG_CACHED_SIZE(schema::PatternElement, 192);
POLICYKG_CACHED_SIZE(schema::PatternSpec, 64);
POLICYKG_CACHED_SIZE(schema::RuleSpec, 144);
POLICYKG_CACHED_SIZE(schema::Region, 392);
POLICYKG_CACHED_SIZE(schema::Abbreviation, 104);
POLICYKG_CACHED_SIZE(schema::Blend, 56);
POLICYKG_CACHED_SIZE(schema::Head, 152);
POLICYKG_CACHED_SIZE(schema::Site, 120);
POLICYKG_CACHED_SIZE(schema::Route, 80);
POLICYKG_CACHED_SIZE(schema::Cue, 72);
POLICYKG_CACHED_SIZE(schema::NameExpansion, 64);
POLICYKG_CACHED_SIZE(schema::Lexicons, 2808);
POLICYKG_CACHED_SIZE(schema::Schema, 3008);
POLICYKG_CACHED_SIZE(Trie, 136);
POLICYKG_CACHED_SIZE(RegionCandidate, 8);
POLICYKG_CACHED_SIZE(RegionGazetteer, 1056);
POLICYKG_CACHED_SIZE(BlendEntry, 32);
POLICYKG_CACHED_SIZE(CompiledLexicon::CompiledRoute, 48);
POLICYKG_CACHED_SIZE(CompiledLexicon::EntityTypes, 72);
POLICYKG_CACHED_SIZE(CompiledLexicon, 66520);
#undef POLICYKG_CACHED_SIZE
static_assert(std::endian::native == std::endian::little, "numbers are written and read as their bytes");

// Writes and reads every member of the schema and its compiled lexicon (a friend of Trie,
// RegionGazetteer and CompiledLexicon). Each struct's members are listed once, in a Visit that
// both directions run: Writer appends them, Reader reads them back in the same order.
struct CacheCodec {
  // Appends values: PODs as their bytes (little-endian hosts), sizes as uint32, strings and
  // vectors as a size then their elements.
  class Writer {
   public:
    template <typename... T>
    void operator()(const T&... values) {
      (Put(values), ...);
    }
    template <typename T>
    void Raw(const std::vector<T>& v) {
      static_assert(std::is_trivially_copyable_v<T> && std::has_unique_object_representations_v<T>);
      Size(v.size());
      out_.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
    }
    // A vector of mostly `blank` values (a filter, a table by code point): its size, then either
    // its values or only the others with their indices, whichever is shorter.
    template <typename T>
    void Packed(const std::vector<T>& v, T blank, size_t = 0) {
      static_assert(std::is_arithmetic_v<T> && !std::is_same_v<T, bool>);
      const auto others =
          static_cast<size_t>(std::count_if(v.begin(), v.end(), [&](T x) { return x != blank; }));
      const bool sparse = others * (sizeof(uint32_t) + sizeof(T)) < v.size() * sizeof(T);
      Size(v.size());
      Put(sparse);
      if (!sparse) {
        out_.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
        return;
      }
      Put(blank);
      Size(others);
      for (size_t i = 0; i < v.size(); ++i) {
        if (v[i] != blank) Put(static_cast<uint32_t>(i)), Put(v[i]);
      }
    }
    std::string& bytes() { return out_; }
    bool ok() const { return ok_; }

   private:
    void Size(size_t n) {
      ok_ = ok_ && n <= UINT32_MAX;
      const auto v = static_cast<uint32_t>(n);
      out_.append(reinterpret_cast<const char*>(&v), sizeof v);
    }
    void Put(bool v) { out_.push_back(v ? 1 : 0); }
    template <typename T>
    requires(std::is_arithmetic_v<T> || std::is_enum_v<T>) void Put(T v) {
      out_.append(reinterpret_cast<const char*>(&v), sizeof v);
    }
    template <typename C>
    void Put(const std::basic_string<C>& s) {
      Size(s.size());
      out_.append(reinterpret_cast<const char*>(s.data()), s.size() * sizeof(C));
    }
    template <typename T>
    void Put(const std::vector<T>& v) {
      if constexpr ((std::is_arithmetic_v<T> && !std::is_same_v<T, bool>)) {
        Raw(v);
      } else {
        Size(v.size());
        for (const T& x : v) Put(x);
      }
    }
    template <typename A, typename B>
    void Put(const std::pair<A, B>& p) {
      Put(p.first), Put(p.second);
    }
    template <typename T>
    void Put(const std::optional<T>& o) {
      Put(o.has_value());
      if (o) Put(*o);
    }
    template <typename K, typename V>
    void Put(const std::map<K, V>& m) {
      Size(m.size());
      for (const auto& [k, v] : m) Put(k), Put(v);
    }
    // Hash maps in key order, so that a schema always gives the same bytes.
    template <typename M>
    void PutSorted(const M& m) {
      using Key = std::remove_cvref_t<decltype(m.begin()->first)>;
      using Value = std::remove_cvref_t<decltype(m.begin()->second)>;
      std::vector<std::pair<Key, const Value*>> entries;
      for (const auto& [k, v] : m) entries.emplace_back(k, &v);
      std::sort(entries.begin(), entries.end(),
                [](const auto& a, const auto& b) { return a.first < b.first; });
      Size(entries.size());
      for (const auto& [k, v] : entries) Put(k), Put(*v);
    }
    template <typename K, typename V>
    void Put(const std::unordered_map<K, V>& m) {
      PutSorted(m);
    }
    template <typename V>
    void Put(const CharMap<V>& m) {
      PutSorted(m);
    }
    // A trie: its counts, its table's non-empty slots (most are empty), its filters.
    void Put(const Trie& t) {
      (*this)(t.has_single_, t.node_count_, t.edge_count_, t.root_edges_, t.depth2_edges_,
              t.capacity_log2_);
      Size(t.edge_count_);
      for (size_t slot = 0; slot < t.edges_.size(); ++slot) {
        const Trie::Edge& e = t.edges_[slot];
        if (e.key != Trie::kEmptyKey) (*this)(static_cast<uint32_t>(slot), e.key, e.child, e.value);
      }
      (*this)(t.first_log2_, t.pairs_log2_, t.first_shift_, t.pairs_shift_);
      Packed(t.first_, uint64_t{0}), Packed(t.singles_, uint64_t{0}), Packed(t.pairs_, uint64_t{0});
    }
    template <typename T>
    requires std::is_class_v<T>
    void Put(const T& value) { Visit(*this, value); }

    std::string out_;
    bool ok_ = true;
  };

  // Counts the fewest bytes Writer writes for a value of a type: a size for each string, vector or
  // map (empty), one byte for a bool or an absent optional, the bytes of a number.
  struct Counter {
    size_t bytes = 0;
    template <typename... T>
    void operator()(const T&... values) {
      (Add(values), ...);
    }
    template <typename T>
    void Packed(const std::vector<T>&, T, size_t) {
      bytes += sizeof(uint32_t) + 1;
    }
    template <typename T>
    void Add(const T& value) {
      if constexpr (std::is_arithmetic_v<T> || std::is_enum_v<T>) {
        bytes += sizeof(T);
      } else if constexpr (requires { value.has_value(); }) {
        bytes += 1;
      } else if constexpr (requires { value.size(); }) {
        bytes += sizeof(uint32_t);
      } else if constexpr (requires { value.first; }) {
        Add(value.first), Add(value.second);
      } else {
        Visit(*this, value);
      }
    }
  };

  // Reads what Writer wrote, bounds-checked: a short read or a bad value fails the reader, which
  // then reads nothing more (every later read fails too, and every size read is 0).
  class Reader {
   public:
    explicit Reader(std::string_view bytes)
        : at_(bytes.data()), end_(bytes.data() + bytes.size()) {}
    template <typename... T>
    void operator()(T&... values) {
      (Get(values), ...);
    }
    template <typename T>
    void Raw(std::vector<T>& v) {
      size_t n = 0;
      if (!Size(n, sizeof(T))) return;
      v.resize(n);
      if (n > 0) std::memcpy(v.data(), at_, n * sizeof(T));
      at_ += n * sizeof(T);
    }
    // (`size`: the only size accepted, checked before anything is allocated.)
    template <typename T>
    void Packed(std::vector<T>& v, T, size_t size) {
      size_t n = 0;
      bool sparse = false;
      if (!Size(n, 0) || (Check(n == size), Get(sparse), !ok_)) return;
      if (!sparse) {
        Check(n <= left() / sizeof(T));
        if (!ok_) return;
        v.resize(n);
        if (n > 0) std::memcpy(v.data(), at_, n * sizeof(T));
        at_ += n * sizeof(T);
        return;
      }
      T blank{};
      size_t others = 0;
      Get(blank);
      if (!ok_ || !Size(others, sizeof(uint32_t) + sizeof(T))) return;
      v.assign(n, blank);
      for (size_t k = 0; k < others && ok_; ++k) {
        uint32_t i = 0;
        Get(i);
        Check(i < n);
        if (ok_) Get(v[i]);
      }
    }
    void Check(bool condition) {
      if (!condition) Fail();
    }
    bool ok() const { return ok_; }
    bool done() const { return at_ == end_; }

   private:
    void Fail() {
      ok_ = false;
      at_ = end_;
    }
    size_t left() const { return static_cast<size_t>(end_ - at_); }
    // A count of elements taking at least `min_bytes` each in what is left: a bad count fails
    // before anything is allocated for it.
    bool Size(size_t& n, size_t min_bytes) {
      n = 0;
      uint32_t v = 0;
      if (left() < sizeof v) return Fail(), false;
      std::memcpy(&v, at_, sizeof v);
      at_ += sizeof v;
      if (min_bytes > 0 && v > left() / min_bytes) return Fail(), false;
      n = v;
      return true;
    }
    void Get(bool& v) {
      uint8_t b = 0;
      Get(b);
      Check(b <= 1);
      v = b == 1;
    }
    template <typename T>
    requires std::is_arithmetic_v<T>
    void Get(T& v) {
      if (left() < sizeof v) return Fail();
      std::memcpy(&v, at_, sizeof v);
      at_ += sizeof v;
    }
    // Enums: read as their underlying type, checked against `count` values.
    template <typename E>
    void GetEnum(E& e, int count) {
      std::underlying_type_t<E> v{};
      Get(v);
      Check(static_cast<int>(v) >= 0 && static_cast<int>(v) < count);
      e = ok_ ? static_cast<E>(v) : E{};
    }
    void Get(schema::PatternElement::Kind& k) { GetEnum(k, 3); }
    void Get(RegionGazetteer::Tier& t) { GetEnum(t, 4); }
    template <typename C>
    void Get(std::basic_string<C>& s) {
      size_t n = 0;
      if (!Size(n, sizeof(C))) return;
      if constexpr (std::is_same_v<C, char>) {
        s.assign(at_, n);
      } else {
        s.resize(n);  // (at_ may not be aligned for C)
        if (n > 0) std::memcpy(s.data(), at_, n * sizeof(C));
      }
      at_ += n * sizeof(C);
    }
    template <typename T>
    void Get(std::vector<T>& v) {
      if constexpr ((std::is_arithmetic_v<T> && !std::is_same_v<T, bool>)) {
        Raw(v);
      } else {
        size_t n = 0;
        if (!Size(n, MinBytes<T>())) return;
        v.resize(n);
        for (size_t i = 0; i < n && ok_; ++i) Get(v[i]);
      }
    }
    template <typename A, typename B>
    void Get(std::pair<A, B>& p) {
      Get(p.first), Get(p.second);
    }
    template <typename T>
    void Get(std::optional<T>& o) {
      bool has = false;
      Get(has);
      o.reset();
      if (has && ok_) Get(o.emplace());
    }
    template <typename K, typename V>
    void Get(std::map<K, V>& m) {
      size_t n = 0;
      if (!Size(n, 2 * sizeof(uint32_t))) return;
      m.clear();
      for (size_t i = 0; i < n && ok_; ++i) {
        std::pair<K, V> entry;
        Get(entry);
        m.insert(m.end(), std::move(entry));
      }
    }
    template <typename M, typename K, typename V>
    void GetMap(M& m, size_t min_bytes) {
      size_t n = 0;
      if (!Size(n, min_bytes)) return;
      if constexpr (requires { m.reserve(n); }) m.reserve(n);
      for (size_t i = 0; i < n && ok_; ++i) {
        K k{};
        V v{};
        Get(k), Get(v);
        if (ok_) Check(m.emplace(std::move(k), std::move(v)).second);  // keys are unique
      }
    }
    template <typename K, typename V>
    void Get(std::unordered_map<K, V>& m) {
      GetMap<std::unordered_map<K, V>, K, V>(m, 2 * sizeof(uint32_t));
    }
    template <typename V>
    void Get(CharMap<V>& m) {
      GetMap<CharMap<V>, char32_t, V>(m, sizeof(char32_t) + sizeof(int32_t));
    }
    // What a lookup relies on is checked as the trie is read: a table of 2^k slots at most a
    // quarter full (every probe run ends at an empty slot), edges between existing nodes, filters
    // of the sizes their shifts address.
    void Get(Trie& t) {
      (*this)(t.has_single_, t.node_count_, t.edge_count_, t.root_edges_, t.depth2_edges_,
              t.capacity_log2_);
      // (Sizes are bounded by the edges, themselves bounded by the bytes left, before anything is
      // allocated: a table of at most 256 slots per edge, as Reserve may leave, filters likewise.)
      const size_t bound = 256 * (size_t{t.edge_count_} + 16);
      Check(t.capacity_log2_ >= Trie::kMinCapacityLog2 && t.capacity_log2_ < 32 &&
            size_t{t.edge_count_} * 4 <= size_t{1} << t.capacity_log2_ &&
            (size_t{1} << t.capacity_log2_) <= bound && t.node_count_ == t.edge_count_ + 1);
      size_t edges = 0;
      if (!ok_ || !Size(edges, sizeof(uint32_t) + sizeof(Trie::Edge)) ||
          (Check(edges == t.edge_count_), !ok_))
        return;
      t.edges_.assign(size_t{1} << t.capacity_log2_, Trie::Edge{});
      for (size_t k = 0; k < edges && ok_; ++k) {
        uint32_t slot = 0;
        Trie::Edge e;
        (*this)(slot, e.key, e.child, e.value);
        Check(slot < t.edges_.size() && t.edges_[slot].key == Trie::kEmptyKey &&
              e.key != Trie::kEmptyKey && (e.key >> 32) < t.node_count_ && e.child > 0 &&
              e.child < t.node_count_);
        if (ok_) t.edges_[slot] = e;
      }
      (*this)(t.first_log2_, t.pairs_log2_, t.first_shift_, t.pairs_shift_);
      Check(t.first_log2_ >= Trie::kMinFilterBitsLog2 && t.first_log2_ < 32 &&
            t.first_shift_ == 32 - t.first_log2_ &&
            (size_t{1} << t.first_log2_) <=
                std::max<size_t>(bound, size_t{1} << Trie::kMinFilterBitsLog2) &&
            t.pairs_log2_ >= Trie::kMinPairFilterBitsLog2 && t.pairs_log2_ < 32 &&
            t.pairs_shift_ == 32 - t.pairs_log2_ &&
            (size_t{1} << t.pairs_log2_) <=
                std::max<size_t>(bound, size_t{1} << Trie::kMinPairFilterBitsLog2));
      if (!ok_) return;
      const size_t first_words = (size_t{1} << t.first_log2_) / 64,
                   pair_words = (size_t{1} << t.pairs_log2_) / 64;
      Packed(t.first_, uint64_t{0}, first_words), Packed(t.singles_, uint64_t{0}, first_words);
      Packed(t.pairs_, uint64_t{0}, pair_words);
    }
    template <typename T>
    requires std::is_class_v<T>
    void Get(T& value) { Visit(*this, value); }
    // The fewest bytes an element of a vector of T takes (Counter), so that a count of elements is
    // checked against the bytes left before any is allocated.
    template <typename T>
    static size_t MinBytes() {
      static const size_t bytes = [] {
        Counter counter;
        const T empty{};
        counter(empty);
        return std::max<size_t>(counter.bytes, 1);
      }();
      return bytes;
    }

    const char* at_;
    const char* end_;
    bool ok_ = true;
  };

  // The members of each struct, in file order (S is T or const T).
  template <typename A, typename S>
  requires std::is_same_v<std::remove_const_t<S>, schema::EntityType>
  static void Visit(A& a, S& t) { a(t.name, t.label_zh, t.label_en, t.style); }
  template <typename A, typename S>
  requires std::is_same_v<std::remove_const_t<S>, schema::RelationType>
  static void Visit(A& a, S& t) {
    a(t.name, t.label_zh, t.label_en, t.symmetric, t.domain, t.range, t.style);
  }
  template <typename A, typename S>
  requires std::is_same_v<std::remove_const_t<S>, schema::PatternElement>
  static void Visit(A& a, S& e) {
    a(e.kind, e.span, e.types, e.list, e.levels, e.home, e.away, e.not_after, e.words, e.literal,
      e.optional);
  }
  template <typename A, typename S>
  requires std::is_same_v<std::remove_const_t<S>, schema::PatternSpec>
  static void Visit(A& a, S& p) { a(p.elements, p.relation, p.source, p.target); }
  template <typename A, typename S>
  requires std::is_same_v<std::remove_const_t<S>, schema::RuleSpec>
  static void Visit(A& a, S& r) { a(r.name, r.enabled, r.pointer, r.pattern); }
  template <typename A, typename S>
  requires std::is_same_v<std::remove_const_t<S>, schema::Region>
  static void Visit(A& a, S& r) {
    a(r.name, r.full_name, r.code, r.level, r.aliases, r.short_forms, r.context_forms, r.parents,
      r.members, r.partial_members, r.source, r.attributes, r.ambiguous, r.context);
  }
  template <typename A, typename S>
  requires std::is_same_v<std::remove_const_t<S>, schema::Abbreviation>
  static void Visit(A& a, S& x) { a(x.text, x.region, x.tier, x.standalone_blend); }
  template <typename A, typename S>
  requires std::is_same_v<std::remove_const_t<S>, schema::Blend>
  static void Visit(A& a, S& b) { a(b.text, b.regions); }
  template <typename A, typename S>
  requires std::is_same_v<std::remove_const_t<S>, schema::Head>
  static void Visit(A& a, S& h) {
    a(h.text, h.type, h.host, h.phase_type, h.short_name, h.needs_place, h.place_within,
      h.whole_name, h.verb_named, h.place_letters, h.needs_quote, h.site, h.body_part,
      h.operating_type);
  }
  template <typename A, typename S>
  requires std::is_same_v<std::remove_const_t<S>, schema::Site>
  static void Visit(A& a, S& s) { a(s.name, s.type, s.region, s.aliases); }
  template <typename A, typename S>
  requires std::is_same_v<std::remove_const_t<S>, schema::Route>
  static void Visit(A& a, S& r) { a(r.letters, r.endings, r.ends); }
  template <typename A, typename S>
  requires std::is_same_v<std::remove_const_t<S>, schema::Cue>
  static void Visit(A& a, S& c) {
    a(c.text, c.type, c.quoted_only, c.named_with_cue, c.unquoted_only, c.short_items);
  }
  template <typename A, typename S>
  requires std::is_same_v<std::remove_const_t<S>, schema::NameExpansion>
  static void Visit(A& a, S& e) { a(e.abbreviation, e.expansion); }
  template <typename A, typename S>
  requires std::is_same_v<std::remove_const_t<S>, schema::Lexicons>
  static void Visit(A& a, S& l) {
    a(l.regions, l.abbreviations, l.blends, l.heads, l.cues, l.sites, l.routes, l.name_expansions);
    // The word lists, by the one table of them (schema::WordLists), after their count.
    const auto lists = schema::WordLists(l);
    uint32_t count = static_cast<uint32_t>(lists.size());
    a(count);
    if constexpr (std::is_same_v<A, Reader>) a.Check(count == lists.size());
    for (const auto& [name, list] : lists) a(*list);
  }
  // The schema but its fingerprint (the key's) and paths (the folder it is read from now).
  template <typename A, typename S>
  requires std::is_same_v<std::remove_const_t<S>, schema::Schema>
  static void Visit(A& a, S& s) { a(s.entity_types, s.relation_types, s.lexicons, s.rules); }
  template <typename A, typename S>
  requires std::is_same_v<std::remove_const_t<S>, RegionCandidate>
  static void Visit(A& a, S& c) { a(c.region, c.short_form, c.context_only); }
  template <typename A, typename S>
  requires std::is_same_v<std::remove_const_t<S>, BlendEntry>
  static void Visit(A& a, S& b) { a(b.regions, b.city_tier); }
  template <typename A, typename S>
  requires std::is_same_v<std::remove_const_t<S>, CompiledLexicon::CompiledRoute>
  static void Visit(A& a, S& r) { a(r.endings, r.ends); }
  template <typename A, typename S>
  requires std::is_same_v<std::remove_const_t<S>, RegionGazetteer>
  static void Visit(A& a, S& g) {
    a(g.forms, g.candidates_, g.form_begin_, g.tiers_, g.provinces_, g.collisions,
      g.max_collision_length, g.landform_suffixes, g.landform_suffix_exceptions, g.heads,
      g.national_issuer_cues, g.issuer_cues);
  }
  // Every Trie member of CompiledLexicon, in declaration order.
  static constexpr Trie CompiledLexicon::*kTries[] = {
#define T(name) &CompiledLexicon::name
      T(blends),
      T(route_letters),
      T(letter_blend_endings_reversed),
      T(letter_blend_stop_words),
      T(platform_letters),
      T(letter_blend_route_endings),
      T(route_end_heads),
      T(route_end_heads_reversed),
      T(route_end_sites_reversed),
      T(town_stop_words),
      T(plan_name_verbs_reversed),
      T(title_verbs_reversed),
      T(title_skip_words),
      T(size_words),
      T(name_variants),
      T(site_designations),
      T(landform_marks),
      T(site_designation_verbs_reversed),
      T(cluster_heads_reversed),
      T(cluster_designation_verbs_reversed),
      T(brand_products),
      T(region_theme_words_reversed),
      T(works_words),
      T(league_suffixes),
      T(quoted_label_initiative_words),
      T(quoted_label_initiative_words_reversed),
      T(quoted_label_stop_words),
      T(quoted_label_platform_endings_reversed),
      T(quoted_label_closing_verbs_reversed),
      T(blend_label_site_endings_reversed),
      T(blend_label_role_endings_reversed),
      T(cluster_nouns),
      T(firm_name_endings_reversed),
      T(support_verbs_reversed),
      T(bare_metrics),
      T(total_words),
      T(share_words),
      T(counted_programmes),
      T(subject_site_verbs_reversed),
      T(national_scope_words),
      T(funding_verbs_reversed),
      T(funded_links),
      T(partner_class_nouns_reversed),
      T(letter_blend_clause_endings),
      T(build_progress),
      T(lead_roles),
      T(opposed_verbs_reversed),
      T(count_verbs),
      T(operation_words),
      T(milestone_words),
      T(weak_outcomes),
      T(metric_verbs),
      T(selection_verbs),
      T(selection_verbs_reversed),
      T(selection_openers),
      T(metric_tails_reversed),
      T(ratio_metrics_reversed),
      T(people_nouns_reversed),
      T(benefit_verbs_reversed),
      T(means_words_reversed),
      T(own_designations),
      T(platform_class_endings_reversed),
      T(cue_tails),
      T(superlatives),
      T(quoted_object_verbs_reversed),
      T(heads_reversed),
      T(boundary_reversed),
      T(boundary_words),
      T(boundary_exceptions),
      T(soft_boundary_reversed),
      T(generic_modifiers),
      T(evaluative_words),
      T(head_continuations),
      T(cooperation_cues),
      T(link_words),
      T(partner_verbs),
      T(partner_verbs_reversed),
      T(develop_verbs),
      T(host_verbs),
      T(landing_verbs),
      T(site_letter_verbs),
      T(consequence_verbs),
      T(grade_words),
      T(programme_verbs),
      T(develop_verbs_reversed),
      T(host_verbs_reversed),
      T(plan_verbs_reversed),
      T(upgrade_verbs_reversed),
      T(look_back_verbs_reversed),
      T(construction_verbs_reversed),
      T(construction_verbs),
      T(build_suffixes),
      T(build_adverbs),
      T(founding_verbs),
      T(plural_cues_reversed),
      T(stage_suffixes),
      T(companion_events),
      T(target_comparators_reversed),
      T(rate_comparators_reversed),
      T(increment_comparators_reversed),
      T(target_comparators),
      T(target_qualifiers),
      T(metric_fillers),
      T(metric_fillers_reversed),
      T(metric_end_adverbs_reversed),
      T(uncounted_nouns),
      T(counted_metrics_reversed),
      T(threshold_comparators),
      T(approximate_comparators),
      T(units),
      T(counters),
      T(cues),
      T(name_abbreviations_),
#undef T
  };
  // (types, region_part_of_region, schema_ and region_names are set from the new schema by the
  // FromCache constructor, not read.)
  template <typename A, typename S>
  requires std::is_same_v<std::remove_const_t<S>, CompiledLexicon>
  static void Visit(A& a, S& x) {
    a(x.gazetteer, x.blend_entries, x.province_abbreviations, x.province_label_letters,
      x.name_blend_letters, x.city_initials, x.district_initials, x.city_nicknames, x.site_regions,
      x.routes_by_letters, x.name_variant_canonical, x.head_is_weak, x.head_takes_abbreviation,
      x.head_ends_route, x.boilerplate, x.review_headings, x.name_expansions);
    // (region_index_ is made from the schema's regions as the constructor makes it: not written.)
    constexpr size_t kBmp = 0x10000,
                     kPairWords = (size_t{1} << CompiledLexicon::kRegionPairBitsLog2) / 64;
    a.Packed(x.province_letter_, int32_t{-1}, kBmp), a.Packed(x.position_flags_, uint8_t{0}, kBmp);
    a.Packed(x.count_words_, uint8_t{0}, kBmp), a.Packed(x.region_pairs_, uint64_t{0}, kPairWords);
    a(x.parents_, x.group_provinces_, x.astral_count_words_, x.region_single_,
      x.empty_abbreviation_);
    uint32_t count = static_cast<uint32_t>(std::size(kTries));
    a(count);
    if constexpr (std::is_same_v<A, Reader>) a.Check(count == std::size(kTries));
    for (const auto trie : kTries) a(x.*trie);
  }

  // The largest value `t` stores (-1: none); its structure was checked as it was read.
  static int32_t MaxValue(const Trie& t) {
    int32_t top = -1;
    for (const Trie::Edge& e : t.edges_)
      top = std::max(top, e.key == Trie::kEmptyKey ? -1 : e.value);
    return top;
  }

  // The cross-references a lookup follows without a check: region indices, form, blend, route,
  // head, cue and name-variant numbers, the tables the scans index by code point.
  static bool Valid(const CompiledLexicon& x) {
    const schema::Schema& s = x.schema_;
    const auto n = static_cast<int32_t>(s.lexicons.regions.size());
    const auto regions_in = [n](const std::vector<int32_t>& v, int32_t low) {
      return std::all_of(v.begin(), v.end(), [&](int32_t r) { return r >= low && r < n; });
    };
    const RegionGazetteer& g = x.gazetteer;
    const auto below = [](const Trie& t, size_t bound) {
      const int32_t top = MaxValue(t);
      return top < 0 || static_cast<size_t>(top) < bound;
    };
    // Forms: candidates of form f are [form_begin_[f], form_begin_[f + 1]).
    if (g.form_begin_.empty() || g.form_begin_.front() != 0 ||
        g.form_begin_.back() != g.candidates_.size() ||
        !std::is_sorted(g.form_begin_.begin(), g.form_begin_.end()) ||
        !below(g.forms, g.form_begin_.size() - 1))
      return false;
    if (!std::all_of(g.candidates_.begin(), g.candidates_.end(),
                     [n](const RegionCandidate& c) { return c.region >= 0 && c.region < n; }))
      return false;
    if (g.tiers_.size() != static_cast<size_t>(n) ||
        g.provinces_.size() != static_cast<size_t>(n) || !regions_in(g.provinces_, -1))
      return false;
    if (x.parents_.size() != static_cast<size_t>(n) ||
        x.group_provinces_.size() != static_cast<size_t>(n))
      return false;
    for (size_t i = 0; i < x.parents_.size(); ++i) {
      if (!regions_in(x.parents_[i], 0) || !regions_in(x.group_provinces_[i], 0)) return false;
    }
    for (const auto& b : x.blend_entries) {
      if (!regions_in(b.regions, 0)) return false;
    }
    for (const auto& routes : x.routes_by_letters) {
      for (const auto& r : routes) {
        if (!regions_in(r.ends, 0)) return false;
      }
    }
    for (const CharMap<int32_t>* m : {&x.province_abbreviations, &x.province_label_letters,
                                      &x.name_blend_letters, &x.city_nicknames}) {
      for (const auto& [cp, r] : *m) {
        if (r < 0 || r >= n) return false;
      }
    }
    for (const CharMap<std::vector<int32_t>>* m : {&x.city_initials, &x.district_initials}) {
      for (const auto& [cp, v] : *m) {
        if (!regions_in(v, 0)) return false;
      }
    }
    for (const auto& [name, r] : x.site_regions) {
      if (r < -1 || r >= n) return false;
    }
    const size_t heads = s.lexicons.heads.size();
    return below(x.blends, x.blend_entries.size()) &&
           below(x.route_letters, x.routes_by_letters.size()) &&
           below(x.name_variants, x.name_variant_canonical.size()) &&
           below(x.heads_reversed, heads) && below(x.cues, s.lexicons.cues.size()) &&
           below(x.name_abbreviations_, x.name_expansions.size()) &&
           x.head_is_weak.size() == heads && x.head_takes_abbreviation.size() == heads &&
           x.head_ends_route.size() == heads && regions_in(x.province_letter_, -1);
  }

  // What the rules' compiler assumes of a loaded schema's patterns: ends among the elements, word
  // lists that exist.
  static bool Valid(const schema::Schema& s) {
    for (const auto& rule : s.rules) {
      if (!rule.pattern) continue;
      const auto& p = *rule.pattern;
      const auto elements = static_cast<int>(p.elements.size());
      for (int end : {p.source, p.target}) {
        if (end < schema::PatternSpec::kDocumentRegion || end >= elements) return false;
      }
      for (const auto& e : p.elements) {
        if (e.kind == schema::PatternElement::kWords && !schema::FindWordList(s.lexicons, e.words))
          return false;
      }
    }
    return true;
  }

  static std::string Payload(const CompiledLexicon& lexicon) {
    Writer w;
    w(lexicon.schema());
    Visit(w, lexicon);
    return w.ok() ? std::move(w.bytes()) : std::string();
  }

  static Result<CompiledSchema> Read(std::string_view payload, const LexiconCacheKey& key) {
    CompiledSchema out;
    out.schema = std::make_unique<schema::Schema>();
    Reader r(payload);
    r(*out.schema);
    if (!r.ok()) return MakeError("schema cache: bad schema");
    if (!Valid(*out.schema)) return MakeError("schema cache: inconsistent rules");
    out.schema->fingerprint = key.fingerprint;
    out.lexicon.reset(new CompiledLexicon(*out.schema, CompiledLexicon::FromCache{}));
    out.lexicon->IndexRegions();
    Visit(r, *out.lexicon);
    if (!r.ok()) return MakeError("schema cache: bad lexicon");
    if (!r.done()) return MakeError("schema cache: bytes after the lexicon");
    if (!Valid(*out.lexicon)) return MakeError("schema cache: inconsistent lexicon");
    out.from_cache = true;
    return out;
  }
};

namespace {

constexpr char kMagic[8] = {'P', 'K', 'G', 'L', 'E', 'X', 'C', '\n'};
// magic, version, payload length, payload XXH64, then the key's two strings (uint32 size + bytes).
constexpr size_t kFixedHeaderBytes = 8 + 4 + 8 + 8;

void AppendU32(std::string& out, uint32_t v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}
void AppendU64(std::string& out, uint64_t v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}

// Removes the least recently used cache files of `folder` beyond kLexiconCacheFilesKept.
void PruneCacheFolder(const std::string& folder) {
  std::vector<std::pair<fs::file_time_type, fs::path>> files;
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path& p = it->path();
    const std::string name = p.filename().string();
    if (!name.starts_with("schema-") || !name.ends_with(".lexcache") || !it->is_regular_file(ec) ||
        it->is_symlink(ec))
      continue;
    const auto time = fs::last_write_time(p, ec);
    if (!ec) files.emplace_back(time, p);
  }
  if (files.size() <= kLexiconCacheFilesKept) return;
  std::sort(files.begin(), files.end(),
            [](const auto& a, const auto& b) { return a.first > b.first; });
  for (size_t i = kLexiconCacheFilesKept; i < files.size(); ++i) {
    fs::remove(files[i].second, ec);
    spdlog::debug("schema cache: removed the older {}", files[i].second.string());
  }
}

}  // namespace

std::string SealLexiconCache(std::string_view payload, const LexiconCacheKey& key,
                             uint32_t version) {
  std::string out(kMagic, sizeof kMagic);
  AppendU32(out, version);
  AppendU64(out, payload.size());
  AppendU64(out, Hash64(payload));
  AppendU32(out, static_cast<uint32_t>(key.fingerprint.size()));
  out += key.fingerprint;
  AppendU32(out, static_cast<uint32_t>(key.build_id.size()));
  out += key.build_id;
  out += payload;
  return out;
}

std::string SerializeLexiconCache(const CompiledLexicon& lexicon, const LexiconCacheKey& key) {
  const std::string payload = CacheCodec::Payload(lexicon);
  if (payload.empty()) return std::string();
  return SealLexiconCache(payload, key);
}

Result<CompiledSchema> ParseLexiconCache(std::string_view bytes, const LexiconCacheKey& key) {
  const auto u32 = [&](size_t at) {
    uint32_t v;
    std::memcpy(&v, bytes.data() + at, sizeof v);
    return v;
  };
  const auto u64 = [&](size_t at) {
    uint64_t v;
    std::memcpy(&v, bytes.data() + at, sizeof v);
    return v;
  };
  if (bytes.size() < kFixedHeaderBytes ||
      bytes.substr(0, sizeof kMagic) != std::string_view(kMagic, sizeof kMagic))
    return MakeError("schema cache: not a schema cache file");
  if (u32(8) != kLexiconCacheVersion)
    return MakeError(fmt::format("schema cache: format version {}", u32(8)));
  const uint64_t payload_size = u64(12), checksum = u64(20);
  // The key: two strings, each a uint32 size and its bytes.
  size_t at = kFixedHeaderBytes;
  for (const std::string* expected : {&key.fingerprint, &key.build_id}) {
    if (bytes.size() - at < 4) return MakeError("schema cache: truncated header");
    const uint32_t size = u32(at);
    at += 4;
    if (size > bytes.size() - at) return MakeError("schema cache: truncated header");
    if (bytes.substr(at, size) != *expected) {
      return MakeError(expected == &key.fingerprint ? "schema cache: another schema"
                                                    : "schema cache: another build");
    }
    at += size;
  }
  if (payload_size != bytes.size() - at) return MakeError("schema cache: truncated or overlong");
  const std::string_view payload = bytes.substr(at);
  if (Hash64(payload) != checksum) return MakeError("schema cache: checksum mismatch");
  return CacheCodec::Read(payload, key);
}

std::string DefaultLexiconCacheFolder() {
  if (const char* off = std::getenv("POLICYKG_SCHEMA_CACHE"); off && std::string_view(off) == "off")
    return "";
  if (const char* dir = std::getenv("POLICYKG_CACHE_DIR"); dir && *dir) return dir;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg == '/')
    return std::string(xdg) + "/policykg";
  if (const char* home = std::getenv("HOME"); home && *home)
    return std::string(home) + "/.cache/policykg";
  return "";
}

std::string LexiconCachePath(const std::string& folder, const LexiconCacheKey& key) {
  return (fs::path(folder) / fmt::format("schema-{}-{}.lexcache", key.fingerprint, key.build_id))
      .string();
}

Result<CompiledSchema> LoadCompiledSchema(const std::string& directory,
                                          const std::string& cache_folder) {
  LexiconCacheKey key{"", ProgramBuildId()};
  if (!cache_folder.empty() && key.build_id.empty())
    spdlog::debug("schema cache: off (this program has no build-id)");
  const bool use_cache = !cache_folder.empty() && !key.build_id.empty();
  using Clock = std::chrono::steady_clock;
  const auto ms = [](Clock::time_point from, Clock::time_point to) {
    return std::chrono::duration<double, std::milli>(to - from).count();
  };
  const Clock::time_point start = Clock::now();
  if (use_cache) {
    auto id = schema::IdentifySchema(directory);
    const Clock::time_point identified = Clock::now();
    if (!id.ok()) {
      spdlog::debug("schema cache: {}", id.error().ToString());
    } else {
      key.fingerprint = id->fingerprint;
      const std::string path = LexiconCachePath(cache_folder, key);
      auto bytes =
          ReadPrivateFileBytes(path, kMaxCacheFileBytes);  // (one another user planted is refused)
      const Clock::time_point file_read = Clock::now();
      auto read =
          bytes.ok() ? ParseLexiconCache(*bytes, key) : Result<CompiledSchema>(bytes.error());
      if (read.ok()) {
        schema::Schema& s = *read->schema;
        s.directory = directory;
        s.rules_file = id->rules_file;
        s.words_file = id->words_file;
        ::utimensat(AT_FDCWD, path.c_str(), nullptr, 0);  // recently used: kept by PruneCacheFolder
        spdlog::debug(
            "schema cache: read {} (schema identified in {:.2f} ms, file read in {:.2f}, parsed in "
            "{:.2f})",
            path, ms(start, identified), ms(identified, file_read), ms(file_read, Clock::now()));
        return read;
      }
      spdlog::debug("schema cache: not used: {}", read.error().ToString());
    }
  }
  auto loaded = schema::LoadSchema(directory);
  if (!loaded.ok()) return loaded.error();
  CompiledSchema out;
  out.schema = std::make_unique<schema::Schema>(std::move(loaded).value());
  out.lexicon = std::make_unique<CompiledLexicon>(*out.schema);
  const Clock::time_point compiled = Clock::now();
  if (use_cache) {
    // Keyed by the fingerprint of the bytes LoadSchema parsed (the files may have changed since
    // IdentifySchema read them).
    key.fingerprint = out.schema->fingerprint;
    const std::string path = LexiconCachePath(cache_folder, key);
    const std::string bytes = SerializeLexiconCache(*out.lexicon, key);
    std::error_code ec;
    fs::create_directories(cache_folder, ec);
    Status written = bytes.empty() ? Status(MakeError("too large")) : WriteFileAtomic(path, bytes);
    if (written.ok()) {
      spdlog::debug("schema cache: wrote {} ({} bytes; schema loaded and compiled in {:.2f} ms)",
                    path, bytes.size(), ms(start, compiled));
      PruneCacheFolder(cache_folder);
    } else {
      spdlog::debug("schema cache: not written: {}", written.error().ToString());
    }
  }
  return out;
}

}  // namespace policykg::lexicon
