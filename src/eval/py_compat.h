// The bits of Python that tools/kg_score.py relies on, reproduced so that `policykg eval` gives
// the same numbers and the same strings as the script:
//   - ScoreKey(): kg_score's norm(): NFKC, then drop “”‘’"'《》〈〉「」『』, space, tab and U+3000.
//     NFKC is applied code point by code point from a table generated from Python's unicodedata
//     (src/eval/gen_nfkc_table.py); canonical reordering/composition across code points is not
//     done, which only matters for decomposed combining sequences (never seen in policy texts).
//   - ParsePythonFloat(): float(str): Unicode white space trimmed, any Unicode decimal digit,
//     single underscores between digits, inf/infinity/nan; nullopt where Python raises.
//   - PythonFloatRepr(): repr(float) ("1.0", "0.667", "1e+16", "nan").
//   - PythonRound(): round(x, ndigits) (correctly rounded, ties to even on the exact value).
// Pure functions; nothing here logs or throws.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace policykg::eval {

// NFKC mapping of one code point (usually the code point itself).
std::u32string NfkcCodePoint(char32_t cp);
// NFKC of each code point in turn.
std::u32string NfkcFold(std::u32string_view text);

// True for the characters kg_score.py's QUOTES removes after NFKC.
bool IsScoreStripped(char32_t cp);

// kg_score.py norm(s): the key names are compared by. UTF-8 in, UTF-8 out.
std::string ScoreKey(std::string_view utf8);

// Python float(s) for a str; nullopt where Python raises ValueError.
std::optional<double> ParsePythonFloat(std::string_view utf8);

// Python repr(x) for a float.
std::string PythonFloatRepr(double x);

// Python str(x) for a JSON number read into a double: integers (as policykg writes them, i.e.
// integral and |x| < 9e15) print without a fraction, everything else as repr(float).
std::string PythonNumberStr(double x);

// Python round(x, ndigits) for a float.
double PythonRound(double x, int ndigits);

}  // namespace policykg::eval
