#include "eval/py_compat.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "common/utf8.h"

namespace policykg::eval {

namespace {

struct NfkcEntry {
  char32_t cp;
  uint16_t offset;
  uint8_t length;
};

#include "eval/nfkc_table.inc"

// Python's Py_UNICODE_ISSPACE.
bool IsPythonSpace(char32_t cp) {
  return (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x20) || cp == 0x85 || cp == 0xA0 ||
         cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 ||
         cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

// Value of a Unicode decimal digit, or -1.
int DecimalValue(char32_t cp) {
  const char32_t* end = std::end(kDecimalZeros);
  const char32_t* it = std::upper_bound(std::begin(kDecimalZeros), end, cp);
  if (it == std::begin(kDecimalZeros)) return -1;
  char32_t zero = *(it - 1);
  return cp - zero < 10 ? static_cast<int>(cp - zero) : -1;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char c = a[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != b[i]) return false;
  }
  return true;
}

// Python's _Py_dg_strtod grammar: [sign] (digits [. [digits]] | . digits) [e [sign] digits].
bool IsDecimalLiteral(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  size_t int_digits = 0, frac_digits = 0;
  while (i < s.size() && IsDigit(s[i])) ++i, ++int_digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && IsDigit(s[i])) ++i, ++frac_digits;
  }
  if (int_digits + frac_digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    size_t exp_digits = 0;
    while (i < s.size() && IsDigit(s[i])) ++i, ++exp_digits;
    if (exp_digits == 0) return false;
  }
  return i == s.size();
}

}  // namespace

std::u32string NfkcCodePoint(char32_t cp) {
  const NfkcEntry* begin = std::begin(kNfkcEntries);
  const NfkcEntry* end = std::end(kNfkcEntries);
  const NfkcEntry* it =
      std::lower_bound(begin, end, cp, [](const NfkcEntry& e, char32_t c) { return e.cp < c; });
  if (it == end || it->cp != cp) return std::u32string(1, cp);
  return std::u32string(kNfkcPool + it->offset, it->length);
}

std::u32string NfkcFold(std::u32string_view text) {
  std::u32string out;
  out.reserve(text.size());
  for (char32_t cp : text) {
    if (cp < 0xA0) {  // ASCII and C1 controls are NFKC-stable
      out.push_back(cp);
    } else {
      out += NfkcCodePoint(cp);
    }
  }
  return out;
}

bool IsScoreStripped(char32_t cp) {
  // kg_score.py: QUOTES = "“”‘’\"'《》〈〉「」『』 \t\u3000"
  constexpr std::u32string_view kQuotes = U"“”‘’\"'《》〈〉「」『』 \t\u3000";
  return kQuotes.find(cp) != std::u32string_view::npos;
}

std::string ScoreKey(std::string_view utf8) {
  std::u32string folded = NfkcFold(DecodeUtf8Lenient(utf8));
  std::erase_if(folded, IsScoreStripped);
  return EncodeUtf8(folded);
}

std::optional<double> ParsePythonFloat(std::string_view utf8) {
  // _PyUnicode_TransformDecimalAndSpaceToASCII: white space -> ' ', decimal digits -> ASCII,
  // anything else non-ASCII makes the string invalid.
  std::string ascii;
  for (char32_t cp : DecodeUtf8Lenient(utf8)) {
    if (cp < 0x80) {
      ascii.push_back(static_cast<char>(cp));
    } else if (IsPythonSpace(cp)) {
      ascii.push_back(' ');
    } else if (int d = DecimalValue(cp); d >= 0) {
      ascii.push_back(static_cast<char>('0' + d));
    } else {
      return std::nullopt;
    }
  }
  if (ascii.find('\0') != std::string::npos) return std::nullopt;
  // _Py_string_to_number_with_underscores: each '_' between two digits, then dropped.
  if (ascii.find('_') != std::string::npos) {
    std::string kept;
    char prev = '\0';
    for (char c : ascii) {
      if (c == '_') {
        if (!IsDigit(prev)) return std::nullopt;
      } else {
        if (prev == '_' && !IsDigit(c)) return std::nullopt;
        kept.push_back(c);
      }
      prev = c;
    }
    if (prev == '_') return std::nullopt;
    ascii = std::move(kept);
  }
  // float_from_string_inner: strip ASCII white space, then the whole rest must parse.
  auto is_space = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
  size_t b = 0, e = ascii.size();
  while (b < e && is_space(ascii[b])) ++b;
  while (e > b && is_space(ascii[e - 1])) --e;
  std::string_view s(ascii.data() + b, e - b);
  if (IsDecimalLiteral(s)) {
    std::string copy(s);
    return std::strtod(copy.c_str(), nullptr);  // the "C" locale: policykg never calls setlocale
  }
  bool negative = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  if (EqualsIgnoreCase(s, "inf") || EqualsIgnoreCase(s, "infinity")) {
    return negative ? -HUGE_VAL : HUGE_VAL;
  }
  if (EqualsIgnoreCase(s, "nan")) return negative ? -std::nan("") : std::nan("");
  return std::nullopt;
}

std::string PythonFloatRepr(double x) {
  if (std::isnan(x)) return "nan";
  if (std::isinf(x)) return x < 0 ? "-inf" : "inf";
  if (x == 0) return std::signbit(x) ? "-0.0" : "0.0";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::scientific);
  std::string sci(buf, res.ptr);  // "-d.ddde+XX", shortest round-trip digits
  std::string sign;
  if (sci[0] == '-') {
    sign = "-";
    sci.erase(0, 1);
  }
  size_t epos = sci.find('e');
  int exponent = std::atoi(sci.c_str() + epos + 1);
  std::string digits;
  for (size_t i = 0; i < epos; ++i) {
    if (sci[i] != '.') digits.push_back(sci[i]);
  }
  const int decpt = exponent + 1;  // position of the decimal point relative to `digits`
  const int n = static_cast<int>(digits.size());
  std::string out = sign;
  if (decpt > -4 && decpt <= 16) {
    if (decpt <= 0) {
      out += "0." + std::string(-decpt, '0') + digits;
    } else if (decpt >= n) {
      out += digits + std::string(decpt - n, '0') + ".0";
    } else {
      out += digits.substr(0, decpt) + "." + digits.substr(decpt);
    }
    return out;
  }
  out += digits.substr(0, 1);
  if (n > 1) out += "." + digits.substr(1);
  char exp[16];
  std::snprintf(exp, sizeof exp, "e%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
  return out + exp;
}

std::string PythonNumberStr(double x) {
  if (std::isfinite(x) && x == std::floor(x) && std::fabs(x) < 9e15) {
    return std::to_string(static_cast<long long>(x));
  }
  return PythonFloatRepr(x);
}

double PythonRound(double x, int ndigits) {
  if (!std::isfinite(x) || ndigits < 0 || ndigits > 300) return x;
  // glibc's printf is correctly rounded (ties to even on the exact binary value), as is
  // Python's _Py_dg_dtoa mode 3 that round() uses.
  char buf[512];
  int len = std::snprintf(buf, sizeof buf, "%.*f", ndigits, x);
  if (len <= 0 || len >= static_cast<int>(sizeof buf)) return x;
  double rounded = std::strtod(buf, nullptr);
  if (rounded == 0) return std::copysign(0.0, x);
  return rounded;
}

}  // namespace policykg::eval
