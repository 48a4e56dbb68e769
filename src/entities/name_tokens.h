// Tokens for name matching: the unit the gazetteer automaton walks over.
//
// A token is either a word (a maximal run of Unicode word code points, as
// defined by UTS #18's \w: Alphabetic, marks, decimal digits, connector
// punctuation, join controls) or a single other non-blank code point
// ("(", ".", "'", "&", "’"). Blanks only separate tokens; each token records
// whether blanks or a line break came before it.
//
// Because word tokens are maximal, a name that matches whole tokens always
// stands on Unicode word boundaries: "Meta" is not found in "Metaλ",
// "Meta日本" or "Meta" followed by a combining mark, and never in "Metadata".
//
// Each token also carries its folded form (NFKC, case folded, marks stripped,
// via utf8proc) and a 64-bit hash of it. Matching compares folded forms, but
// spans always index the original text, so offsets stay exact however the
// folding changes lengths ("Nestlé" and "NESTLE" both fold to "nestle").
#ifndef QUARRY_ENTITIES_NAME_TOKENS_H_
#define QUARRY_ENTITIES_NAME_TOKENS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace quarry {

struct NameToken {
  uint32_t begin = 0;  // Byte range in the tokenized text.
  uint32_t end = 0;
  uint32_t folded_begin = 0;  // Byte range in NameTokens::folded.
  uint32_t folded_end = 0;
  uint64_t hash = 0;          // FoldHash() of the folded form.
  bool word = false;          // A word token (else one punctuation code point).
  bool space_before = false;  // Blanks (not a line break) between it and the previous token.
  bool line_before = false;   // A line break between it and the previous token.
  bool upper_initial = false; // Its first code point is an upper- or title-case letter.
};

class NameTokens {
 public:
  // Tokenizes `text`, which must outlive this object. Invalid UTF-8 bytes
  // count as punctuation tokens of one byte.
  explicit NameTokens(std::string_view text);

  const std::vector<NameToken>& tokens() const { return tokens_; }
  size_t size() const { return tokens_.size(); }
  const NameToken& operator[](size_t i) const { return tokens_[i]; }
  std::string_view text() const { return text_; }
  std::string_view Original(size_t i) const {
    return text_.substr(tokens_[i].begin, tokens_[i].end - tokens_[i].begin);
  }
  std::string_view Folded(size_t i) const {
    return std::string_view(folded_).substr(tokens_[i].folded_begin,
                                            tokens_[i].folded_end - tokens_[i].folded_begin);
  }
  // Index of the first token that ends after byte `offset` (size() if none).
  size_t FirstEndingAfter(uint32_t offset) const;

 private:
  std::string_view text_;
  std::string folded_;
  std::vector<NameToken> tokens_;
};

// True for code points of UTS #18 \w (see above).
bool IsWordCodePoint(int32_t c);

// NFKC + case fold + strip marks of a UTF-8 string (utf8proc). Invalid UTF-8
// is returned unchanged.
std::string FoldText(std::string_view s);
// The same, without case folding: used to check case-sensitive aliases while
// still ignoring accents.
std::string StripMarks(std::string_view s);
// NFC of a UTF-8 string: used to check aliases that must match exactly.
std::string ComposeText(std::string_view s);

// The hash stored in NameToken::hash.
uint64_t FoldHash(std::string_view folded);

// The normalized key of a name for discovered ids: folded, every run of
// non-word characters turned into one '_' ("Acme Robotics, Inc" -> "acme_robotics_inc").
std::string NameKey(std::string_view name);

}  // namespace quarry

#endif  // QUARRY_ENTITIES_NAME_TOKENS_H_
