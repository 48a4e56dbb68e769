// Stage 3a, entities.
//
// In:  Document::text and Document::sentences.
// Out: Document::entities, sorted by span, non-overlapping among themselves.
//
// A gazetteer (rules/gazetteer.rules: id, class, canonical name, aliases, tags)
// matched with word boundaries, longest match first; name-shape patterns
// (rules/entity_patterns.rules) find organizations and people the gazetteer
// lacks, marked discovered.
#ifndef QUARRY_ENTITIES_ENTITY_RECOGNIZER_H_
#define QUARRY_ENTITIES_ENTITY_RECOGNIZER_H_

#include <memory>

#include "core/diagnostic.h"
#include "core/document.h"
#include "core/rule_files.h"

namespace quarry {

class EntityRecognizer {
 public:
  static std::unique_ptr<EntityRecognizer> Create(const RuleFiles& rules, DiagnosticSink* sink);
  virtual ~EntityRecognizer() = default;
  virtual void Run(Document* doc) const = 0;
};

}  // namespace quarry

#endif  // QUARRY_ENTITIES_ENTITY_RECOGNIZER_H_
