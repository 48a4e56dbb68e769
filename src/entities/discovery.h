// Names the gazetteer lacks: organizations and people found by the name-shape
// patterns of rules/entity_patterns.rules, and later repeats of names already
// found in the same document.
//
// A pattern match becomes a candidate only if its name stands on word
// boundaries and survives cleaning: leading stop words are dropped ("The",
// "Meanwhile"); a person's name must be two to four capitalized words, none a
// `notperson:` word; an organization's name needs a word that is not a
// `notperson:` word, and when that word opens the sentence and nothing but a
// descriptor follows ("Signed AI"), the document must capitalize it
// elsewhere too, unless a legal suffix or a listing vouches for the name;
// headings (title-case lines) discover nothing. Then:
//  - if the name, the name without its legal suffix, its listing (the ticker
//    group), or the name without some leading words is a gazetteer alias, the
//    candidate is that gazetteer entry (rule = pattern id, discovered = false);
//  - else if the name contains a gazetteer organization, person or product,
//    it is dropped (the gazetteer match stands; no subsidiaries are invented);
//  - else it is discovered: id "org:<key>" / "person:<key>" from the folded
//    name without legal suffix (see NameKey), so the same company merges
//    across articles whatever suffix or case each writes; name = that name as
//    written; confidence = the pattern's; priority kDiscoveredPriority.
#ifndef QUARRY_ENTITIES_DISCOVERY_H_
#define QUARRY_ENTITIES_DISCOVERY_H_

#include <vector>

#include "core/mention.h"
#include "core/span.h"
#include "entities/entity_patterns.h"
#include "entities/gazetteer.h"
#include "entities/name_tokens.h"

namespace quarry {

// Candidates from every pattern over every sentence. `known` are the
// gazetteer's matches in the same text (any order).
std::vector<EntityMention> DiscoverNames(const NameTokens& tokens, const std::vector<Span>& sentences,
                                         const EntityPatterns& patterns, const Gazetteer& gazetteer,
                                         const std::vector<Gazetteer::Match>& known);

// Later mentions of names already accepted in this document, as candidates
// that do not overlap `accepted` (sorted by span):
//  - a discovered organization's name, written again with the same case;
//  - a person's surname (the last word of the name, three letters or more),
//    when no other person in the document shares it and it is not itself a
//    gazetteer alias.
// Rule "repeat:<rule of the first mention>", priority kRepeatPriority,
// confidence 0.9 times the first mention's.
std::vector<EntityMention> FindRepeats(const NameTokens& tokens, const Gazetteer& gazetteer,
                                       const std::vector<EntityMention>& accepted);

// True for a title-case line ("Meta Signs Computing Deal With Crusoe"): it
// does not end with '.', '!' or '?', and has at least three words of three
// or more letters, of which three quarters or more are capitalized. Such
// lines are headings, not prose.
bool IsHeading(const NameTokens& tokens, size_t begin, size_t end);

}  // namespace quarry

#endif  // QUARRY_ENTITIES_DISCOVERY_H_
