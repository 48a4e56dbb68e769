// Exports UnifyText: NFKC through utf8proc plus the character unification
// and blank-line rules listed in unify.h.
#include "normalize/unify.h"

#include <utf8proc.h>

#include <string_view>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace quarry {
namespace {

// Applied to each code point before NFKC, so that NFKC does not turn the
// double prime into two single primes, nor the trademark sign into letters.
utf8proc_int32_t PreMap(utf8proc_int32_t c, void*) {
  switch (c) {
    case 0x2032:  // ′ prime
    case 0x2035:  // ‵ reversed prime
      return '\'';
    case 0x2033:  // ″ double prime
    case 0x2034:  // ‴ triple prime
    case 0x2036:  // ‶ reversed double prime
    case 0x2037:  // ‷ reversed triple prime
      return '"';
    case 0x2122:  // ™ and ℠ would become "TM" and "SM" glued to the name
    case 0x2120:  // ("GB200TM"); they go, by way of the soft hyphen.
      return 0x00AD;
    default:
      return c;
  }
}

bool IsVisibleAscii(unsigned char b) { return b > ' ' && b < 0x7F; }

bool IsVulgarFraction(char32_t c) {
  return (c >= 0xBC && c <= 0xBE) || (c >= 0x2150 && c <= 0x215F) || c == 0x2189;
}

// What a code point (after NFKC) becomes: itself, a replacement, or nothing.
enum class Fate { kKeep, kReplace, kDrop, kSpace, kNewline };
struct Mapping {
  Fate fate;
  std::string_view replacement;
};

Mapping MapCodePoint(char32_t c) {
  if (c < 0x80) {
    if (c == '\t') return {Fate::kSpace, {}};
    if (c == ' ') return {Fate::kSpace, {}};
    if (c == '\n' || c == '\v' || c == '\f') return {Fate::kNewline, {}};
    if (c < 0x20 || c == 0x7F) return {Fate::kDrop, {}};
    return {Fate::kKeep, {}};
  }
  switch (c) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2039: case 0x203A:
    case 0xFF07:
      return {Fate::kReplace, "'"};
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x00AB: case 0x00BB:
    case 0x301D: case 0x301E: case 0x301F: case 0xFF02:
      return {Fate::kReplace, "\""};
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2212: case 0xFE63:
    case 0xFF0D: case 0x2043:
      return {Fate::kReplace, "-"};
    case 0x2014: case 0x2015: case 0x2E3A: case 0x2E3B: case 0xFE58:
      return {Fate::kReplace, " - "};
    case 0x2044:
      return {Fate::kReplace, "/"};
    case 0x00A0: case 0x1680: case 0x202F: case 0x205F: case 0x3000:
      return {Fate::kSpace, {}};
    case 0x0085: case 0x2028: case 0x2029:
      return {Fate::kNewline, {}};
    case 0x00AD: case 0x034F: case 0x061C: case 0x180E: case 0xFEFF: case 0x00AE:
      return {Fate::kDrop, {}};
    default:
      break;
  }
  if (c <= 0x9F) return {Fate::kDrop, {}};                       // C1 controls.
  if (c >= 0x2000 && c <= 0x200A) return {Fate::kSpace, {}};     // En quad .. hair space.
  if (c >= 0x200B && c <= 0x200F) return {Fate::kDrop, {}};      // Zero width, LRM, RLM.
  if (c >= 0x202A && c <= 0x202E) return {Fate::kDrop, {}};      // Bidi embeddings.
  if (c >= 0x2060 && c <= 0x206F) return {Fate::kDrop, {}};      // Word joiner, isolates.
  if (c >= 0xFE00 && c <= 0xFE0F) return {Fate::kDrop, {}};      // Variation selectors.
  if (c >= 0xE0000 && c <= 0xE0FFF) return {Fate::kDrop, {}};    // Tags, VS supplement.
  if (c >= 0xFFF9 && c <= 0xFFFB) return {Fate::kDrop, {}};      // Interlinear annotation.
  return {Fate::kKeep, {}};
}

// Writes characters into a MappedText while enforcing the blank rules:
// spaces collapse and never start or end a line, at most one blank line.
class LineWriter {
 public:
  explicit LineWriter(MappedText* out) : out_(out) {}

  void Space(uint32_t raw) {
    if (newlines_ > 0 || at_line_start()) return;
    if (!space_) space_raw_ = raw;
    space_ = true;
  }

  void Newline(uint32_t raw) {
    space_ = false;
    if (newlines_ == 0) newline_raw_ = raw;
    ++newlines_;
  }

  // `bytes` is visible text mapping to `raw`; `raw_end` is where its source ends.
  void Text(std::string_view bytes, uint32_t raw, uint32_t raw_end) {
    Flush();
    out_->Append(bytes, raw);
    end_ = raw_end;
  }

  // Visible bytes [begin, end) of `in`, copied with their own offsets.
  void Copy(const MappedText& in, size_t begin, size_t end) {
    Flush();
    out_->AppendFrom(in, begin, end);
    end_ = in.RawAt(end);
  }

  char last() const { return out_->text.empty() ? '\0' : out_->text.back(); }
  uint32_t end() const { return end_; }
  bool empty() const { return out_->text.empty(); }

 private:
  bool at_line_start() const { return out_->text.empty() || out_->text.back() == '\n'; }

  // Writes the pending line breaks or space before visible text.
  void Flush() {
    if (newlines_ > 0) {
      if (!out_->text.empty()) out_->Append(newlines_ > 1 ? "\n\n" : "\n", newline_raw_);
      newlines_ = 0;
      space_ = false;
    }
    if (space_) {
      out_->Append(' ', space_raw_);
      space_ = false;
    }
  }

  MappedText* out_;
  bool space_ = false;
  uint32_t space_raw_ = 0;
  int newlines_ = 0;
  uint32_t newline_raw_ = 0;
  uint32_t end_ = 0;
};

class Unifier {
 public:
  Unifier(const MappedText& in, MappedText* out) : in_(in), s_(in.text), writer_(out) {}

  void Run() {
    size_t i = 0;
    while (i < s_.size()) {
      unsigned char b = static_cast<unsigned char>(s_[i]);
      if (b == '\r') {  // "\r\n" and "\r" are one line break, at the '\r'.
        writer_.Newline(in_.RawAt(i));
        i += i + 1 < s_.size() && s_[i + 1] == '\n' ? 2 : 1;
        continue;
      }
      // Fast paths: a run of visible ASCII, with single spaces between
      // visible bytes, is copied as it is (those spaces would be kept where
      // they are, with their own offsets), but not its last byte when a
      // combining mark may follow; any other ASCII byte not followed by a
      // combining character is its own cluster and NFKC.
      if (IsVisibleAscii(b)) {
        size_t j = SkipCopyable(i + 1);
        while (j < s_.size()) {
          if (IsVisibleAscii(static_cast<unsigned char>(s_[j]))) {
            ++j;
          } else if (s_[j] == ' ' && j + 1 < s_.size() &&
                     IsVisibleAscii(static_cast<unsigned char>(s_[j + 1]))) {
            j += 2;
          } else {
            break;
          }
        }
        if (j < s_.size() && static_cast<unsigned char>(s_[j]) >= 0x80) --j;
        if (j > i) {
          writer_.Copy(in_, i, j);
          i = j;
          continue;
        }
      }
      if (b < 0x80 && (i + 1 >= s_.size() || static_cast<unsigned char>(s_[i + 1]) < 0x80)) {
        Emit(b, i, i + 1);
        ++i;
        continue;
      }
      i = Cluster(i);
    }
  }

  uint32_t end() const { return writer_.empty() ? in_.RawAt(0) : writer_.end(); }

 private:
  // Decodes the code point at i; *length gets its byte count (1 for an
  // invalid byte, which reads as U+FFFD).
  char32_t Decode(size_t i, size_t* length) const {
    utf8proc_int32_t c = -1;
    utf8proc_ssize_t n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s_.data() + i),
                                          static_cast<utf8proc_ssize_t>(s_.size() - i), &c);
    if (n <= 0 || c < 0) {
      *length = 1;
      return 0xFFFD;
    }
    *length = static_cast<size_t>(n);
    return static_cast<char32_t>(c);
  }

  // Past the bytes from `j` on that the run loop in Run() would take one by
  // one (visible ASCII, and ' ' before visible ASCII), sixteen at a time;
  // the loop then goes on from there byte by byte.
  size_t SkipCopyable(size_t j) const {
#if defined(__SSE2__)
    const __m128i space = _mm_set1_epi8(' ');
    const __m128i first_visible = _mm_set1_epi8('!');
    const __m128i del = _mm_set1_epi8(0x7F);
    // Signed compare: bytes from 0x80 up count as below '!'.
    auto invisible = [&](__m128i v) {
      return _mm_or_si128(_mm_cmplt_epi8(v, first_visible), _mm_cmpeq_epi8(v, del));
    };
    while (j + 17 <= s_.size()) {
      __m128i here = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s_.data() + j));
      __m128i next = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s_.data() + j + 1));
      __m128i is_space = _mm_cmpeq_epi8(here, space);
      __m128i stop = _mm_or_si128(_mm_andnot_si128(is_space, invisible(here)),
                                  _mm_and_si128(is_space, invisible(next)));
      if (_mm_movemask_epi8(stop) != 0) break;
      j += 16;
    }
#endif
    return j;
  }

  // Normalizes the grapheme cluster starting at `begin`; returns its end.
  size_t Cluster(size_t begin) {
    size_t length = 0;
    char32_t first = Decode(begin, &length);
    size_t end = begin + length;
    utf8proc_int32_t state = 0;
    char32_t previous = first;
    int count = 1;
    bool invalid = first == 0xFFFD && length == 1 && static_cast<unsigned char>(s_[begin]) >= 0x80;
    while (end < s_.size() && count < kMaxClusterCodePoints && !invalid) {
      if (s_[end] == '\r' || s_[end] == '\n') break;
      size_t n = 0;
      char32_t next = Decode(end, &n);
      if (next == 0xFFFD && n == 1) break;
      if (utf8proc_grapheme_break_stateful(static_cast<utf8proc_int32_t>(previous),
                                           static_cast<utf8proc_int32_t>(next), &state))
        break;
      previous = next;
      end += n;
      ++count;
    }
    if (invalid) {
      Emit(0xFFFD, begin, end);
      return end;
    }
    if (IsVulgarFraction(first) && writer_.last() >= '0' && writer_.last() <= '9')
      writer_.Space(in_.RawAt(begin));

    const auto options = static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPAT |
                                                        UTF8PROC_COMPOSE);
    utf8proc_ssize_t n = utf8proc_decompose_custom(
        reinterpret_cast<const utf8proc_uint8_t*>(s_.data() + begin),
        static_cast<utf8proc_ssize_t>(end - begin), buffer_, kBufferSize, options, PreMap,
        nullptr);
    const utf8proc_int32_t* cps = buffer_;
    if (n > kBufferSize) {
      big_.resize(static_cast<size_t>(n));
      n = utf8proc_decompose_custom(reinterpret_cast<const utf8proc_uint8_t*>(s_.data() + begin),
                                    static_cast<utf8proc_ssize_t>(end - begin), big_.data(), n,
                                    options, PreMap, nullptr);
      cps = big_.data();
    }
    if (n < 0) {  // utf8proc refused the input: keep it as U+FFFD.
      Emit(0xFFFD, begin, end);
      return end;
    }
    n = utf8proc_normalize_utf32(const_cast<utf8proc_int32_t*>(cps), n, options);
    for (utf8proc_ssize_t k = 0; k < n; ++k) Emit(static_cast<char32_t>(cps[k]), begin, end);
    return end;
  }

  // Writes one normalized code point that came from input bytes [begin, end).
  void Emit(char32_t c, size_t begin, size_t end) {
    uint32_t raw = in_.RawAt(begin);
    Mapping m = MapCodePoint(c);
    switch (m.fate) {
      case Fate::kDrop:
        return;
      case Fate::kSpace:
        writer_.Space(raw);
        return;
      case Fate::kNewline:
        writer_.Newline(raw);
        return;
      case Fate::kReplace:
        if (m.replacement == " - ") {  // Em dash: blanks around it, collapsed.
          writer_.Space(raw);
          writer_.Text("-", raw, in_.RawAt(end));
          writer_.Space(raw);
        } else {
          writer_.Text(m.replacement, raw, in_.RawAt(end));
        }
        return;
      case Fate::kKeep:
        break;
    }
    utf8proc_uint8_t buf[4];
    utf8proc_ssize_t n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(c), buf);
    writer_.Text(std::string_view(reinterpret_cast<const char*>(buf), static_cast<size_t>(n)), raw,
                 in_.RawAt(end));
  }

  static constexpr utf8proc_ssize_t kBufferSize = 1024;

  const MappedText& in_;
  std::string_view s_;
  LineWriter writer_;
  utf8proc_int32_t buffer_[kBufferSize];
  std::vector<utf8proc_int32_t> big_;
};

}  // namespace

MappedText UnifyText(const MappedText& in) {
  MappedText out;
  out.Reserve(in.text.size());
  Unifier unifier(in, &out);
  unifier.Run();
  out.Finish(unifier.end());
  return out;
}

}  // namespace quarry
