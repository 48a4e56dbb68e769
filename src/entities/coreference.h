// Coreference within one article: "the company", "the firm", "the latter",
// "the former" and a sentence-initial "It" resolved to the entity they stand
// for, only where a simple rule is safe; where it is not, no guess.
//
// Phrases and their strategies come from `coref` lines of
// rules/entity_patterns.rules. Antecedents are mentions already accepted in
// the document (gazetteer, discovered, repeats), never other resolved
// phrases. "Governed" below means the mention is the object of a preposition
// ("with data center developer Crusoe", "such as Oracle"), or a list item
// after one; such a mention is not a clause subject.
//
//   nearest (confidence 0.7 / 0.6 / 0.55; rules coref:sole, coref:subject,
//   coref:previous_subject). Candidates are ORG mentions (with one of the
//   rule's tags, if it names any).
//     1. Exactly one candidate earlier in the same sentence: that one
//        (coref:sole), unless it is governed and the phrase is the clause
//        subject ("In addition to Meta, the company has ..."): then step 3.
//     2. Two or more: the sentence's subject (its first ungoverned
//        candidate), if every other candidate between it and the phrase is
//        governed (coref:subject). Otherwise no guess.
//     3. None: exactly one candidate in the previous sentence (coref:sole);
//        or, when the phrase is the clause subject, the previous sentence's
//        subject if every other candidate there is governed
//        (coref:previous_subject). Otherwise no guess.
//     A phrase directly followed by a name ("the company Crusoe") is an
//     apposition, not a reference, and is left alone.
//   latter / former (0.6; coref:latter, coref:former): the second / first of
//     exactly two distinct entities (any class) earlier in the same sentence,
//     or, when the sentence has fewer than two, in it and the previous one.
//   it (0.5; coref:it): "It" opening a sentence and followed (after at most
//     one adverb such as "also") by a verb of the `it_verbs:` list, when the
//     previous sentence names exactly one organization, as its subject, and
//     no product. "It is expected that ..." and "It's ..." are never resolved.
//
// Resolved mentions carry the antecedent's id, name, class and tags; text
// and span are the phrase's; priority is kCorefPriority.
#ifndef QUARRY_ENTITIES_COREFERENCE_H_
#define QUARRY_ENTITIES_COREFERENCE_H_

#include <vector>

#include "core/mention.h"
#include "core/span.h"
#include "entities/entity_patterns.h"
#include "entities/name_tokens.h"
#include "entities/name_trie.h"

namespace quarry {

class CoreferenceResolver {
 public:
  // Compiles the phrases of `patterns.coref_rules()`; `patterns` must
  // outlive the resolver.
  explicit CoreferenceResolver(const EntityPatterns& patterns);

  // Resolved phrases of the document, sorted by span, not overlapping
  // `accepted` (which must be sorted by span and non-overlapping).
  std::vector<EntityMention> Resolve(const NameTokens& tokens, const std::vector<Span>& sentences,
                                     const std::vector<EntityMention>& accepted) const;

 private:
  const EntityPatterns& patterns_;
  NameTrie trie_;
  std::vector<std::vector<size_t>> node_rules_;  // Trie node -> indexes of coref_rules().
};

}  // namespace quarry

#endif  // QUARRY_ENTITIES_COREFERENCE_H_
