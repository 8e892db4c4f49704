#include "export/escape.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <array>
#include <cstdio>

#include "common/utf8.h"

namespace policykg::exports {

namespace {

constexpr char32_t kReplacement = 0xFFFD;

// Characters XML 1.0 allows: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] |
// [#x10000-#x10FFFF].
bool IsXmlChar(char32_t cp) {
  return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
         (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
}

// Non-ASCII characters allowed in XML names (NameChar of XML 1.0 5th edition).
bool IsNonAsciiNameChar(char32_t cp) {
  return cp == 0xB7 || (cp >= 0xC0 && cp <= 0xD6) || (cp >= 0xD8 && cp <= 0xF6) ||
         (cp >= 0xF8 && cp <= 0x37D) || (cp >= 0x37F && cp <= 0x1FFF) ||
         (cp >= 0x200C && cp <= 0x200D) || (cp >= 0x203F && cp <= 0x2040) ||
         (cp >= 0x2070 && cp <= 0x218F) || (cp >= 0x2C00 && cp <= 0x2FEF) ||
         (cp >= 0x3001 && cp <= 0xD7FF) || (cp >= 0xF900 && cp <= 0xFDCF) ||
         (cp >= 0xFDF0 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0xEFFFF);
}

bool IsAsciiAlnum(char32_t cp) {
  return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
}

std::string DotQuotedImpl(std::string_view text, std::string_view backslash, bool amp_entity) {
  std::string out = "\"";
  out.reserve(text.size() + 2);
  for (char32_t cp : DecodeUtf8Lenient(text)) {
    switch (cp) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += backslash;
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        break;  // CR LF → \n; a lone CR is dropped
      case '\t':
        out += '\t';
        break;
      case '&':
        out += amp_entity ? "&amp;" : "&";
        break;
      default:
        AppendUtf8(cp < 0x20 || cp == 0x7F || cp == 0xFFFE || cp == 0xFFFF ? kReplacement : cp, out);
    }
  }
  out += '"';
  return out;
}

std::string XmlEscape(std::string_view text, bool attribute) {
  std::string out;
  out.reserve(text.size());
  for (char32_t cp : DecodeUtf8Lenient(text)) {
    switch (cp) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += attribute ? "&quot;" : "\"";
        break;
      case '\'':
        out += attribute ? "&apos;" : "'";
        break;
      case '\t':
        out += attribute ? "&#9;" : "\t";
        break;
      case '\n':
        out += attribute ? "&#10;" : "\n";
        break;
      case '\r':
        out += "&#13;";  // a raw CR would be normalized away even in text
        break;
      default:
        AppendUtf8(IsXmlChar(cp) ? cp : kReplacement, out);
    }
  }
  return out;
}

}  // namespace

std::string DotQuoted(std::string_view text) { return DotQuotedImpl(text, "\\\\", false); }

std::string DotLabel(std::string_view text) { return DotQuotedImpl(text, "\\\\", true); }

std::string DotQuotedTooltip(std::string_view text) { return DotQuotedImpl(text, "\\\\\\\\", true); }

std::string AmpersandsAsEntities(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '&') {
      out += "&amp;";
    } else {
      out += c;
    }
  }
  return out;
}

namespace {

// Graphviz's DOT scanner reads a pair of backslashes as two backslashes and backslash-quote as a
// quote, so in a quoted string an odd run of backslashes cannot come right before a quote, a
// newline (backslash-newline joins lines) or the end (Graphviz issue 2397).
bool QuotedStringCanHold(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] != '\\') {
      ++i;
      continue;
    }
    size_t run = 0;
    while (i < text.size() && text[i] == '\\') ++run, ++i;
    bool before_special = i == text.size() || text[i] == '"' || text[i] == '\n';
    if (before_special && run % 2 == 1) return false;
  }
  return true;
}

// True when every '<' has its '>' after it and none is left open: an HTML string <…> can hold
// `text` as it is.
bool AngleBracketsBalanced(std::string_view text) {
  int depth = 0;
  for (char c : text) {
    if (c == '<') ++depth;
    if (c == '>' && --depth < 0) return false;
  }
  return depth == 0;
}

}  // namespace

std::string DotQuotedRaw(std::string_view text) {
  std::string safe(text);
  for (size_t at = 0; (at = safe.find('\0', at)) != std::string::npos;) {
    safe.replace(at, 1, "\xEF\xBF\xBD");  // U+FFFD: C strings cannot hold NUL
  }
  if (!QuotedStringCanHold(safe)) {
    if (AngleBracketsBalanced(safe)) return "<" + safe + ">";  // read back exactly as `text`
    spdlog::warn("DOT cannot hold \"{}\" exactly (an odd run of backslashes before a quote, a "
                 "newline or the end, and unbalanced < >): one backslash is added",
                 EscapeControls(safe));
  }
  std::string out = "\"";
  out.reserve(safe.size() + 2);
  size_t i = 0;
  while (i < safe.size()) {
    char c = safe[i];
    if (c == '\\') {
      size_t run = 0;
      while (i < safe.size() && safe[i] == '\\') ++run, ++i;
      bool before_special = i == safe.size() || safe[i] == '"' || safe[i] == '\n';
      if (before_special && run % 2 == 1) ++run;  // only when no exact form exists (see above)
      out.append(run, '\\');
      continue;
    }
    if (c == '"') {
      out += "\\\"";
    } else {
      out += c;
    }
    ++i;
  }
  out += '"';
  return out;
}

std::string DotId(std::string_view text) {
  static constexpr std::array<std::string_view, 6> kKeywords = {"node",    "edge",     "graph",
                                                                "digraph", "subgraph", "strict"};
  bool plain = !text.empty() && !(text[0] >= '0' && text[0] <= '9');
  for (char c : text) {
    if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
      plain = false;
      break;
    }
  }
  if (plain) {
    for (auto keyword : kKeywords) {
      if (text.size() != keyword.size()) continue;
      bool same = true;
      for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != keyword[i]) same = false;
      }
      if (same) plain = false;
    }
  }
  return plain ? std::string(text) : DotQuotedRaw(text);
}

std::string XmlText(std::string_view text) { return XmlEscape(text, false); }

std::string XmlAttribute(std::string_view text) { return XmlEscape(text, true); }

std::string CsvField(std::string_view text) {
  const bool formula = !text.empty() && std::string_view("=+-@\t\r").find(text[0]) != std::string_view::npos;
  const bool nul = text.find('\0') != std::string_view::npos;
  if (!formula && !nul && text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '\0') {
      out += "\xEF\xBF\xBD";  // U+FFFD: neo4j-admin and spreadsheets stop at NUL
      continue;
    }
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string TsvField(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string NTriplesString(std::string_view text) {
  std::string out = "\"";
  out.reserve(text.size() + 2);
  for (char32_t cp : DecodeUtf8Lenient(text)) {
    switch (cp) {
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\f':
        out += "\\f";
        break;
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      default:
        if (cp < 0x20 || cp == 0x7F) {
          out += fmt::format("\\u{:04X}", static_cast<uint32_t>(cp));
        } else {
          AppendUtf8(cp, out);
        }
    }
  }
  out += '"';
  return out;
}

std::string IriSegment(std::string_view text) {
  static constexpr std::string_view kForbidden = "<>\"{}|^`\\%/?#";
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte == 0x7F || kForbidden.find(c) != std::string_view::npos) {
      out += fmt::format("%{:02X}", byte);
    } else {
      out += c;
    }
  }
  return out;
}

std::string NameToken(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char32_t cp : DecodeUtf8Lenient(text)) {
    if (IsAsciiAlnum(cp) || cp == '_' || (cp >= 0x80 && IsNonAsciiNameChar(cp))) {
      AppendUtf8(cp, out);
    } else {
      out += fmt::format(".{:x}.", static_cast<uint32_t>(cp));
    }
  }
  return out;
}

std::string JsonStringArray(const std::vector<std::string>& items, bool quotes_as_unicode) {
  std::string out = "[";
  for (const auto& item : items) {
    if (out.size() > 1) out += ',';
    out += '"';
    for (char c : item) {
      auto byte = static_cast<unsigned char>(c);
      switch (c) {
        case '"':
          out += quotes_as_unicode ? "\\u0022" : "\\\"";
          break;
        case '\\':
          out += "\\\\";
          break;
        case '\n':
          out += "\\n";
          break;
        case '\r':
          out += "\\r";
          break;
        case '\t':
          out += "\\t";
          break;
        default:
          if (byte < 0x20) {
            out += fmt::format("\\u{:04x}", byte);
          } else {
            out += c;
          }
      }
    }
    out += '"';
  }
  out += ']';
  return out;
}

std::string XmlNmtoken(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  const std::u32string cps = DecodeUtf8Lenient(text);
  for (size_t i = 0; i < cps.size(); ++i) {
    char32_t cp = cps[i];
    bool underscore_kept = cp == '_' && !(i + 1 < cps.size() && cps[i + 1] == 'x');
    if (IsAsciiAlnum(cp) || cp == '.' || cp == '-' || cp == ':' || underscore_kept ||
        (cp >= 0x4E00 && cp <= 0x9FA5)) {
      AppendUtf8(cp, out);
    } else {
      out += cp > 0xFFFF ? fmt::format("_x{:06X}_", static_cast<uint32_t>(cp))
                         : fmt::format("_x{:04X}_", static_cast<uint32_t>(cp));
    }
  }
  return out.empty() ? "_x_" : out;
}

std::string GexfList(const std::vector<std::string>& items) {
  std::string out = "[";
  for (const auto& item : items) {
    if (out.size() > 1) out += ',';
    out += '"';
    for (char c : item) {
      switch (c) {
        case '"':
          out += "\\\"";
          break;
        case '\\':
          out += "\\\\";
          break;
        case '\n':
          out += "\\n";
          break;
        case '\r':
          out += "\\r";
          break;
        case '\t':
          out += "\\t";
          break;
        default:
          out += c;
      }
    }
    out += '"';
  }
  out += ']';
  return out;
}

}  // namespace policykg::exports
