// The gazetteer: known organizations, people, places and products, read from
// rules/gazetteer.rules (the syntax is documented at the top of that file) and
// compiled into one NameTrie over all aliases.
//
// Matching rules, in order:
//  - An alias matches whole tokens (see name_tokens.h), so it always stands
//    on Unicode word boundaries, and never continues across a line break.
//  - By default case and accents are ignored ("NVIDIA", "Nvidia"; "Nestlé",
//    "Nestle"). An alias flagged `case` must match its letters' case (accents
//    still ignored): "Oracle" but not "an oracle". An alias flagged `exact`
//    must match case and accents as written.
//  - Blanks inside an alias match any run of blanks in the text, but blanks
//    must stand where the alias has them ("NASDAQ: CRWV" is not "NASDAQ:CRWV";
//    `ticker:` lines generate both).
//  - A possessive is not part of a name: in "Crusoe's" the span is "Crusoe".
//  - A one-word alias inside a dotted identifier does not match: not "US"
//    in "SDLV.US", not "Meta" in "about.meta.com".
#ifndef QUARRY_ENTITIES_GAZETTEER_H_
#define QUARRY_ENTITIES_GAZETTEER_H_

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/diagnostic.h"
#include "core/mention.h"
#include "entities/name_tokens.h"
#include "entities/name_trie.h"

namespace quarry {

enum class AliasKind { kName, kAlias, kFormer, kTicker };
enum class AliasCase { kFold, kCase, kExact };

struct GazetteerAlias {
  std::string text;  // As written in the file (or generated from a ticker).
  AliasKind kind = AliasKind::kAlias;
  AliasCase match = AliasCase::kFold;
  int line = 0;    // Where it is written, for diagnostics.
  int column = 0;
};

struct GazetteerEntry {
  std::string id;            // "meta"
  std::string entity_class;  // "ORG", "PERSON", "PLACE", "PRODUCT"
  std::string name;          // "Meta Platforms"
  std::vector<std::string> tags;
  int priority = 0;
  int line = 0;              // Of the header.
  std::vector<GazetteerAlias> aliases;
};

class Gazetteer {
 public:
  // Parses a gazetteer file. Every malformed line is reported (file:line:col)
  // and skipped; the result is usable only when no error was reported.
  static std::unique_ptr<Gazetteer> Parse(const std::string& file_name, std::string_view content,
                                          DiagnosticSink* sink);

  // Every alias occurrence in `tokens`: where, and which entry (an index
  // into entries()). Occurrences overlap freely; the caller applies the
  // overlap policy and then makes mentions of the winners only.
  struct Match {
    Span span;
    uint32_t entry = 0;
  };
  void Find(const NameTokens& tokens, std::vector<Match>* out) const;
  // The mention of a match: rule = entry id, confidence 1.
  EntityMention Mention(const Match& match, std::string_view text) const;
  // Find, as mentions.
  void FindAll(const NameTokens& tokens, std::vector<EntityMention>* out) const;

  // The entry whose alias is exactly tokens [begin, end) of `tokens` (highest
  // priority first), or nullptr.
  const GazetteerEntry* Lookup(const NameTokens& tokens, size_t begin, size_t end) const;
  // Lookup over the whole of `text`.
  const GazetteerEntry* Lookup(std::string_view text) const;

  const std::vector<GazetteerEntry>& entries() const { return entries_; }
  size_t alias_count() const;
  const GazetteerEntry* Find(std::string_view id) const;

  // Fills the entity fields of `mention` (all but text and span) from `entry`.
  static void Describe(const GazetteerEntry& entry, EntityMention* mention);

 private:
  // An alias as the matcher needs it, kept small and in one array so that
  // confirming a trie hit touches little memory.
  struct CompiledAlias {
    uint32_t entry = 0;
    uint32_t key = 0;     // Offset in arena_: per token, a 2-byte length and
                          // the folded form; then, unless match is kFold, per
                          // token the form the flag compares (StripMarks for
                          // kCase, ComposeText for kExact; empty for
                          // punctuation).
    uint16_t tokens = 0;
    AliasCase match = AliasCase::kFold;
  };
  bool Matches(const CompiledAlias& alias, const NameTokens& tokens, size_t begin) const;
  // The compiled aliases that end at trie node `node`, highest priority first.
  std::pair<const CompiledAlias*, const CompiledAlias*> AliasesAt(uint32_t node) const;

  std::vector<GazetteerEntry> entries_;
  NameTrie trie_;
  std::vector<CompiledAlias> compiled_;  // Grouped by node.
  std::vector<uint32_t> node_first_;     // Node -> first index in compiled_; one extra at the end.
  std::string arena_;
};

}  // namespace quarry

#endif  // QUARRY_ENTITIES_GAZETTEER_H_
