// Exports DetectEncoding, SniffMetaCharset, DecodeToUtf8 and ScanUtf8: the
// first normalization step, raw bytes -> UTF-8 with raw offsets.
#include "normalize/decode.h"

#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucsdet.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <vector>

namespace quarry {
namespace {

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
struct DetectorCloser {
  void operator()(UCharsetDetector* d) const { ucsdet_close(d); }
};
using ConverterPtr = std::unique_ptr<UConverter, ConverterCloser>;
using DetectorPtr = std::unique_ptr<UCharsetDetector, DetectorCloser>;

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = Lower(c);
  return out;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}

// The name we report for an ICU converter label: the MIME or IANA name when
// ICU has one ("windows-1252", "UTF-8", "Shift_JIS"), else the label itself.
std::string StandardName(const std::string& label) {
  UErrorCode status = U_ZERO_ERROR;
  ConverterPtr cnv(ucnv_open(label.c_str(), &status));
  if (U_FAILURE(status)) return label;
  // ucnv_getName returns ICU's internal name ("ibm-5348_P100-1997").
  const char* internal = ucnv_getName(cnv.get(), &status);
  if (U_FAILURE(status) || !internal) return label;
  for (const char* standard : {"MIME", "IANA"}) {
    status = U_ZERO_ERROR;
    const char* name = ucnv_getStandardName(internal, standard, &status);
    if (U_SUCCESS(status) && name) return name;
  }
  return label;
}

bool ConverterExists(const std::string& label) {
  UErrorCode status = U_ZERO_ERROR;
  ConverterPtr cnv(ucnv_open(label.c_str(), &status));
  return U_SUCCESS(status) && status != U_USING_DEFAULT_WARNING;
}

// Maps a charset label found in a page to the converter we decode with.
std::string ResolveLabel(std::string_view label) {
  std::string l = LowerAscii(label);
  // WHATWG: these labels all mean windows-1252, whose C1 range holds the
  // curly quotes that real "latin1" pages contain.
  static const char* const kLatin1[] = {"iso-8859-1", "iso8859-1", "latin1", "l1", "ascii",
                                        "us-ascii", "cp1252", "windows-1252", "x-cp1252",
                                        "iso_8859-1", "cp819", "ibm819"};
  for (const char* name : kLatin1)
    if (l == name) return "windows-1252";
  // A UTF-16 label in a page we could read as ASCII is a lie; WHATWG says UTF-8.
  if (StartsWith(l, "utf-16") || StartsWith(l, "utf16") || l == "unicode") return "UTF-8";
  if (l == "utf8" || l == "utf-8" || l == "unicode-1-1-utf-8") return "UTF-8";
  std::string name(label);
  return ConverterExists(name) ? StandardName(name) : "";
}

// Reads the value after "charset" or "encoding" at `pos` in `s`: optional
// blanks, '=', optional blanks and quote, then the label characters.
std::string_view LabelAt(std::string_view s, size_t pos) {
  while (pos < s.size() && (s[pos] == ' ' || s[pos] == '\t')) ++pos;
  if (pos >= s.size() || s[pos] != '=') return {};
  ++pos;
  while (pos < s.size() && (s[pos] == ' ' || s[pos] == '\t' || s[pos] == '"' || s[pos] == '\''))
    ++pos;
  size_t begin = pos;
  while (pos < s.size()) {
    char c = s[pos];
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.' || c == ':';
    if (!ok) break;
    ++pos;
  }
  return s.substr(begin, pos - begin);
}

// Feeds `uchars` to `out` as UTF-8, one code point at a time. A surrogate pair
// split across two ICU output chunks is joined through `pending_lead`.
class Utf16ToUtf8 {
 public:
  explicit Utf16ToUtf8(MappedText* out) : out_(out) {}

  void Add(UChar unit, uint32_t raw) {
    if (has_lead_) {
      has_lead_ = false;
      if (U16_IS_TRAIL(unit)) {
        Emit(U16_GET_SUPPLEMENTARY(lead_, unit), lead_raw_);
        return;
      }
      Emit(0xFFFD, lead_raw_);
    }
    if (U16_IS_LEAD(unit)) {
      has_lead_ = true;
      lead_ = unit;
      lead_raw_ = raw;
      return;
    }
    Emit(U16_IS_SURROGATE(unit) ? 0xFFFD : unit, raw);
  }

  void Flush() {
    if (has_lead_) Emit(0xFFFD, lead_raw_);
    has_lead_ = false;
  }

 private:
  void Emit(UChar32 c, uint32_t raw) {
    if (c < 0x80) {
      out_->Append(static_cast<char>(c), raw);
      return;
    }
    char buf[4];
    int32_t n = 0;
    U8_APPEND_UNSAFE(buf, n, c);
    out_->Append(std::string_view(buf, n), raw);
  }

  MappedText* out_;
  bool has_lead_ = false;
  UChar lead_ = 0;
  uint32_t lead_raw_ = 0;
};

// ICU to-Unicode callback: writes U+FFFD for each illegal, irregular or
// unassigned sequence and counts its bytes. (ICU's own substitute callback
// writes U+001A for single-byte code pages, which would hide the damage.)
void CountingSubstitute(const void* context, UConverterToUnicodeArgs* args, const char*,
                        int32_t length, UConverterCallbackReason reason, UErrorCode* err) {
  if (reason > UCNV_IRREGULAR) return;  // Reset, close, clone: nothing to replace.
  *static_cast<uint32_t*>(const_cast<void*>(context)) += static_cast<uint32_t>(length);
  static const UChar kReplacement = 0xFFFD;
  *err = U_ZERO_ERROR;
  ucnv_cbToUWriteUChars(args, &kReplacement, 1, 0, err);
}

// UTF-16 without a BOM: in the first bytes, most units have one NUL byte,
// always on the same side. Returns "UTF-16LE", "UTF-16BE" or "".
std::string Utf16Pattern(std::string_view raw) {
  size_t n = std::min<size_t>(raw.size(), kMetaScanBytes) & ~size_t{1};
  if (n < 8) return "";
  size_t even_nul = 0, odd_nul = 0;
  for (size_t i = 0; i < n; i += 2) {
    even_nul += raw[i] == '\0';
    odd_nul += raw[i + 1] == '\0';
  }
  size_t units = n / 2;
  if (odd_nul * 10 >= units * 7 && even_nul * 10 <= units) return "UTF-16LE";
  if (even_nul * 10 >= units * 7 && odd_nul * 10 <= units) return "UTF-16BE";
  return "";
}

EncodingGuess Guess(std::string name, std::string source, int confidence, size_t bom = 0) {
  EncodingGuess g;
  g.info.name = std::move(name);
  g.info.source = std::move(source);
  g.info.confidence = confidence;
  g.bom_size = bom;
  return g;
}

// What ICU's detector reads of a file that is neither UTF-8 nor declared:
// the lines of its first kDetectorBytes that hold a byte >= 0x80 or an ESC,
// in order, at most kDetectorSampleBytes (cut at a line end when one fits).
// Why that is enough: the detector's answer rests on the bytes that differ
// between code pages. Its UTF-8, UTF-16/32 and multi-byte recognizers count
// only non-ASCII sequences (and the ISO-2022 one only escapes), and lines
// never split them, so they see every one the prefix holds; the single-byte
// recognizers rank code pages by trigrams of letters, and the lines holding
// the accented letters and C1 punctuation are the text those code pages
// read differently. ASCII-only lines read the same in all of them and
// mostly cost time: the detector runs some thirty n-gram passes over its
// input, about 2,300 instructions per byte. The confidence is the
// detector's on this sample, which differs from its confidence on the
// whole prefix; the encoding chosen was the same on every legacy file of
// the test data and bench corpora.
std::string DetectorSample(std::string_view raw) {
  std::string_view head = raw.substr(0, std::min(raw.size(), kDetectorBytes));
  std::string sample;
  for (size_t pos = 0; pos < head.size() && sample.size() < kDetectorSampleBytes;) {
    size_t nl = head.find('\n', pos);
    size_t end = nl == std::string_view::npos ? head.size() : nl + 1;
    std::string_view line = head.substr(pos, end - pos);
    pos = end;
    bool decisive = false;
    for (char c : line) {
      if (static_cast<unsigned char>(c) >= 0x80 || c == '\x1B') {
        decisive = true;
        break;
      }
    }
    if (!decisive) continue;
    if (sample.size() + line.size() > kDetectorSampleBytes && !sample.empty()) break;
    sample.append(line.substr(0, kDetectorSampleBytes - sample.size()));
  }
  return sample;
}

}  // namespace

Utf8Scan ScanUtf8(std::string_view bytes) {
  Utf8Scan scan;
  const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
  size_t n = bytes.size(), i = 0;
  while (i < n) {
    // ASCII runs dominate; skip them eight bytes at a time.
    while (i + 8 <= n) {
      uint64_t word;
      std::memcpy(&word, s + i, 8);
      if (word & 0x8080808080808080ull) break;
      i += 8;
    }
    if (i >= n) break;
    unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    int len = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;  // No surrogates.
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;  // Nothing above U+10FFFF.
    } else {
      ++scan.invalid;  // Continuation byte, overlong lead C0/C1, or F5..FF.
      ++i;
      continue;
    }
    size_t k = 1;
    for (; k < static_cast<size_t>(len) && i + k < n; ++k) {
      unsigned char b = s[i + k];
      if (k == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF)) break;
    }
    if (k == static_cast<size_t>(len)) {
      ++scan.multibyte;
    } else {
      ++scan.invalid;  // The maximal subpart s[i, i+k) is one error.
    }
    i += k;
  }
  return scan;
}

std::string SniffMetaCharset(std::string_view raw) {
  std::string head = LowerAscii(raw.substr(0, kMetaScanBytes));
  std::string_view h(head);
  size_t start = 0;
  while (start < h.size() && (h[start] == ' ' || h[start] == '\n' || h[start] == '\r' ||
                              h[start] == '\t'))
    ++start;
  if (StartsWith(h.substr(start), "<?xml")) {
    size_t end = h.find("?>", start);
    size_t enc = h.find("encoding", start);
    if (enc != std::string_view::npos && (end == std::string_view::npos || enc < end)) {
      std::string_view label = LabelAt(raw.substr(0, kMetaScanBytes), enc + 8);
      if (!label.empty()) {
        std::string resolved = ResolveLabel(label);
        if (!resolved.empty()) return resolved;
      }
    }
  }
  size_t pos = 0;
  while ((pos = h.find("<meta", pos)) != std::string_view::npos) {
    size_t end = h.find('>', pos);
    if (end == std::string_view::npos) end = h.size();
    size_t cs = h.find("charset", pos);
    if (cs != std::string_view::npos && cs < end) {
      std::string_view label = LabelAt(raw.substr(0, kMetaScanBytes), cs + 7);
      if (!label.empty()) {
        std::string resolved = ResolveLabel(label);
        if (!resolved.empty()) return resolved;
      }
    }
    pos = end;
  }
  return "";
}

EncodingGuess DetectEncoding(std::string_view raw, bool markup) {
  // Byte order marks; UTF-32LE's FF FE 00 00 must be tested before UTF-16LE's FF FE.
  struct Bom {
    std::string_view bytes;
    const char* name;
  };
  static const Bom kBoms[] = {
      {std::string_view("\x00\x00\xFE\xFF", 4), "UTF-32BE"},
      {std::string_view("\xFF\xFE\x00\x00", 4), "UTF-32LE"},
      {std::string_view("\xEF\xBB\xBF", 3), "UTF-8"},
      {std::string_view("\xFE\xFF", 2), "UTF-16BE"},
      {std::string_view("\xFF\xFE", 2), "UTF-16LE"},
  };
  for (const Bom& bom : kBoms) {
    if (StartsWith(raw, bom.bytes)) return Guess(bom.name, "bom", 100, bom.bytes.size());
  }

  if (std::memchr(raw.data(), '\0', raw.size()) != nullptr) {
    std::string utf16 = Utf16Pattern(raw);
    if (!utf16.empty()) return Guess(utf16, "utf16-pattern", 80);
    EncodingGuess binary;
    binary.binary = true;
    return binary;
  }

  Utf8Scan scan = ScanUtf8(raw);
  if (markup) {
    std::string meta = SniffMetaCharset(raw);
    // Scrapers often save a page as UTF-8 and keep its old declaration; valid
    // multi-byte UTF-8 almost never happens by chance in another encoding.
    bool stale = meta != "UTF-8" && scan.valid() && scan.multibyte > 0;
    if (!meta.empty() && !stale) return Guess(meta, "meta", 100);
  }

  if (scan.valid()) return Guess("UTF-8", "utf8-valid", 100);
  // A stray byte in an otherwise UTF-8 file is better replaced than read as
  // windows-1252, which would turn every other non-ASCII character into mojibake.
  if (scan.multibyte >= 3 && scan.multibyte >= 2 * scan.invalid) {
    int confidence = static_cast<int>(100 * scan.multibyte / (scan.multibyte + scan.invalid));
    return Guess("UTF-8", "utf8-mostly", confidence);
  }

  // One detector per thread: opening one builds its recognizer list.
  thread_local DetectorPtr detector = [] {
    UErrorCode open_status = U_ZERO_ERROR;
    DetectorPtr d(ucsdet_open(&open_status));
    if (U_FAILURE(open_status)) d.reset();
    return d;
  }();
  if (detector) {
    UErrorCode status = U_ZERO_ERROR;
    std::string sample = DetectorSample(raw);
    ucsdet_setText(detector.get(), sample.data(), static_cast<int32_t>(sample.size()), &status);
    int32_t count = 0;
    const UCharsetMatch** matches = ucsdet_detectAll(detector.get(), &count, &status);
    for (int32_t i = 0; U_SUCCESS(status) && i < count; ++i) {
      int confidence = ucsdet_getConfidence(matches[i], &status);
      const char* name = ucsdet_getName(matches[i], &status);
      if (U_FAILURE(status) || !name || confidence < kMinDetectorConfidence) break;
      std::string label = name;
      // The detector's ISO-8859-1 is windows-1252 without the C1 punctuation.
      if (label == "ISO-8859-1") label = "windows-1252";
      // Some names ("IBM424_rtl") describe a text direction, not a converter.
      if (!ConverterExists(label)) continue;
      return Guess(StandardName(label), "detector", confidence);
    }
  }
  return Guess("windows-1252", "default", 0);
}

bool DecodeToUtf8(std::string_view raw, size_t bom_size, const std::string& encoding,
                  MappedText* out, uint32_t* invalid_bytes, std::string* error) {
  out->text.clear();
  out->offsets.clear();
  // Well-formed UTF-8, by far the most common input, is its own decoding.
  std::string_view body = raw.substr(bom_size);
  if (encoding == "UTF-8" && ScanUtf8(body).valid()) {
    *out = IdentityMapped(body, static_cast<uint32_t>(bom_size));
    *invalid_bytes = 0;
    return true;
  }

  UErrorCode status = U_ZERO_ERROR;
  ConverterPtr cnv(ucnv_open(encoding.c_str(), &status));
  if (U_FAILURE(status)) {
    *error = "cannot open converter for " + encoding + ": " + u_errorName(status);
    return false;
  }
  uint32_t invalid = 0;
  ucnv_setToUCallBack(cnv.get(), CountingSubstitute, &invalid, nullptr, nullptr, &status);
  if (U_FAILURE(status)) {
    *error = std::string("cannot set converter callback: ") + u_errorName(status);
    return false;
  }

  out->Reserve(raw.size() - bom_size + raw.size() / 8);
  // Units per call; a short article gets a short buffer (zeroing 192 KB per
  // file dominated decoding small ones), the loop below goes on after overflow.
  const size_t kChunk = std::min<size_t>(1 << 15, raw.size() + 16);
  std::vector<UChar> units(kChunk);
  std::vector<int32_t> unit_offsets(kChunk);
  Utf16ToUtf8 sink(out);

  const char* source = raw.data() + bom_size;
  const char* const limit = raw.data() + raw.size();
  uint32_t previous = static_cast<uint32_t>(bom_size);
  while (true) {
    UChar* target = units.data();
    const char* call_source = source;
    status = U_ZERO_ERROR;
    ucnv_toUnicode(cnv.get(), &target, units.data() + kChunk, &source, limit,
                   unit_offsets.data(), /*flush=*/true, &status);
    size_t produced = static_cast<size_t>(target - units.data());
    uint32_t base = static_cast<uint32_t>(call_source - raw.data());
    for (size_t i = 0; i < produced; ++i) {
      // Offsets are relative to this call's source; -1 marks output that ICU
      // carried over from the previous call (the second half of a pair).
      uint32_t at = unit_offsets[i] < 0 ? previous : base + static_cast<uint32_t>(unit_offsets[i]);
      previous = at;
      sink.Add(units[i], at);
    }
    if (status == U_BUFFER_OVERFLOW_ERROR) continue;
    if (U_FAILURE(status)) {
      *error = std::string("decoding as ") + encoding + " failed: " + u_errorName(status);
      return false;
    }
    break;
  }
  sink.Flush();
  out->Finish(static_cast<uint32_t>(raw.size()));
  *invalid_bytes = invalid;
  return true;
}

}  // namespace quarry
