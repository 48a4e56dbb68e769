// Abbreviations (rules/abbreviations.rules): which periods do not end a
// sentence. The syntax is documented at the top of the rule file.
#ifndef QUARRY_SEGMENT_ABBREVIATIONS_H_
#define QUARRY_SEGMENT_ABBREVIATIONS_H_

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "core/diagnostic.h"

namespace quarry {

class Abbreviations {
 public:
  enum class Kind {
    kNone,
    kMayEnd,  // "Inc.", "U.S.", initials: ends a sentence only before a starter word.
    kPrefix,  // "Dr.", "e.g.": always followed by more of the same sentence.
  };

  // Parses a rule file; every error goes to `sink` as "path:line:col: error:
  // ..."; the result is nullptr if there was any.
  static std::unique_ptr<Abbreviations> Parse(const std::string& path, std::string_view content,
                                              DiagnosticSink* sink);

  // The kind of `token`, a word ending in '.' ("Inc.", "(Corp.", "F.").
  // Leading opening brackets and quotes are ignored. Listed abbreviations
  // match as written, or with a capital first letter ("Approx." for
  // "approx."); single capital initials ("F.") and letter-dot runs ("U.A.E.")
  // are kMayEnd without being listed.
  Kind Classify(std::string_view token) const;

  // True when `word` typically starts a sentence ("The", "It", "Meta" is not).
  bool IsStarter(std::string_view word) const { return starters_.count(std::string(word)) > 0; }

  size_t size() const { return kinds_.size(); }

 private:
  Abbreviations() = default;
  Kind Lookup(std::string_view token) const;

  std::unordered_map<std::string, Kind> kinds_;
  std::unordered_set<std::string> starters_;
};

}  // namespace quarry

#endif  // QUARRY_SEGMENT_ABBREVIATIONS_H_
