#include "extract/pattern.h"

#include <algorithm>

#include "common/utf8.h"
#include "text/normalize.h"

namespace policykg::extract {

using std::string_view_literals::operator""sv;

namespace {
const std::string kRegionType = "Region";
}  // namespace

CompiledPattern::CompiledPattern(const std::string& name, const schema::PatternSpec& spec,
                                 const schema::Schema& schema)
    : name_(name),
      relation_(spec.relation),
      source_(spec.source),
      target_(spec.target),
      schema_(schema) {
  for (const auto& e : spec.elements) {
    Element element;
    element.kind = e.kind;
    element.region = e.span == "Region"sv;
    element.list = e.list;
    element.types = e.types;
    element.levels = e.levels;
    element.home = e.home;
    element.away = e.away;
    element.optional = e.optional;
    for (const auto& w : e.not_after) {
      std::u32string folded = text::FoldText(DecodeUtf8Lenient(w));
      if (!folded.empty()) element.not_after.AddReversed(folded, 0);
    }
    const std::vector<std::string>* words = e.kind == schema::PatternElement::kWords
                                                ? schema::FindWordList(schema.lexicons, e.words)
                                                : &e.literal;
    if (e.kind != schema::PatternElement::kSpan && words != nullptr) {
      for (const auto& w : *words) {
        std::u32string folded = text::FoldText(DecodeUtf8Lenient(w));
        if (folded.empty()) continue;
        element.words.AddReversed(folded, 0);
        element.words_forward.Add(folded, 0);
      }
    }
    elements_.push_back(std::move(element));
  }
  for (size_t i = 0; i < elements_.size(); ++i) {
    if (elements_[i].kind == schema::PatternElement::kSpan) {
      anchor_ = i;
      anchor_region_ = elements_[i].region;
    }
    auto& el = elements_[i];
    if (el.levels.empty()) continue;
    const auto& regions = schema.lexicons.regions;
    el.level_allowed.resize(regions.size());
    for (size_t r = 0; r < regions.size(); ++r) {
      el.level_allowed[r] = std::find(el.levels.begin(), el.levels.end(), regions[r].level) != el.levels.end();
    }
  }
}

bool CompiledPattern::RegionAllowed(const SentenceContext& ctx, const Element& element, int32_t r) const {
  if (!element.level_allowed.empty() && (r < 0 || static_cast<size_t>(r) >= element.level_allowed.size() ||
                                          !element.level_allowed[r]))
    return false;
  if (element.home || element.away) {
    const int32_t province = ctx.lex.gazetteer.province(ctx.out.document_region);
    if (ctx.lex.TouchesProvince(r, province) != element.home) return false;
  }
  return true;
}

bool CompiledPattern::MatchAfter(const SentenceContext& ctx, uint32_t pos) const {
  const std::u32string_view sentence(ctx.t.data(), ctx.e);
  for (size_t i = anchor_ + 1; i < elements_.size(); ++i) {
    const uint32_t len = pos < ctx.e ? elements_[i].words_forward.LongestAt(sentence, pos).length : 0;
    if (len == 0 && elements_[i].optional) continue;
    if (len == 0) return false;
    pos += len;
  }
  return true;
}

bool CompiledPattern::TypeAllowed(const Element& element, const std::string& type) const {
  return element.types.empty() ||
         std::find(element.types.begin(), element.types.end(), type) != element.types.end();
}

const std::string& CompiledPattern::TypeOf(const SentenceContext& ctx, Ref ref) const {
  return ref.kind == Ref::kEntity ? ctx.out.entities[ref.index].type : kRegionType;
}

std::vector<Ref>* CompiledPattern::Bound(size_t element, std::vector<Ref>& source,
                                         std::vector<Ref>& target) const {
  if (static_cast<int>(element) == source_) return &source;
  if (static_cast<int>(element) == target_) return &target;
  return nullptr;
}

bool CompiledPattern::MatchBefore(const SentenceContext& ctx, size_t last, uint32_t pos,
                                  std::vector<Ref>& source, std::vector<Ref>& target) const {
  for (size_t i = last; i-- > 0;) {
    const Element& el = elements_[i];
    if (el.kind != schema::PatternElement::kSpan) {
      const uint32_t len = ctx.WordEndingAt(el.words, pos, ctx.s);
      if (len == 0 && el.optional) continue;
      if (len == 0) return false;
      pos -= len;
      continue;
    }
    std::vector<Ref>* refs = Bound(i, source, target);
    if (refs) refs->clear();
    if (el.region) {
      if (el.list) {
        const std::vector<const RegionHit*> list = ctx.RegionListEndingAt(pos);
        if (list.empty()) return false;
        bool any = false;
        for (const RegionHit* h : list) {
          for (int32_t r : h->regions) {
            if (!RegionAllowed(ctx, el, r)) continue;
            any = true;
            if (refs) refs->push_back(SentenceContext::RegionRef(r));
          }
        }
        if (!any) return false;
        pos = list.front()->start;
        if (ctx.WordEndingAt(el.not_after, pos, ctx.s) > 0) return false;
      } else {
        const int32_t k =
            pos >= ctx.s && pos - ctx.s < ctx.hit_ending.size() ? ctx.hit_ending[pos - ctx.s] : -1;
        if (k < 0 || ctx.hits[k].inside_name) return false;
        bool any = false;
        for (int32_t r : ctx.hits[k].regions) {
          if (!RegionAllowed(ctx, el, r)) continue;
          any = true;
          if (refs) refs->push_back(SentenceContext::RegionRef(r));
        }
        if (!any) return false;
        pos = ctx.hits[k].start;
        if (ctx.WordEndingAt(el.not_after, pos, ctx.s) > 0) return false;
      }
    } else {
      size_t found = ctx.out.entities.size();
      for (size_t k = ctx.first_entity;
           k < ctx.out.entities.size() && found == ctx.out.entities.size(); ++k) {
        const auto& ent = ctx.out.entities[k];
        // (… also a quoted name: “钍基熔盐实验堆”在武威建成运行.)
        const bool ends_here = ent.end == pos || (ent.end + 1 == pos && text::IsQuoteMark(ctx.t[ent.end]));
        if (ends_here && TypeAllowed(el, ent.type)) found = k;
      }
      if (found == ctx.out.entities.size()) return false;
      if (refs) refs->push_back(SentenceContext::EntityRef(found));
      pos = ctx.out.entities[found].start;
    }
  }
  return true;
}

void CompiledPattern::RunFromAnchors(SentenceContext& ctx) const {
  const Element& anchor = elements_[anchor_];
  const size_t last = anchor_;
  // Scratch of the sentence context (one per thread), reused from sentence to sentence.
  std::vector<Ref>& source = ctx.pattern_source;
  std::vector<Ref>& target = ctx.pattern_target;
  for (int end : {source_, target_}) {
    if (end != schema::PatternSpec::kDocumentRegion) continue;
    if (ctx.out.document_region < 0) return;
    (end == source_ ? source : target)
        .assign(1, SentenceContext::RegionRef(ctx.out.document_region));
  }
  auto emit = [&] {
    for (const Ref& a : source) {
      for (const Ref& b : target) {
        if (schema_.Allows(relation_, TypeOf(ctx, a), TypeOf(ctx, b))) {
          ctx.AddRelation(a, b, relation_.c_str(), name_.c_str());
        }
      }
    }
  };
  std::vector<Ref>* anchor_refs = Bound(last, source, target);
  if (anchor.region) {
    for (const RegionHit& h : ctx.hits) {
      if (h.inside_name) continue;
      bool any = false;  // the region filter first: it is the cheapest test
      for (int32_t r : h.regions) any = any || RegionAllowed(ctx, anchor, r);
      if (!any || !MatchAfter(ctx, h.end) || !MatchBefore(ctx, last, h.start, source, target)) continue;
      if (anchor_refs) {
        anchor_refs->clear();
        for (int32_t r : h.regions) {
          if (RegionAllowed(ctx, anchor, r)) anchor_refs->push_back(SentenceContext::RegionRef(r));
        }
      }
      emit();
    }
  } else {
    for (size_t k = ctx.first_entity; k < ctx.out.entities.size(); ++k) {
      const auto& ent = ctx.out.entities[k];
      if (!TypeAllowed(anchor, ent.type) || !MatchAfter(ctx, ent.end) ||
          !MatchBefore(ctx, last, ent.start, source, target))
        continue;
      if (anchor_refs) anchor_refs->assign(1, SentenceContext::EntityRef(k));
      emit();
    }
  }
}

}  // namespace policykg::extract
