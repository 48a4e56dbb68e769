// Stage 1, read + normalize.
//
// In:  Document::path and Document::raw (the file's bytes).
// Out: Document::text (clean UTF-8 body), raw_offsets, title, encoding,
//      boilerplate_bytes.
//
// Steps, in order, one file each:
//   decode.cc        pick the encoding (BOM; a UTF-16 NUL pattern; in a web
//                    page, its meta charset; well-formed UTF-8; ICU's
//                    detector, whose confidence is recorded; windows-1252)
//                    and decode with ICU, invalid input becoming U+FFFD
//                    (counted in encoding.invalid_bytes);
//   html_text.cc     reduce HTML (.html/.htm, or text that opens like a page)
//   markdown_text.cc or Markdown (.md) to text lines;
//   unify.cc         NFKC (utf8proc) and one spelling of quotes, dashes,
//                    spaces and line breaks;
//   boilerplate.cc   drop page cruft by rules/boilerplate.rules;
//   headline.cc      the title: the page's <title> or Markdown title, else
//                    the headline line above the body.
// One offset map (offset_map.h) is carried through every step so that each
// byte of `text` maps to the raw byte it came from.
#ifndef QUARRY_NORMALIZE_NORMALIZER_H_
#define QUARRY_NORMALIZE_NORMALIZER_H_

#include <memory>
#include <string>

#include "core/diagnostic.h"
#include "core/document.h"
#include "core/rule_files.h"

namespace quarry {

class Normalizer {
 public:
  // Reads boilerplate.rules from `rules`; errors (with line and column) go to
  // `sink`, and then the result is nullptr.
  static std::unique_ptr<Normalizer> Create(const RuleFiles& rules, DiagnosticSink* sink);
  virtual ~Normalizer() = default;

  // Fills the normalize fields of `doc` from doc->raw. Returns false, with a
  // one-line reason in *error, for input that is not text: "empty file",
  // "binary file (NUL bytes)", "no text content after normalization"; the
  // document must then be skipped. Thread-safe: Run may be called on one
  // Normalizer from several threads at once.
  virtual bool Run(Document* doc, std::string* error) const = 0;
};

}  // namespace quarry

#endif  // QUARRY_NORMALIZE_NORMALIZER_H_
