// Exports SentenceBreaker: UAX #29 sentence boundaries, ASCII lines by the
// rules below and the others by ICU's sentence iterator.
#include "segment/sentence_breaks.h"

#include <unicode/uchar.h>
#include <unicode/utext.h>

#include <cstring>
#include <mutex>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/ascii_regex.h"

namespace quarry {
namespace {

// Sentence_Break values as bits, so that the rules test sets of classes.
enum : uint32_t {
  kOther = 1u << U_SB_OTHER,
  kATerm = 1u << U_SB_ATERM,
  kClose = 1u << U_SB_CLOSE,
  kFormat = 1u << U_SB_FORMAT,
  kLower = 1u << U_SB_LOWER,
  kNumeric = 1u << U_SB_NUMERIC,
  kOLetter = 1u << U_SB_OLETTER,
  kSep = 1u << U_SB_SEP,
  kSp = 1u << U_SB_SP,
  kSTerm = 1u << U_SB_STERM,
  kUpper = 1u << U_SB_UPPER,
  kCR = 1u << U_SB_CR,
  kExtend = 1u << U_SB_EXTEND,
  kLF = 1u << U_SB_LF,
  kSContinue = 1u << U_SB_SCONTINUE,
};
constexpr uint32_t kParaSep = kSep | kCR | kLF;
constexpr uint32_t kSATerm = kSTerm | kATerm;
// What SB8 skips on its way to a lower-case letter.
constexpr uint32_t kSB8Stops = kOLetter | kUpper | kLower | kParaSep | kSATerm;

}  // namespace

std::unique_ptr<SentenceBreaker> SentenceBreaker::Create(UErrorCode* status) {
  std::unique_ptr<icu::BreakIterator> prototype(
      icu::BreakIterator::createSentenceInstance(icu::Locale("en", "US"), *status));
  if (U_FAILURE(*status) || !prototype) return nullptr;
  return std::unique_ptr<SentenceBreaker>(new SentenceBreaker(std::move(prototype)));
}

SentenceBreaker::SentenceBreaker(std::unique_ptr<icu::BreakIterator> prototype)
    : prototype_(std::move(prototype)) {
  for (UChar32 c = 0; c < 128; ++c)
    classes_[c] = 1u << u_getIntPropertyValue(c, UCHAR_SENTENCE_BREAK);
  // The ASCII stop bytes ('.', '!', '?', LF, CR in Unicode 15), if few
  // enough for SkipToStop's vector compare; else it looks each byte up.
  for (int c = 0; c < 128; ++c) {
    if (!(classes_[c] & (kSATerm | kParaSep))) continue;
    if (stop_count_ == kMaxStopBytes) {
      stop_count_ = 0;
      break;
    }
    stop_bytes_[stop_count_++] = static_cast<char>(c);
  }
}

std::vector<int32_t> SentenceBreaker::Breaks(std::string_view text) const {
  std::vector<int32_t> breaks = {0};
  // Runs of whole lines, all ASCII or not: no rule looks across a line break.
  size_t run = 0;
  bool run_ascii = true;
  for (size_t pos = 0; pos < text.size();) {
    const void* nl = std::memchr(text.data() + pos, '\n', text.size() - pos);
    size_t end = nl ? static_cast<const char*>(nl) - text.data() + 1 : text.size();
    bool ascii = IsAscii(text.substr(pos, end - pos));
    if (pos > run && ascii != run_ascii) {
      std::string_view part = text.substr(run, pos - run);
      if (run_ascii) {
        AsciiBreaks(part, static_cast<int32_t>(run), &breaks);
      } else {
        IcuBreaks(part, static_cast<int32_t>(run), &breaks);
      }
      run = pos;
    }
    run_ascii = ascii;
    pos = end;
  }
  if (run < text.size()) {
    std::string_view part = text.substr(run);
    if (run_ascii) {
      AsciiBreaks(part, static_cast<int32_t>(run), &breaks);
    } else {
      IcuBreaks(part, static_cast<int32_t>(run), &breaks);
    }
  }
  return breaks;
}

size_t SentenceBreaker::SkipToStop(std::string_view text, size_t k) const {
  const size_t n = text.size();
#if defined(__SSE2__)
  // Sixteen bytes at a time while none of them is a stop byte: one compare
  // per stop byte instead of a class lookup per text byte.
  if (stop_count_ > 0) {
    __m128i stops[kMaxStopBytes];
    for (size_t s = 0; s < kMaxStopBytes; ++s)
      stops[s] = _mm_set1_epi8(static_cast<char>(stop_bytes_[s < stop_count_ ? s : 0]));
    while (k + 16 <= n) {
      __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + k));
      __m128i hit = _mm_cmpeq_epi8(chunk, stops[0]);
      for (size_t s = 1; s < kMaxStopBytes; ++s)
        hit = _mm_or_si128(hit, _mm_cmpeq_epi8(chunk, stops[s]));
      if (_mm_movemask_epi8(hit) != 0) break;
      k += 16;
    }
  }
#endif
  while (k < n && !(classes_[static_cast<unsigned char>(text[k]) & 0x7F] & (kSATerm | kParaSep)))
    ++k;
  return k;
}

// UAX #29 rules SB3 to SB998 for text without Extend or Format characters
// (no ASCII character is either), scanning forward: `term` and `spaces`
// say whether the text before the boundary ends in SATerm Close* Sp*.
void SentenceBreaker::AsciiBreaks(std::string_view text, int32_t base,
                                  std::vector<int32_t>* breaks) const {
  const size_t n = text.size();
  auto cls = [&](size_t i) { return classes_[static_cast<unsigned char>(text[i]) & 0x7F]; };
  uint32_t term = 0;        // kATerm or kSTerm, or 0.
  bool spaces = false;      // Sp after the terminator and its Close*.
  size_t lookahead = 0;     // SB8: the scan from any boundary up to here stops at
  bool lookahead_lower = false;  // the same character; whether it is Lower.
  uint32_t before = 0;      // Class of text[i - 2].
  for (size_t i = 1; i <= n; ++i) {
    if (term == 0) {
      // Up to the next terminator or paragraph separator nothing breaks
      // (SB998), and `term` stays 0: skip there.
      size_t k = SkipToStop(text, i - 1);
      if (k == n) break;
      if (k >= i) {
        i = k + 1;
        before = cls(k - 1);
      }
    }
    const uint32_t a = cls(i - 1);
    if (a & kSATerm) {
      term = a;
      spaces = false;
    } else if (a & kClose) {
      if (spaces) term = 0;
    } else if (a & kSp) {
      if (term) spaces = true;
    } else {
      term = 0;
    }
    if (i == n) break;  // The end of the text is always a boundary.
    const uint32_t b = cls(i);
    bool split;
    if (a == kCR && b == kLF) {
      split = false;  // SB3
    } else if (a & kParaSep) {
      split = true;  // SB4
    } else if (a == kATerm && b == kNumeric) {
      split = false;  // SB6
    } else if (a == kATerm && b == kUpper && (before & (kUpper | kLower))) {
      split = false;  // SB7
    } else if (term == 0) {
      split = false;  // SB998
    } else {
      split = true;  // SB11, unless one of SB8 to SB10 holds.
      if (term == kATerm) {  // SB8
        if (i > lookahead) {
          size_t k = i;
          while (k < n && !(cls(k) & kSB8Stops)) ++k;
          lookahead = k;
          lookahead_lower = k < n && cls(k) == kLower;
        }
        if (lookahead_lower) split = false;
      }
      if (b & (kSContinue | kSATerm)) split = false;                // SB8a
      if (!spaces && (b & (kClose | kSp | kParaSep))) split = false;  // SB9
      if (b & (kSp | kParaSep)) split = false;                      // SB10
    }
    if (split) breaks->push_back(base + static_cast<int32_t>(i));
    before = a;
  }
  if (n > 0) breaks->push_back(base + static_cast<int32_t>(n));
}

void SentenceBreaker::IcuBreaks(std::string_view text, int32_t base,
                                std::vector<int32_t>* breaks) const {
  if (text.empty()) return;
  // One iterator per thread, cloned from the prototype when first needed.
  thread_local std::unique_ptr<icu::BreakIterator> iterator;
  thread_local const SentenceBreaker* owner = nullptr;
  if (!iterator || owner != this) {
    // RuleBasedBreakIterator::clone only reads the prototype, but ICU does
    // not promise that; cloning is rare enough to serialize.
    static std::mutex clone_mutex;
    std::lock_guard<std::mutex> lock(clone_mutex);
    iterator.reset(prototype_->clone());
    owner = this;
  }
  size_t first = breaks->size();
  UErrorCode status = U_ZERO_ERROR;
  UText ut = UTEXT_INITIALIZER;
  utext_openUTF8(&ut, text.data(), static_cast<int64_t>(text.size()), &status);
  if (U_SUCCESS(status)) {
    iterator->setText(&ut, status);
    if (U_SUCCESS(status)) {
      iterator->first();
      for (int32_t p = iterator->next(); p != icu::BreakIterator::DONE; p = iterator->next())
        breaks->push_back(base + p);
    }
  }
  utext_close(&ut);
  // Without ICU's answer the text still splits at line ends.
  if (breaks->size() == first || breaks->back() != base + static_cast<int32_t>(text.size())) {
    breaks->resize(first);
    for (size_t i = 0; i < text.size(); ++i)
      if (text[i] == '\n') breaks->push_back(base + static_cast<int32_t>(i + 1));
    if (breaks->size() == first || breaks->back() != base + static_cast<int32_t>(text.size()))
      breaks->push_back(base + static_cast<int32_t>(text.size()));
  }
}

}  // namespace quarry
