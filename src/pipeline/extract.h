// Reading one article and running the extraction stages over it.
#ifndef QUARRY_PIPELINE_EXTRACT_H_
#define QUARRY_PIPELINE_EXTRACT_H_

#include <cstdint>
#include <string>

#include "core/document.h"
#include "pipeline/rule_set.h"

namespace quarry {

inline constexpr int64_t kDefaultMaxFileSize = 16 << 20;

// Reads `path` into doc->raw (and sets path and content_hash). Returns false
// with a one-line reason for a file that cannot be read or exceeds max_size.
bool ReadArticle(const std::string& path, int64_t max_size, Document* doc, std::string* error);

// The extraction stages in pipeline order.
enum class Stage { kNormalize, kSegment, kEntities, kQuantities, kRelations, kNone };

// Runs the stages [from, to) over doc: from kNormalize it starts at doc->raw,
// from a later stage it continues what the earlier ones left in doc. Returns
// false with a reason when the article is not text.
bool RunStages(const RuleSet& rules, Stage from, Stage to, Document* doc, std::string* error);

// Runs normalize, segment, entities, quantities and relations over doc->raw.
// Returns false with a reason when the article is not text.
bool ExtractArticle(const RuleSet& rules, Document* doc, std::string* error);

// The same over a string, as if it were a file called `name`.
bool ExtractText(const RuleSet& rules, const std::string& name, std::string raw, Document* doc,
                 std::string* error);

}  // namespace quarry

#endif  // QUARRY_PIPELINE_EXTRACT_H_
