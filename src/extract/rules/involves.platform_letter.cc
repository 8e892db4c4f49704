// involves.platform_letter: a name that opens with places' letters and a platform's letter
// (words.json platform_letters: 雄 of 雄安新区) — 雄忻铁路, 石雄铁路, 雄商高铁, 京雄城际 — involves that
// platform as well as the places, when the report names the platform itself, before or in the same
// sentence: the earliest platform that holds sites (a heads.json host head: 新区) whose name opens
// with the letter. The letter must touch a place the name reads (忻 of 雄忻, 京 of 京雄), so 雄 in a
// word (雄厚, 英雄) involves nothing.
#include "extract/rules/rules.h"

namespace policykg::extract::rules {

namespace {

using std::string_view_literals::operator""sv;

// Letters of a name's opening run a platform's letter may stand at (雄 of 京雄科创走廊 is the second).
constexpr uint32_t kMaxRunLetters = 4;

// The earliest platform of the document up to `end` (entity indexes) that holds sites and whose
// name opens with `letter`; -1 when none.
int32_t PlatformOpeningWith(const SentenceContext& ctx, char32_t letter, size_t end) {
  for (size_t j = 0; j < end; ++j) {
    const auto& p = ctx.out.entities[j];
    if (p.host && !p.generic && p.type == "Platform"sv && p.name.size() >= 3 && p.name[0] == letter)
      return static_cast<int32_t>(j);
  }
  return -1;
}

// True when a place the name reads ends right before `pos` or starts right after it, or a blend of
// letters holds it (雄忻 of 雄忻铁路); false when a region's own name holds it (雄县).
bool TouchesNamedPlace(const EntityMention& ent, uint32_t pos) {
  bool touches = false;
  for (const auto& n : ent.named_regions) {
    if (n.start <= pos && pos < n.end && !n.blend) return false;
    touches = touches || n.end == pos || n.start == pos + 1 || (n.blend && n.start <= pos && pos < n.end);
  }
  return touches;
}

}  // namespace

void InvolvesPlatformLetter(SentenceContext& ctx) {
  if (ctx.lex.platform_letters.empty()) return;
  const auto& schema = ctx.lex.schema();
  const size_t n = ctx.out.entities.size();
  for (size_t k = ctx.first_entity; k < n; ++k) {
    const auto& ent = ctx.out.entities[k];
    if (ent.generic || ent.named_regions.empty() || !schema.Allows("involves", ent.type, "Platform")) continue;
    for (uint32_t p = ent.start; p < ent.end && p < ent.start + kMaxRunLetters; ++p) {
      const char32_t letter = ctx.t[p];
      if (ctx.lex.platform_letters.LongestAt(std::u32string_view(&letter, 1), 0).length != 1 ||
          !TouchesNamedPlace(ent, p))
        continue;
      const int32_t platform = PlatformOpeningWith(ctx, letter, n);
      // (Not the platform itself, nor a name that writes the platform's whole name: 雄安新区中关村科技园.)
      if (platform < 0 || static_cast<size_t>(platform) == k ||
          ent.name.find(ctx.out.entities[platform].name) != std::u32string::npos)
        continue;
      ctx.AddRelation(SentenceContext::EntityRef(k), SentenceContext::EntityRef(static_cast<size_t>(platform)),
                      "involves", "involves.platform_letter");
    }
  }
}

}  // namespace policykg::extract::rules
