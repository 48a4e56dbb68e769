// Exports ExplainArticle: the stages run one by one over an article, with
// each stage's provenance (gazetteer entry, pattern, unit rule, relation
// rule) and the relation stage's debugging views (MatchSentence, ExplainRule)
// gathered per sentence.
#include "pipeline/explain.h"

#include <algorithm>

#include "core/json.h"
#include "normalize/boilerplate.h"
#include "pipeline/extract.h"
#include "relations/typed_sentence.h"

namespace quarry {
namespace {

using Json = nlohmann::ordered_json;

// How an entity was found, from its rule id (see entities/: coreference ids
// start "coref:", repeats of discovered names "repeat:").
const char* EntitySource(const EntityMention& e) {
  if (e.rule.rfind("coref:", 0) == 0) return "coreference";
  if (e.rule.rfind("repeat:", 0) == 0) return "repeat";
  if (e.discovered) return "pattern";
  return "gazetteer";
}

Json EntityRecord(const EntityMention& e) {
  Json j = EntityToJson(e);
  j["source"] = EntitySource(e);
  j["tags"] = e.tags;
  j["confidence"] = JsonNumber(e.confidence);
  return j;
}

Json ArgumentsJson(const RelationMention& r) {
  Json args = RelationArgsToJson(r);
  // Quantities as the text says them too, for people reading the output.
  for (const auto& a : r.args)
    if (a.kind == RelationArgument::Kind::kQuantity) args[a.role]["text"] = a.quantity.text;
  return args;
}

Json MatchJson(const RuleMatch& m, const Document& doc) {
  Json j;
  j["rule"] = m.fact.rule;
  j["predicate"] = m.fact.predicate;
  j["args"] = ArgumentsJson(m.fact);
  j["summary"] = RelationSummary(m.fact);
  j["match"] = std::string(m.fact.span.Of(doc.text));
  j["confidence"] = JsonNumber(m.fact.confidence);
  j["kept"] = m.kept;
  if (!m.kept) j["covered_by"] = m.covered_by;
  return j;
}

Json TraceJson(const RuleTrace& t, const Document& doc) {
  Json j;
  j["rule"] = t.rule_id;
  j["predicate"] = t.predicate;
  j["file"] = t.file;
  j["line"] = t.line;
  j["pattern"] = t.pattern;
  std::string status;
  bool kept = false;
  for (const auto& f : t.facts) kept |= f.kept;
  if (kept) status = "fact";
  else if (!t.facts.empty()) status = "covered";
  else if (!t.rejected.empty()) status = "rejected";
  else status = "no_match";
  j["status"] = status;
  j["prefiltered_out"] = t.prefiltered_out;
  Json facts = Json::array();
  for (const auto& f : t.facts) facts.push_back(MatchJson(f, doc));
  j["facts"] = facts;
  j["rejected"] = t.rejected;
  if (status == "no_match") {
    j["elements"] = t.elements;
    j["elements_matched"] = t.elements_matched;
    j["partial"] = t.partial_text;
    j["failed_at"] = t.next_element;
    j["missing_slots"] = t.missing_slots;
  }
  return j;
}

bool SameEntity(const EntityMention& a, const EntityMention& b) {
  return a.span == b.span && a.id == b.id && a.rule == b.rule;
}
bool SameQuantity(const Quantity& a, const Quantity& b) {
  return a.span == b.span && a.rule == b.rule && a.dimension == b.dimension;
}

// The mention of `doc` (after overlap resolution) overlapping `span`, as text.
std::string Winner(const Document& doc, Span span) {
  for (const auto& e : doc.entities)
    if (e.span.Overlaps(span)) return "\"" + e.text + "\" (" + e.entity_class + ", " + e.rule + ")";
  for (const auto& q : doc.quantities)
    if (q.span.Overlaps(span)) return "\"" + q.text + "\" (" + q.dimension + ", " + q.rule + ")";
  return "";
}

Json SentenceRecord(const RuleSet& rules, const Document& doc, int s,
                    const std::vector<EntityMention>& all_entities,
                    const std::vector<Quantity>& all_quantities, const ExplainOptions& options) {
  const Span sentence = doc.sentences[s];
  Json j;
  j["type"] = "sentence";
  j["index"] = s;
  j["start"] = sentence.begin;
  j["end"] = sentence.end;
  j["text"] = std::string(sentence.Of(doc.text));
  Json entities = Json::array(), quantities = Json::array(), dropped = Json::array();
  for (const auto& e : doc.entities)
    if (sentence.Contains(e.span)) entities.push_back(EntityRecord(e));
  for (const auto& q : doc.quantities)
    if (sentence.Contains(q.span)) quantities.push_back(QuantityToJson(q));
  for (const auto& e : all_entities) {
    if (!sentence.Contains(e.span)) continue;
    bool kept = std::any_of(doc.entities.begin(), doc.entities.end(),
                            [&](const EntityMention& k) { return SameEntity(e, k); });
    if (!kept) dropped.push_back({{"mention", EntityRecord(e)}, {"lost_to", Winner(doc, e.span)}});
  }
  for (const auto& q : all_quantities) {
    if (!sentence.Contains(q.span)) continue;
    bool kept = std::any_of(doc.quantities.begin(), doc.quantities.end(),
                            [&](const Quantity& k) { return SameQuantity(q, k); });
    if (!kept) dropped.push_back({{"mention", QuantityToJson(q)}, {"lost_to", Winner(doc, q.span)}});
  }
  j["entities"] = entities;
  j["quantities"] = quantities;
  j["dropped"] = dropped;
  j["typed"] = BuildTypedSentence(doc, s).Display();
  Json relations = Json::array();
  for (const auto& m : rules.relations->MatchSentence(doc, s)) relations.push_back(MatchJson(m, doc));
  j["relations"] = relations;
  if (!options.rule_id.empty())
    j["trace"] = TraceJson(rules.relations->ExplainRule(doc, s, options.rule_id), doc);
  return j;
}

// The lines boilerplate rules dropped from `doc`: the article normalized
// again without them, compared line by line with doc.text (dropping keeps
// the order of the other lines). Each with the line rule that matches it
// alone; lines dropped as a neighbour or after a cut have none.
Json BoilerplateLines(const RuleSet& rules, const Document& doc) {
  Json out = Json::array();
  const RuleFile* file = rules.files.Find("boilerplate.rules");
  if (!file || doc.boilerplate_bytes == 0) return out;
  RuleFiles bare = rules.files;
  bare.Add("boilerplate.rules", "");
  DiagnosticSink sink;
  auto normalizer = Normalizer::Create(bare, &sink);
  auto line_rules = BoilerplateRules::Parse(file->path, file->content, &sink);
  Document plain;
  plain.path = doc.path;
  plain.raw = doc.raw;
  std::string error;
  if (!normalizer || !line_rules || !normalizer->Run(&plain, &error)) return out;
  auto lines = [](std::string_view text) {
    std::vector<std::string_view> out;
    for (size_t pos = 0; pos <= text.size();) {
      size_t nl = std::min(text.find('\n', pos), text.size());
      if (nl > pos) out.push_back(text.substr(pos, nl - pos));
      pos = nl + 1;
    }
    return out;
  };
  std::vector<std::string_view> kept = lines(doc.text);
  size_t k = 0;
  for (std::string_view line : lines(plain.text)) {
    if (k < kept.size() && line == kept[k]) {
      ++k;
      continue;
    }
    const BoilerplateRule* rule = line_rules->LineRuleFor(line);
    out.push_back({{"line", std::string(line)},
                   {"rule", rule ? file->path + ":" + std::to_string(rule->line) : ""}});
  }
  return out;
}

}  // namespace

bool ExplainArticle(const RuleSet& rules, Document* doc, const ExplainOptions& options,
                    std::vector<nlohmann::ordered_json>* records, std::string* error) {
  if (!RunStages(rules, Stage::kNormalize, Stage::kRelations, doc, error)) return false;
  // Kept before the relation stage resolves overlaps, to show what lost.
  std::vector<EntityMention> all_entities = doc->entities;
  std::vector<Quantity> all_quantities = doc->quantities;
  RunStages(rules, Stage::kRelations, Stage::kNone, doc, error);

  if (!options.rule_id.empty()) {
    RuleTrace probe = rules.relations->ExplainRule(*doc, 0, options.rule_id);
    if (probe.rule_id.empty()) {  // No such rule (not: no sentence 0).
      *error = probe.error;
      return false;
    }
  }
  if (options.sentence_index >= static_cast<int>(doc->sentences.size())) {
    *error = "no sentence " + std::to_string(options.sentence_index) + " (the article has " +
             std::to_string(doc->sentences.size()) + ")";
    return false;
  }

  Json article;
  article["type"] = "article";
  article["path"] = doc->path;
  article["title"] = doc->title;
  article["encoding"] = doc->encoding.name;
  article["boilerplate_bytes"] = doc->boilerplate_bytes;
  article["boilerplate"] = BoilerplateLines(rules, *doc);
  article["sentences"] = doc->sentences.size();
  records->push_back(std::move(article));
  for (size_t s = 0; s < doc->sentences.size(); ++s) {
    if (options.sentence_index >= 0 && static_cast<int>(s) != options.sentence_index) continue;
    records->push_back(SentenceRecord(rules, *doc, static_cast<int>(s), all_entities,
                                      all_quantities, options));
  }
  return true;
}

}  // namespace quarry
