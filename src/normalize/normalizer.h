// Stage 1, read + normalize.
//
// In:  Document::path and Document::raw (the file's bytes).
// Out: Document::text (clean UTF-8 body), raw_offsets, title, encoding,
//      boilerplate_bytes.
//
// Steps, in order: pick the encoding (BOM, then an HTML meta charset, then
// ICU's detector, whose confidence is recorded) and decode with ICU, invalid
// input becoming U+FFFD (counted); reduce HTML to text; NFKC (utf8proc) and
// unify quotes, dashes and spaces; drop boilerplate by rules/boilerplate.rules.
// One offset map is carried through every step so that each byte of `text`
// maps to the raw byte it came from.
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
  // one-line reason in *error, for input that is not text (NUL bytes, no
  // decodable content); the document must then be skipped.
  virtual bool Run(Document* doc, std::string* error) const = 0;
};

}  // namespace quarry

#endif  // QUARRY_NORMALIZE_NORMALIZER_H_
