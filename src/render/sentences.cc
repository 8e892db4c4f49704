#include "render/sentences.h"

#include <algorithm>

#include "common/utf8.h"

namespace policykg::render {

namespace {

bool EndsSentence(char32_t cp) {
  return cp == U'。' || cp == U'！' || cp == U'？' || cp == U'；' || cp == U'!' || cp == U'?' ||
         cp == U';' || cp == U'\n';
}

}  // namespace

std::string SentenceLookup::MentionSentence(const graph::Mention& mention,
                                            std::pair<size_t, size_t>* mark) {
  auto it = decoded_.find(mention.doc);
  if (it == decoded_.end()) {
    const graph::Document* doc = graph_.FindDocument(mention.doc);
    if (doc == nullptr) return "";
    it = decoded_.emplace(mention.doc, DecodeUtf8Lenient(doc->text)).first;
  }
  const std::u32string& text = it->second;
  if (mention.start >= text.size() || mention.end > text.size() || mention.start >= mention.end) {
    return "";
  }
  // The sentence, but at most kSentenceContext code points either side of the mention (a text
  // without full stops would otherwise give every mention the whole text).
  const size_t floor = mention.start > kSentenceContext ? mention.start - kSentenceContext : 0;
  const size_t ceiling = std::min<size_t>(text.size(), size_t{mention.end} + kSentenceContext);
  size_t begin = mention.start;
  while (begin > floor && !EndsSentence(text[begin - 1])) --begin;
  size_t end = mention.end;
  while (end < ceiling && !EndsSentence(text[end])) ++end;
  if (end < text.size() && end < ceiling && text[end] != U'\n') ++end;  // keep the full stop
  std::string sentence = EncodeUtf8(std::u32string_view(text).substr(begin, end - begin));
  const bool cut_before = begin > 0 && begin == floor && !EndsSentence(text[begin - 1]);
  if (cut_before) sentence = "…" + sentence;
  if (mark != nullptr) {
    const size_t shift = cut_before ? 1 : 0;
    *mark = {mention.start - begin + shift, mention.end - begin + shift};
  }
  if (end == ceiling && end < text.size() && !EndsSentence(text[end - 1])) sentence += "…";
  return sentence;
}

std::string EvidenceText(const graph::Evidence& evidence) {
  if (!evidence.source.empty()) {
    return evidence.text.empty() ? evidence.source : evidence.text + " (" + evidence.source + ")";
  }
  return evidence.text;
}

std::string Truncate(std::string_view text, size_t max_code_points) {
  // Only the bytes kept are looked at: the cost does not grow with the text.
  size_t count = 0;
  for (size_t b = 0; b < text.size(); ++b) {
    if ((static_cast<unsigned char>(text[b]) & 0xC0) == 0x80) continue;  // continuation byte
    if (count == max_code_points) return std::string(text.substr(0, b)) + "…";
    ++count;
  }
  return std::string(text);
}

}  // namespace policykg::render
