// Helpers shared by the entity tests: documents built by hand, the default
// rules loaded once, and compact views of the mentions found.
#ifndef QUARRY_TESTS_ENTITIES_ENTITY_TEST_UTIL_H_
#define QUARRY_TESTS_ENTITIES_ENTITY_TEST_UTIL_H_

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "core/document.h"
#include "core/rule_files.h"
#include "entities/entity_recognizer.h"

namespace quarry::testing {

// (Everything is inline: tests/CMakeLists.txt compiles only *_test.cc files.)

// Whether the period at `dot` ends an abbreviation or an initial ("Inc.",
// "Dr.", "N."), which ends no sentence.
inline bool EndsAbbreviation(const std::string& t, size_t dot) {
  size_t b = dot;
  while (b > 0 && (isalpha(static_cast<unsigned char>(t[b - 1])) || t[b - 1] == '.')) --b;
  std::string word = t.substr(b, dot - b);
  static const char* const kAbbreviations[] = {"Inc", "Corp", "Ltd", "Co", "Dr", "Mr", "Mrs",
                                               "Ms", "Jr", "Sr", "St", "U.S", "U.K", "vs"};
  for (const char* a : kAbbreviations)
    if (word == a) return true;
  return word.size() == 1 && isupper(static_cast<unsigned char>(word[0]));
}

// A document whose sentences are cut by hand after ". ", "? ", "! " (not
// after abbreviations) and at line breaks, the way the segmenter would for
// plain prose.
inline Document MakeDocument(std::string text) {
  Document doc;
  doc.text = std::move(text);
  const std::string& t = doc.text;
  uint32_t begin = 0;
  auto close = [&](uint32_t end) {
    while (begin < end && t[begin] == ' ') ++begin;
    uint32_t e = end;
    while (e > begin && t[e - 1] == ' ') --e;
    if (e > begin) doc.sentences.push_back({begin, e});
    begin = end;
  };
  for (uint32_t i = 0; i < t.size(); ++i) {
    if (t[i] == '\n') {
      close(i);
      begin = i + 1;
    } else if ((t[i] == '.' || t[i] == '?' || t[i] == '!') && i + 1 < t.size() && t[i + 1] == ' ' &&
               !(t[i] == '.' && EndsAbbreviation(t, i))) {
      close(i + 1);
    }
  }
  close(static_cast<uint32_t>(t.size()));
  return doc;
}

// The rules folder of the checkout.
inline RuleFiles DefaultRules() {
  DiagnosticSink sink;
  RuleFiles rules = RuleFiles::ReadDirectory(QUARRY_SOURCE_DIR "/rules", &sink);
  return rules;
}

// The recognizer over the checkout's rules, created once.
inline const EntityRecognizer& DefaultRecognizer() {
  static const std::unique_ptr<EntityRecognizer> recognizer = [] {
    DiagnosticSink sink;
    auto r = EntityRecognizer::Create(DefaultRules(), &sink);
    if (!r || !sink.diagnostics().empty()) {
      for (const Diagnostic& d : sink.diagnostics()) fprintf(stderr, "%s\n", d.ToString().c_str());
      abort();
    }
    return r;
  }();
  return *recognizer;
}

// A recognizer from the given gazetteer text and the default patterns (or
// `patterns` when not null); nullptr with diagnostics in *sink on errors.
inline std::unique_ptr<EntityRecognizer> RecognizerWith(const std::string& gazetteer,
                                                        const std::string* patterns,
                                                        DiagnosticSink* sink) {
  RuleFiles rules;
  rules.Add("gazetteer.rules", gazetteer);
  if (patterns) {
    rules.Add("entity_patterns.rules", *patterns);
  } else {
    RuleFiles defaults = DefaultRules();
    rules.Add("entity_patterns.rules", defaults.Find("entity_patterns.rules")->content);
  }
  return EntityRecognizer::Create(rules, sink);
}

// "text=id" for each mention, in order: a compact, readable expectation.
inline std::vector<std::string> Found(const Document& doc) {
  std::vector<std::string> out;
  for (const EntityMention& m : doc.entities) out.push_back(m.text + "=" + m.id);
  return out;
}

inline std::vector<std::string> FoundIn(const EntityRecognizer& recognizer, const std::string& text) {
  Document doc = MakeDocument(text);
  recognizer.Run(&doc);
  return Found(doc);
}

// The first mention whose text is `text`, or nullptr.
inline const EntityMention* MentionWithText(const Document& doc, const std::string& text) {
  for (const EntityMention& m : doc.entities)
    if (m.text == text) return &m;
  return nullptr;
}

// Every diagnostic as ToString() prints it.
inline std::vector<std::string> Messages(const DiagnosticSink& sink) {
  std::vector<std::string> out;
  for (const Diagnostic& d : sink.diagnostics()) out.push_back(d.ToString());
  return out;
}

}  // namespace quarry::testing

#endif  // QUARRY_TESTS_ENTITIES_ENTITY_TEST_UTIL_H_
