// The typed sentence: what relation rules match against.
//
// Each entity and quantity mention of a sentence is replaced by a slot token
// that names its type, so that a rule says {ORG:buyer} rather than listing
// company names:
//
//   Meta secures ~1.6 gigawatts of AI compute from data center firm Crusoe.
//   ⟨ORG:hyperscaler⟩ secures ⟨POWER⟩ of AI compute from data center firm ⟨ORG:gpu_cloud⟩.
//
// Token grammar:  "⟨" TYPE ["?"] { ":" tag } "⟩"
//   TYPE  ORG, PERSON, PLACE, PRODUCT (EntityMention::entity_class), POWER,
//         ENERGY, MONEY, COUNT, AREA, PERCENT, PRICE (Quantity::dimension),
//         or OTHER for a class or dimension rules cannot name.
//   "?"   marks an ambiguous quantity: no slot pattern matches it, so it is
//         never used to build a fact (core/quantity.h).
//   tag   an entity's gazetteer tags, a count's counted noun, a price's unit,
//         lower-cased with other characters than [a-z0-9_] made "_", sorted.
//
// Other text is kept as it is, except that curly apostrophes become "'" and
// the token brackets ⟨ ⟩ become "<" ">", so that the text cannot forge a token.
// A possessive entity ("Crusoe's", as a gazetteer alias may match it) is
// followed by "'s" as if the suffix were outside the mention, so rules can
// always write {ORG:x}'s. A ticker in parentheses right after an organization,
// "Meta (META.US)" or "CoreWeave (NASDAQ: CRWV)", whether or not the entity
// stage tagged it, is folded into the organization's slot; so is the second
// place of "Cheyenne, Wyoming" into the first place's slot (the slot stands
// for the first mention, the more specific one).
#ifndef QUARRY_RELATIONS_TYPED_SENTENCE_H_
#define QUARRY_RELATIONS_TYPED_SENTENCE_H_

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"

namespace quarry {

// UTF-8 of the token brackets.
inline constexpr std::string_view kSlotOpen = "\xE2\x9F\xA8";   // U+27E8 ⟨
inline constexpr std::string_view kSlotClose = "\xE2\x9F\xA9";  // U+27E9 ⟩

// Every TYPE a token can have (see the grammar above); none is a prefix of
// another, so the bytes after "⟨" name at most one of them.
inline constexpr std::array<std::string_view, 12> kSlotTypes = {
    "ORG",   "PERSON", "PLACE", "PRODUCT", "POWER",   "ENERGY",
    "MONEY", "COUNT",  "AREA",  "PERCENT", "PRICE",   "OTHER"};

struct TypedSlot {
  enum class Kind { kEntity, kQuantity };
  Kind kind = Kind::kEntity;
  int index = -1;      // Into Document::entities or Document::quantities.
  std::string type;    // "ORG", "POWER", "OTHER".
  uint32_t begin = 0;  // Byte range of the token in TypedSentence::text.
  uint32_t end = 0;
  Span span;           // The document text the token stands for.
};

struct TypedSentence {
  int sentence_index = -1;
  Span sentence;
  std::string text;
  std::vector<TypedSlot> slots;    // In text order.
  std::vector<uint32_t> to_text;   // text.size() + 1 document offsets, one per byte.

  // The slot whose token starts at byte `offset` of `text`, or nullptr.
  const TypedSlot* SlotAt(size_t offset) const;
  // The document span of bytes [begin, end) of `text`.
  Span TextSpan(size_t begin, size_t end) const;
  // `text` with tags and markers dropped from tokens, for people to read:
  // "⟨ORG⟩ secures ⟨POWER⟩ of AI compute from data center firm ⟨ORG⟩."
  // Only bytes [begin, end) of `text` when given (tokens cut by the range stay raw).
  std::string Display(size_t begin = 0, size_t end = std::string::npos) const;
};

// Builds the typed sentence of doc.sentences[sentence_index]. Requires
// doc.entities and doc.quantities sorted by span and free of overlaps (as
// ResolveOverlaps leaves them); mentions not wholly inside the sentence are
// left as plain text.
TypedSentence BuildTypedSentence(const Document& doc, int sentence_index);
// The same into `out`, reusing its buffers (for a loop over sentences).
void BuildTypedSentence(const Document& doc, int sentence_index, TypedSentence* out);

// A gazetteer tag or noun as it appears in a token: "GPU Cloud" -> "gpu_cloud".
std::string SlotTag(std::string_view tag);

}  // namespace quarry

#endif  // QUARRY_RELATIONS_TYPED_SENTENCE_H_
