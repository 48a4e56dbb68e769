// Stage 2, sentences.
//
// In:  Document::text.
// Out: Document::sentences, in order, non-overlapping, trimmed of blanks.
//
// ICU's sentence breaks, except after abbreviations listed in
// rules/abbreviations.rules ("Inc.", "Corp.", "U.S.", "Dr.", ...) and single
// initials; a line break always ends a sentence (headlines, bullets, table
// rows), a table row ("| a | b |") is one sentence, and a list marker at the
// start of a line ("- ", "* ", "• ", "1. ") is not part of its sentence.
// Sentences without a letter or digit are left out. No sentence is longer
// than 4096 bytes: a longer run without a sentence end (a page without
// punctuation, a huge table row) is cut at blanks, so that later stages'
// per-sentence work stays bounded on hostile input.
#ifndef QUARRY_SEGMENT_SEGMENTER_H_
#define QUARRY_SEGMENT_SEGMENTER_H_

#include <memory>

#include "core/diagnostic.h"
#include "core/document.h"
#include "core/rule_files.h"

namespace quarry {

class Segmenter {
 public:
  static std::unique_ptr<Segmenter> Create(const RuleFiles& rules, DiagnosticSink* sink);
  virtual ~Segmenter() = default;
  // Replaces doc->sentences. Thread-safe.
  virtual void Run(Document* doc) const = 0;
};

}  // namespace quarry

#endif  // QUARRY_SEGMENT_SEGMENTER_H_
