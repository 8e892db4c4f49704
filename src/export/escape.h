// Text escaping for every output format policykg writes (DOT, XML, CSV, TSV, N-Triples, IRIs,
// SVG ids). Each function names the grammar it follows; all take and return UTF-8.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace policykg::exports {

// A double-quoted DOT string holding a Graphviz escString as used by labels (label, xlabel,
// headlabel, taillabel): `"` → \", `\` → \\, newline → \n, CR dropped, tab kept, other control
// characters (and U+FFFE, U+FFFF) → U+FFFD.
// Graphviz draws such a label as exactly `text` (and `\N` in `text` stays literal).
std::string DotQuoted(std::string_view text);

// DotQuoted for a label drawn by Graphviz, which reads HTML entities in labels: `&` is written
// &amp; so that `&lt;` or `&xxe;` in `text` is drawn as written (and SVG output stays well-formed).
std::string DotLabel(std::string_view text);

// Like DotLabel, for tooltip-like attributes (tooltip, edgetooltip, …), which Graphviz unescapes
// twice before writing them: `\` → \\\\ so that the tooltip shows exactly `text`; `&` → &amp;
// (Graphviz copies an entity-like `&xxe;` into SVG as it is).
std::string DotQuotedTooltip(std::string_view text);

// `&` → &amp;: node ids given to Graphviz for SVG output, which copies them into <title> and
// keeps anything that looks like an entity (so `&xxe;` would make the SVG ill-formed).
std::string AmpersandsAsEntities(std::string_view text);

// A DOT string that cgraph reads back as exactly `text`, for node ids and data attributes
// Graphviz does not interpret: double-quoted with `"` → \", everything else verbatim (newlines
// too; NUL → U+FFFD). A quoted string cannot express an odd run of backslashes right before a
// quote, a newline or the end (Graphviz issue 2397): such text is written as an HTML string
// <text> when its angle brackets balance, else the run gets one more backslash (with a warning).
std::string DotQuotedRaw(std::string_view text);

// A DOT ID: bare when it is a plain identifier ([A-Za-z_][A-Za-z0-9_]*) and not a DOT keyword,
// else DotQuotedRaw.
std::string DotId(std::string_view text);

// XML 1.0 character data: & < > escaped; characters XML 1.0 forbids become U+FFFD.
std::string XmlText(std::string_view text);

// XML 1.0 attribute value (for use inside double quotes): as XmlText plus `"` and `'`, and tab,
// newline and carriage return as character references so attribute normalization keeps them.
std::string XmlAttribute(std::string_view text);

// An RFC 4180 CSV field: quoted (with `"` doubled) when it holds a comma, quote, CR or LF, or
// starts with = + - @ tab or CR (a spreadsheet would read a formula); NUL → U+FFFD.
std::string CsvField(std::string_view text);

// A TSV field: `\` → \\, tab → \t, newline → \n, carriage return → \r.
std::string TsvField(std::string_view text);

// An N-Triples STRING_LITERAL_QUOTE in canonical form, quotes included: tab, backspace, LF, CR,
// form feed, `"` and `\` as ECHAR (\t \b \n \r \f \" \\ ), other controls and U+007F as \u00XX.
std::string NTriplesString(std::string_view text);

// One IRI path segment: percent-encodes (UTF-8 bytes) everything N-Triples IRIREF forbids
// (controls, space, < > " { } | ^ ` \) and also % / ? # so the segment is unambiguous.
// Other non-ASCII characters are kept (IRIs allow them).
std::string IriSegment(std::string_view text);

// An injective mapping of any text to an XML name token usable in SVG/HTML ids and CSS
// classes: ASCII letters, digits, '_' and non-ASCII XML name characters are kept; every other
// character (including '-' and '.') becomes .<hex code point>. ("Region:万州" → "Region.3a.万州"),
// so tokens never contain '-' and can be joined with it.
std::string NameToken(std::string_view text);

// A compact JSON array of strings (UTF-8 kept as is): how string-only formats (GraphML, GEXF,
// DOT) carry list values such as aliases and evidence sentences. With `quotes_as_unicode`, `"`
// inside strings is written \u0022, so the text holds no backslash-quote (safe for DotQuotedRaw).
std::string JsonStringArray(const std::vector<std::string>& items, bool quotes_as_unicode = false);

// An XML NMTOKEN (GraphML ids and attr.name) that every schema validator accepts whichever XML
// edition's name characters it follows: ASCII letters, digits, '.', '-', ':', '_' and the CJK
// ideographs U+4E00-U+9FA5 are kept; any other character c is written _xHHHH_ (its code point,
// four or six upper-case hex digits), and so is a '_' followed by 'x' (XmlConvert.EncodeName's
// convention), so the mapping is injective ("西部(重庆)" -> "西部_x0028_重庆_x0029_").
std::string XmlNmtoken(std::string_view text);

// A list value as GEXF list types (liststring) and graphology-gexf read it: ["a","b"], each item
// double-quoted with `\`, `"`, newline, tab and CR backslash-escaped; other characters as they
// are. It is also a JSON array (networkx keeps the text: json.loads reads it).
std::string GexfList(const std::vector<std::string>& items);

}  // namespace policykg::exports
