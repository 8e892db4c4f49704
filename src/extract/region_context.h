// Which region, if any, a written form found in the text names, decided from its context: the
// characters around it, the report's own region, the neighbouring list items and the
// administrative head that follows. Every reading names the rule that chose it:
//   gazetteer.name                          a full form (娄底市, 恩施州, 万州区) of one region
//   gazetteer.name.province_context         a full form several regions write (鼓楼区): the one in
//                                           the report's province; or another province's name that
//                                           opens the full name of one of its prefectures (海南 in
//                                           Qinghai's report: 海南藏族自治州)
//   gazetteer.name.neighbour_context        … none there: a municipality's district alone in the
//                                           report's part of China (the code's first digit): 通州区
//                                           in Hebei's report → Beijing's
//   gazetteer.short_form                    a province's or prefecture's short form (娄底, 恩施)
//   gazetteer.short_form.province_context   a county's short form (浏阳) in a report of its province,
//                                           or a shared short form (朝阳) read as the report's own
//   gazetteer.short_form.admin_head         a county's short form followed by a head (浏阳经开区)
//   gazetteer.short_form.list               a county's short form next to a list item naming a
//                                           region of the same province (浏阳、醴陵)
//   gazetteer.short_form.after_parent       a county's short form right after its province's or
//                                           prefecture's name (重庆万州, 长沙浏阳)
//   gazetteer.short_form.route_end          a county's short form at one end of a route whose
//                                           other end is a region (黔江至吉首高铁)
// A county's context form (互助, 共和: a short form that is an ordinary word, regions_china.json
// context_forms) is read only by the list rule (in a report of its province, in a list where some item
// is a place of the province written plainly) and the route rule.
// A form that overlaps a collision word (资阳 in 投资阳光, 小金 in 中小金融), or that is a whole title in
// 《》 (《右玉》), is no region; a form that
// stays ambiguous after these rules (鼓楼区 outside the provinces that have one) is left out.
// Called from the region scan of document_extraction.cc; knows nothing else of extraction.
#pragma once

#include <cstdint>
#include <string_view>

#include "lexicon/compiled_lexicon.h"

namespace policykg::extract {

struct RegionReading {
  int32_t region = -1;        // -1: not a region here
  const char* rule = nullptr;  // one of the rule names above (static storage)
};

// The reading of `form` (a lexicon.region_names value) written at text[start, end), in a report
// whose own region is `document_region` (-1: unknown). `text` may end anywhere after `end`.
RegionReading ReadRegionForm(const lexicon::CompiledLexicon& lexicon, std::u32string_view text, uint32_t start,
                             uint32_t end, int32_t form, int32_t document_region);

// True when a collision word overlaps text[start, end) without being equal to it or inside it
// (投资 over 资阳 in 投资阳光; 小金融 over 小金).
// How many two-letter compass points (东北, 西南 …) are listed with 、 around and including the one at
// `start` (0 when none is there).
size_t CompassListLength(std::u32string_view text, uint32_t start);

bool OverlapsCollisionWord(const lexicon::CompiledLexicon& lexicon, std::u32string_view text, uint32_t start,
                           uint32_t end);

// True when text[start, end) is an item set off by 、 on both sides in a list of the government's fields
// of work, one whose clause ends in 工作 or 事务 or holds 等工作 and whose items next to it name no place
// (加强统计、港澳、参事…等工作: 港澳 is a field, not Hong Kong and Macao; 呼和浩特、包头、乌兰察布等地灾后
// 重建工作 lists places).
bool InWorkAreaList(const lexicon::CompiledLexicon& lexicon, std::u32string_view text, uint32_t start, uint32_t end);

// True when the words after a form ending at text[end] close with 之风 within a few letters in its
// clause: the form opens a call for a style of work (大兴调查研究之风, 大兴学习之风: 大兴 "to promote"),
// no place.
bool OpensAStyle(std::u32string_view text, uint32_t end);

// True when the words at text[end] name a landform called after the division whose short form ends
// there (words.json landform_suffixes: 吕梁山, 多伦湖, 黄浦江, 平陆运河, 武夷山国家公园), not a word that
// keeps the place (landform_suffix_exceptions: 吕梁山区, 桂林山水) nor another place's name (南京江北新区).
bool NamesLandformAfter(const lexicon::CompiledLexicon& lexicon, std::u32string_view text, uint32_t end);

// True when an issuer cue (省长, 人民代表大会: schema words issuer_cues) starts at text[pos].
bool IssuerCueAt(const lexicon::CompiledLexicon& lexicon, std::u32string_view text, uint32_t pos);

// True when `c` is one of the four compass letters 东, 西, 南, 北.
bool IsCompassLetter(char32_t c);

// True when `region`'s context (中心城区 → 重庆) allows it in a report of `document_region`.
bool InRegionContext(const lexicon::CompiledLexicon& lexicon, int32_t region, int32_t document_region);

}  // namespace policykg::extract
