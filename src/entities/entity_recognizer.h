// Stage 3a, entities.
//
// In:  Document::text and Document::sentences (one per line when empty).
// Out: Document::entities, sorted by span, non-overlapping among themselves
//      (replacing whatever was there).
//
// A gazetteer (rules/gazetteer.rules: id, class, canonical name, aliases,
// former names, listings, tags, priorities) matched as whole words with
// Unicode word boundaries, case- and accent-insensitively unless an alias says
// otherwise (gazetteer.h); name-shape patterns (rules/entity_patterns.rules)
// find organizations and people the gazetteer lacks, marked discovered
// (discovery.h); one overlap policy, longest then priority then earliest,
// picks among them (overlap.h); later repeats of discovered names and
// surnames are added; "the company", "the latter", "It" and kin resolve to an
// earlier entity where that is safe (coreference.h).
//
// Create compiles everything once; Run is const and may be called from many
// threads at once.
#ifndef QUARRY_ENTITIES_ENTITY_RECOGNIZER_H_
#define QUARRY_ENTITIES_ENTITY_RECOGNIZER_H_

#include <memory>

#include "core/diagnostic.h"
#include "core/document.h"
#include "core/rule_files.h"

namespace quarry {

class EntityRecognizer {
 public:
  // Reads gazetteer.rules and entity_patterns.rules from `rules`. Every
  // error of both files goes to `sink` (file:line:col); then the result is
  // nullptr. Warnings (a duplicate alias) do not stop loading.
  static std::unique_ptr<EntityRecognizer> Create(const RuleFiles& rules, DiagnosticSink* sink);
  virtual ~EntityRecognizer() = default;
  virtual void Run(Document* doc) const = 0;
};

}  // namespace quarry

#endif  // QUARRY_ENTITIES_ENTITY_RECOGNIZER_H_
