// Choosing a file's encoding and decoding it to UTF-8 with ICU.
#ifndef QUARRY_NORMALIZE_DECODE_H_
#define QUARRY_NORMALIZE_DECODE_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "core/document.h"
#include "normalize/offset_map.h"

namespace quarry {

// What DetectEncoding decided. `info.source` is one of
//   "bom"           a byte order mark (UTF-8, UTF-16LE/BE, UTF-32LE/BE)
//   "utf16-pattern" no BOM, but every other byte is NUL, as in UTF-16 text
//   "meta"          in a page (`markup`): <meta charset>, <meta http-equiv
//                   content=...charset=>, or <?xml encoding=?> within the
//                   first kMetaScanBytes; ignored when it names another
//                   encoding but the bytes are valid UTF-8 with multi-byte
//                   characters (a page re-saved as UTF-8 by its scraper)
//   "utf8-valid"    the bytes are well-formed UTF-8 (this includes ASCII)
//   "utf8-mostly"   UTF-8 with a few broken sequences among more good ones
//                   (windows-1252 text almost never holds a valid multi-byte
//                   sequence, but often bytes that cannot start one)
//   "detector"      ICU's charset detector, given the lines with non-ASCII
//                   bytes; info.confidence is its confidence on those
//   "default"       nothing better: windows-1252
struct EncodingGuess {
  EncodingInfo info;
  size_t bom_size = 0;  // Bytes of BOM to skip before decoding.
  bool binary = false;  // NUL bytes without a UTF-16/32 explanation.
};

inline constexpr size_t kMetaScanBytes = 4096;
// The detector's sample is taken from this much of the file: its answer for
// a page of text rarely changes with more.
inline constexpr size_t kDetectorBytes = 16 * 1024;
// Of that, the detector reads at most this much: the lines that hold
// non-ASCII bytes (see DetectorSample in decode.cc).
inline constexpr size_t kDetectorSampleBytes = 2048;
// Below this confidence the detector's answer is ignored.
inline constexpr int kMinDetectorConfidence = 20;

// `markup` says whether the file is a web page (by its name or first bytes),
// so that a <meta> mentioned in plain text is not taken for a declaration.
EncodingGuess DetectEncoding(std::string_view raw, bool markup);

// The charset named by an HTML <meta> or an XML declaration near the start of
// `raw`, mapped through the WHATWG label rules we care about (latin1 and ascii
// mean windows-1252, a utf-16 label in an ASCII-compatible page means UTF-8),
// or "" when there is none or ICU does not know it.
std::string SniffMetaCharset(std::string_view raw);

// Decodes raw[bom_size..] from `encoding` (an ICU converter name) into `out`
// (finished: offsets are raw byte offsets). Invalid or unmappable input
// becomes U+FFFD; *invalid_bytes counts the raw bytes so replaced. Returns
// false with *error set when ICU cannot open the converter.
bool DecodeToUtf8(std::string_view raw, size_t bom_size, const std::string& encoding,
                  MappedText* out, uint32_t* invalid_bytes, std::string* error);

// Checks UTF-8 well-formedness as ICU and Unicode define it (no overlongs,
// no surrogates, nothing above U+10FFFF). Counts valid multi-byte sequences
// and maximal invalid subparts.
struct Utf8Scan {
  size_t multibyte = 0;
  size_t invalid = 0;
  bool valid() const { return invalid == 0; }
};
Utf8Scan ScanUtf8(std::string_view bytes);

}  // namespace quarry

#endif  // QUARRY_NORMALIZE_DECODE_H_
