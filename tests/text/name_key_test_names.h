// Names of every kind for name-key tests: CJK, brackets and quotes in both widths, white space,
// NBSP, astral characters, control and format characters in every lead-byte range (ESC, DEL, C1,
// U+0600, U+06DD, U+070F, U+180E, U+E0001, a tag character), and ill-formed UTF-8 (truncated,
// surrogates, overlong, above U+10FFFF).
#pragma once

#include <string>
#include <vector>

namespace policykg::text {

inline const std::vector<std::string> kKeyTestNames = {
    "\xCB\xC4\x1Byz\x1C",  // the fuzzer's find: ESC and FS inside a name
    "a\x7F" "b",
    "x\xC2\x85y",
    "\xD8\x80" "x",
    "\xDB\x9D",
    "\xDC\x8F",
    "\xE1\xA0\x8E",
    "\xF3\xA0\x80\x81",
    "\xF3\xA0\x80\xA0","万州",
                                                       "西部(重庆)科学城",
                                                       "西部（重庆）科学城",
                                                       "“双倍增”行动",
                                                       "《规划》",
                                                       "A B\tC\nD\rE",
                                                       "it's \"q\"",
                                                       "Ｒ＆Ｄ",
                                                       "中·欧",
                                                       "中・欧",
                                                       "〔2022〕",
                                                       "é",
                                                       "\xC2\xA0x",
                                                       "𠀀字",
                                                       "\xE4\xB8",
                                                       "\xFF\xFE",
                                                       "\xED\xA0\x80",
                                                       "\xE0\x80\x80",
                                                       "\xF4\x90\x80\x80",
                                                       "ascii-only_123",
                                                       "",
                                                       "「甲」『乙』〈丙〉",
                                                       "ａｂｃ",
                                                       "\xEE\x80\x80",
                                                       "\xE1\x80\x80"};

}  // namespace policykg::text
