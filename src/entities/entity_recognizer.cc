// Exports EntityRecognizer::Create: the entity stage, which runs, in order,
//   1. the gazetteer (gazetteer.h) over the whole text,
//   2. the name-shape patterns (discovery.h) over each sentence,
//   3. the overlap policy (overlap.h) over both,
//   4. repeats of discovered names and surnames (discovery.h),
//   5. coreference (coreference.h),
// and writes the non-overlapping result, sorted by span, to doc->entities.
// Everything is compiled once in Create; Run only reads it, so one
// recognizer serves any number of threads.
#include "entities/entity_recognizer.h"


#include "entities/coreference.h"
#include "entities/discovery.h"
#include "entities/entity_patterns.h"
#include "entities/gazetteer.h"
#include "entities/name_tokens.h"
#include "entities/overlap.h"

namespace quarry {
namespace {

constexpr const char* kGazetteerFile = "gazetteer.rules";
constexpr const char* kPatternsFile = "entity_patterns.rules";

// The sentences to work in: the segmenter's, or, for a document that has
// none (built by hand, or a stage run alone), one per line.
std::vector<Span> SentencesOf(const Document& doc) {
  if (!doc.sentences.empty()) return doc.sentences;
  std::vector<Span> lines;
  uint32_t begin = 0;
  const uint32_t size = static_cast<uint32_t>(doc.text.size());
  while (begin < size) {
    size_t nl = doc.text.find('\n', begin);
    uint32_t end = nl == std::string::npos ? size : static_cast<uint32_t>(nl);
    if (end > begin) lines.push_back({begin, end});
    begin = end + 1;
  }
  return lines;
}

class Recognizer : public EntityRecognizer {
 public:
  Recognizer(std::unique_ptr<Gazetteer> gazetteer, std::unique_ptr<EntityPatterns> patterns)
      : gazetteer_(std::move(gazetteer)), patterns_(std::move(patterns)), coref_(*patterns_) {}

  void Run(Document* doc) const override {
    NameTokens tokens(doc->text);
    std::vector<Span> sentences = SentencesOf(*doc);

    std::vector<Gazetteer::Match> known;
    gazetteer_->Find(tokens, &known);
    std::vector<EntityMention> discovered =
        DiscoverNames(tokens, sentences, *patterns_, *gazetteer_, known);

    // The overlap policy over both kinds of candidate; only the winners
    // become mentions.
    std::vector<RankedSpan> ranked;
    ranked.reserve(known.size() + discovered.size());
    for (const Gazetteer::Match& m : known) {
      const GazetteerEntry& entry = gazetteer_->entries()[m.entry];
      ranked.push_back({m.span, entry.priority, entry.id, entry.id, 1.0});
    }
    for (const EntityMention& m : discovered) ranked.push_back(RankOf(m));
    std::vector<EntityMention> accepted;
    for (size_t i : SelectIndexes(ranked)) {
      if (i < known.size()) {
        accepted.push_back(gazetteer_->Mention(known[i], doc->text));
      } else {
        accepted.push_back(std::move(discovered[i - known.size()]));
      }
    }

    std::vector<EntityMention> repeats = FindRepeats(tokens, *gazetteer_, accepted);
    accepted = MergeBySpan(std::move(accepted), std::move(repeats));
    std::vector<EntityMention> references = coref_.Resolve(tokens, sentences, accepted);
    accepted = MergeBySpan(std::move(accepted), std::move(references));
    doc->entities = std::move(accepted);
  }

 private:
  std::unique_ptr<Gazetteer> gazetteer_;
  std::unique_ptr<EntityPatterns> patterns_;
  CoreferenceResolver coref_;
};

}  // namespace

std::unique_ptr<EntityRecognizer> EntityRecognizer::Create(const RuleFiles& rules,
                                                           DiagnosticSink* sink) {
  const RuleFile* gazetteer_file = rules.Require(kGazetteerFile, sink);
  const RuleFile* patterns_file = rules.Require(kPatternsFile, sink);
  if (!gazetteer_file || !patterns_file) return nullptr;
  // Both files are parsed even when the first fails, so that one run
  // reports every error.
  auto gazetteer = Gazetteer::Parse(gazetteer_file->path, gazetteer_file->content, sink);
  auto patterns = EntityPatterns::Parse(patterns_file->path, patterns_file->content, sink);
  if (!gazetteer || !patterns) return nullptr;
  return std::make_unique<Recognizer>(std::move(gazetteer), std::move(patterns));
}

}  // namespace quarry
