// Sentence boundaries (UAX #29, as ICU's sentence BreakIterator finds them)
// over UTF-8 text, with a fast path for ASCII lines.
//
// Why: ICU reads UTF-8 through UText one code point at a time and runs its
// rule tables on each, about 100 instructions per byte, while news text is
// nearly all ASCII once normalization has unified quotes and dashes. On
// ASCII the rules of UAX #29 need no tables: the character classes come
// from ICU's own Sentence_Break property data (so both agree on every
// byte), and a paragraph separator always ends a sentence (SB4) with no rule
// looking across it, so lines that hold non-ASCII characters can go to ICU
// on their own and the rest need not. tests/segment checks the fast path
// against ICU on random ASCII text.
#ifndef QUARRY_SEGMENT_SENTENCE_BREAKS_H_
#define QUARRY_SEGMENT_SENTENCE_BREAKS_H_

#include <unicode/brkiter.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

namespace quarry {

class SentenceBreaker {
 public:
  // nullptr when ICU cannot create its sentence iterator (*status says why).
  static std::unique_ptr<SentenceBreaker> Create(UErrorCode* status);

  // Every boundary of `text` in increasing order, from 0 to text.size()
  // (just {0} for empty text), exactly as ICU's en_US sentence iterator
  // reports them. Thread-safe.
  std::vector<int32_t> Breaks(std::string_view text) const;

  // Boundaries of ASCII text by the fast path alone, appended to *breaks
  // (offset by `base`), without the one at 0; for tests.
  void AsciiBreaks(std::string_view text, int32_t base, std::vector<int32_t>* breaks) const;

  // Boundaries by ICU alone, appended in the same way.
  void IcuBreaks(std::string_view text, int32_t base, std::vector<int32_t>* breaks) const;

 private:
  explicit SentenceBreaker(std::unique_ptr<icu::BreakIterator> prototype);

  std::unique_ptr<icu::BreakIterator> prototype_;
  // The first k >= `k` at which ASCII `text` holds a terminator (ATerm,
  // STerm) or paragraph separator, or text.size().
  size_t SkipToStop(std::string_view text, size_t k) const;

  static constexpr size_t kMaxStopBytes = 8;

  // UAX #29 Sentence_Break of each ASCII byte, as the bit 1 << value.
  std::array<uint32_t, 128> classes_{};
  // The ASCII bytes SkipToStop stops at; stop_count_ == 0 when there are
  // more than kMaxStopBytes of them (it then looks each byte up).
  std::array<char, kMaxStopBytes> stop_bytes_{};
  size_t stop_count_ = 0;
};

}  // namespace quarry

#endif  // QUARRY_SEGMENT_SENTENCE_BREAKS_H_
