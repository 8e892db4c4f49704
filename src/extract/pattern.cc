#include "extract/pattern.h"

#include <algorithm>

#include "common/utf8.h"
#include "text/normalize.h"

namespace policykg::extract {

namespace {
const std::string kRegionType = "Region";
}  // namespace

CompiledPattern::CompiledPattern(const std::string& name, const schema::PatternSpec& spec,
                                 const schema::Schema& schema)
    : name_(name), relation_(spec.relation), source_(spec.source), target_(spec.target), schema_(schema) {
  for (const auto& e : spec.elements) {
    Element element;
    element.kind = e.kind;
    element.region = e.span == "Region";
    element.list = e.list;
    element.types = e.types;
    const std::vector<std::string>* words =
        e.kind == schema::PatternElement::kWords ? schema::FindWordList(schema.lexicons, e.words) : &e.literal;
    if (e.kind != schema::PatternElement::kSpan && words != nullptr) {
      for (const auto& w : *words) {
        std::u32string folded = text::FoldText(DecodeUtf8Lenient(w));
        if (folded.empty()) continue;
        element.words.Add(folded, 0);
        element.max_length = std::max<uint32_t>(element.max_length, static_cast<uint32_t>(folded.size()));
      }
    }
    elements_.push_back(std::move(element));
  }
}

bool CompiledPattern::TypeAllowed(const Element& element, const std::string& type) const {
  return element.types.empty() || std::find(element.types.begin(), element.types.end(), type) != element.types.end();
}

const std::string& CompiledPattern::TypeOf(const SentenceContext& ctx, Ref ref) const {
  return ref.kind == Ref::kEntity ? ctx.out.entities[ref.index].type : kRegionType;
}

void CompiledPattern::Bind(size_t element, const std::vector<Ref>& refs, std::vector<Ref>& source,
                           std::vector<Ref>& target) const {
  if (static_cast<int>(element) == source_) source = refs;
  if (static_cast<int>(element) == target_) target = refs;
}

bool CompiledPattern::MatchBefore(const SentenceContext& ctx, size_t last, uint32_t pos, std::vector<Ref>& source,
                                  std::vector<Ref>& target) const {
  std::vector<Ref> refs;
  for (size_t i = last; i-- > 0;) {
    const Element& el = elements_[i];
    refs.clear();
    if (el.kind != schema::PatternElement::kSpan) {
      const uint32_t len = ctx.WordEndingAt(el.words, el.max_length, pos, ctx.s);
      if (len == 0) return false;
      pos -= len;
      continue;
    }
    if (el.region) {
      std::vector<const RegionHit*> list;
      if (el.list) {
        list = ctx.RegionListEndingAt(pos);
      } else if (pos >= ctx.s && pos - ctx.s < ctx.hit_ending.size()) {
        const int32_t k = ctx.hit_ending[pos - ctx.s];
        if (k >= 0 && !ctx.hits[k].inside_name) list.push_back(&ctx.hits[k]);
      }
      if (list.empty()) return false;
      for (const RegionHit* h : list) {
        for (int32_t r : h->regions) refs.push_back(SentenceContext::RegionRef(r));
      }
      pos = list.front()->start;
    } else {
      size_t found = ctx.out.entities.size();
      for (size_t k = ctx.first_entity; k < ctx.out.entities.size() && found == ctx.out.entities.size(); ++k) {
        const auto& ent = ctx.out.entities[k];
        if (ent.end == pos && TypeAllowed(el, ent.type)) found = k;
      }
      if (found == ctx.out.entities.size()) return false;
      refs.push_back(SentenceContext::EntityRef(found));
      pos = ctx.out.entities[found].start;
    }
    Bind(i, refs, source, target);
  }
  return true;
}

void CompiledPattern::Run(SentenceContext& ctx) const {
  const Element& anchor = elements_.back();
  const size_t last = elements_.size() - 1;
  std::vector<Ref> source, target, anchor_refs;
  if (source_ == schema::PatternSpec::kDocumentRegion || target_ == schema::PatternSpec::kDocumentRegion) {
    if (ctx.out.document_region < 0) return;
    const std::vector<Ref> document{SentenceContext::RegionRef(ctx.out.document_region)};
    if (source_ == schema::PatternSpec::kDocumentRegion) source = document;
    if (target_ == schema::PatternSpec::kDocumentRegion) target = document;
  }
  auto emit = [&](uint32_t start) {
    Bind(last, anchor_refs, source, target);
    if (!MatchBefore(ctx, last, start, source, target)) return;
    for (const Ref& a : source) {
      for (const Ref& b : target) {
        if (schema_.Allows(relation_, TypeOf(ctx, a), TypeOf(ctx, b))) {
          ctx.AddRelation(a, b, relation_.c_str(), name_.c_str());
        }
      }
    }
  };
  if (anchor.region) {
    for (const RegionHit& h : ctx.hits) {
      if (h.inside_name) continue;
      anchor_refs.clear();
      for (int32_t r : h.regions) anchor_refs.push_back(SentenceContext::RegionRef(r));
      emit(h.start);
    }
  } else {
    for (size_t k = ctx.first_entity; k < ctx.out.entities.size(); ++k) {
      if (!TypeAllowed(anchor, ctx.out.entities[k].type)) continue;
      anchor_refs.assign(1, SentenceContext::EntityRef(k));
      emit(ctx.out.entities[k].start);
    }
  }
}

}  // namespace policykg::extract
