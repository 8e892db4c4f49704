// Character folding for matching. Folding is one code point to one code point, so offsets in
// the folded text are offsets in the original: full-width ASCII → ASCII (（）→(), ＡＢ→AB),
// ideographic space → space, middle-dot variants → "·". Names additionally drop quotes and
// white space to form keys (西部（重庆）科学城 and 西部(重庆)科学城 share a key).
#pragma once

#include <string>
#include <string_view>

namespace policykg::text {

char32_t FoldCodePoint(char32_t cp);

// Same length as `text`; each code point folded, and a colon between digits made the ratio sign ∶
// (2.27:1 is a value, not a clause break). Idempotent.
std::u32string FoldText(std::u32string_view text);

// True for quote and book-title marks that names drop in their key: “”‘’"'《》〈〉「」『』.
inline bool IsQuoteMark(char32_t cp) {
  switch (cp) {
    case U'“': case U'”': case U'‘': case U'’': case U'"': case U'\'':
    case U'《': case U'》': case U'〈': case U'〉': case U'「': case U'」': case U'『': case U'』':
      return true;
    default:
      return false;
  }
}

// A name as made from text: without control and format characters (IsControlOrFormat: zero-width
// joiners, bidi overrides, soft hyphens, C0/C1 controls), which would make look-alike names
// (金\u200d凤实验室 beside 金凤实验室) or reach a terminal. Offsets of the mention still count them.
std::u32string CleanName(std::u32string_view name);

// Key for comparing names: folded; quotes, book-title marks, white space and control and format
// characters removed.
std::u32string NameKey(std::u32string_view name);
std::string NameKey(std::string_view utf8_name);

}  // namespace policykg::text
