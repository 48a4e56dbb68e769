// Exports RelationExtractor::Create and ExampleMismatch: the relation stage.
// Run resolves mention overlaps, builds each sentence's typed sentence, picks
// the rules that can match it with a prefilter, runs them, and keeps the
// fullest fact of each kind per sentence.
//
// Prefilter (prefilter.h): from the words and slot types each pattern needs,
// only the rules whose needs a sentence meets run their regex on it; most
// rules never run on most sentences. Regexes run on the compact form of the
// typed sentence where they can (rule_regex.h).
#include "relations/relation_extractor.h"

#include <algorithm>
#include <map>
#include <set>
#include <type_traits>

#include "relations/context.h"
#include "relations/overlap.h"
#include "relations/prefilter.h"
#include "relations/rule_file.h"
#include "relations/rule_regex.h"
#include "relations/typed_sentence.h"

namespace quarry {
namespace {

bool SameArgument(const RelationArgument& a, const RelationArgument& b) {
  if (a.role != b.role || a.kind != b.kind) return false;
  switch (a.kind) {
    case RelationArgument::Kind::kEntity: return a.entity.id == b.entity.id;
    case RelationArgument::Kind::kQuantity: return a.quantity.span == b.quantity.span;
    case RelationArgument::Kind::kLiteral: return a.literal == b.literal;
  }
  return false;
}

// Every argument of `a` is also one of `b`.
bool Subsumed(const RelationMention& a, const RelationMention& b) {
  if (a.predicate != b.predicate) return false;
  return std::all_of(a.args.begin(), a.args.end(), [&](const RelationArgument& x) {
    return std::any_of(b.args.begin(), b.args.end(),
                       [&](const RelationArgument& y) { return SameArgument(x, y); });
  });
}

// The tags a slot's mention carries: an entity's gazetteer tags, a
// quantity's counted noun and price unit.
std::vector<std::string> SlotTags(const Document& doc, const TypedSlot& slot) {
  if (slot.kind == TypedSlot::Kind::kEntity) return doc.entities[slot.index].tags;
  const Quantity& q = doc.quantities[slot.index];
  return {q.counted, q.per};
}

// Entities and quantities (sorted by span) whose span starts inside `sentence`.
size_t MentionsStartingIn(const Document& doc, Span sentence) {
  auto count = [&](const auto& mentions) {
    using Mention = typename std::decay_t<decltype(mentions)>::value_type;
    auto starts_before = [](const Mention& m, uint32_t offset) { return m.span.begin < offset; };
    auto first = std::lower_bound(mentions.begin(), mentions.end(), sentence.begin, starts_before);
    auto last = std::lower_bound(first, mentions.end(), sentence.end, starts_before);
    return static_cast<size_t>(last - first);
  };
  return count(doc.entities) + count(doc.quantities);
}

class RuleExtractor : public RelationExtractor {
 public:
  RuleExtractor(RelationRuleSet rules, DiagnosticSink* sink) : rules_(std::move(rules)) {
    std::set<std::string> failed;
    std::vector<std::vector<PatternClause>> needs;
    for (size_t i = 0; i < rules_.rules.size(); ++i) {
      const RelationRule& rule = rules_.rules[i];
      auto regex = std::make_unique<RuleRegex>(rule.pattern.regex);
      if (!regex->utf8().ok()) {
        // Its parts compiled alone (pattern.cc), so this is the whole being
        // too large or complex for RE2.
        sink->Error(rule.file, rule.line, 0,
                    "rule \"" + rule.id + "\": pattern does not compile: " +
                        regex->utf8().error());
        failed.insert(rule.id);
        continue;
      }
      regexes_.push_back(std::move(regex));
      needs.push_back(rule.pattern.needs);
      index_.push_back(i);
      order_.emplace(rule.id, i);
    }
    for (const auto& ex : rules_.examples)
      if (!failed.count(ex.rule_id)) examples_.push_back(ex);
    prefilter_ = std::make_unique<RulePrefilter>(needs);
  }

  void Run(Document* doc) const override {
    ResolveOverlaps(&doc->entities, &doc->quantities);
    doc->relations.clear();
    if (index_.empty()) return;
    ContextIndex context(*doc);
    RulePrefilter::Scratch scratch;
    MatchText text;
    std::vector<int> candidates;
    TypedSentence typed;
    for (size_t s = 0; s < doc->sentences.size(); ++s) {
      // Each slot stands for at least one mention starting in the sentence:
      // with fewer mentions than any rule needs slots, no rule can match.
      if (MentionsStartingIn(*doc, doc->sentences[s]) < prefilter_->min_slots()) continue;
      BuildTypedSentence(*doc, static_cast<int>(s), &typed);
      prefilter_->Candidates(typed, &scratch, &candidates);
      if (candidates.empty()) continue;
      text.Reset(typed.text);
      std::vector<RelationMention> found;
      for (int id : candidates) MatchRule(*doc, context, typed, text, id, &found);
      KeepFullest(&found);
      for (auto& r : found) doc->relations.push_back(std::move(r));
    }
  }

  const std::vector<RuleExample>& examples() const override { return examples_; }
  size_t rule_count() const override { return index_.size(); }

  std::vector<RuleMatch> MatchSentence(const Document& doc, int sentence_index) const override {
    std::vector<RuleMatch> out;
    if (index_.empty() || sentence_index < 0 ||
        static_cast<size_t>(sentence_index) >= doc.sentences.size())
      return out;
    ContextIndex context(doc);
    TypedSentence typed = BuildTypedSentence(doc, sentence_index);
    MatchText text;
    text.Reset(typed.text);
    std::vector<RelationMention> found;
    for (int id : Candidates(typed)) MatchRule(doc, context, typed, text, id, &found);
    std::vector<RelationMention> kept = found;
    KeepFullest(&kept);
    for (auto& fact : found) out.push_back(Classify(std::move(fact), kept));
    return out;
  }

  RuleTrace ExplainRule(const Document& doc, int sentence_index,
                        std::string_view rule_id) const override {
    RuleTrace trace;
    auto it = order_.find(std::string(rule_id));
    if (it == order_.end()) {
      trace.error = "no rule \"" + std::string(rule_id) + "\" in the relation rules";
      return trace;
    }
    const RelationRule& rule = rules_.rules[it->second];
    trace.rule_id = rule.id;
    trace.predicate = std::string(rule.predicate->name);
    trace.file = rule.file;
    trace.line = rule.line;
    trace.pattern = rule.pattern_text;
    trace.elements = rule.pattern.elements.size();
    if (sentence_index < 0 || static_cast<size_t>(sentence_index) >= doc.sentences.size()) {
      trace.error = "no sentence " + std::to_string(sentence_index);
      return trace;
    }
    int id = static_cast<int>(std::find(index_.begin(), index_.end(), it->second) - index_.begin());
    ContextIndex context(doc);
    TypedSentence typed = BuildTypedSentence(doc, sentence_index);
    MatchText text;
    text.Reset(typed.text);
    std::vector<int> candidates = Candidates(typed);
    trace.prefiltered_out = !std::binary_search(candidates.begin(), candidates.end(), id);

    std::vector<RelationMention> mine;
    MatchRule(doc, context, typed, text, id, &mine, &trace.rejected);
    if (!mine.empty()) {
      // Whether Run keeps them depends on the other rules' facts too.
      std::vector<RelationMention> all;
      for (int other : candidates)
        if (other != id) MatchRule(doc, context, typed, text, other, &all);
      all.insert(all.end(), mine.begin(), mine.end());
      KeepFullest(&all);
      for (auto& fact : mine) trace.facts.push_back(Classify(std::move(fact), all));
    }
    if (mine.empty() && trace.rejected.empty()) NearestMatch(rule, typed, &trace);
    return trace;
  }

 private:
  // Ids (into index_) of the rules the prefilter lets run on `typed`, in rule order.
  std::vector<int> Candidates(const TypedSentence& typed) const {
    RulePrefilter::Scratch scratch;
    std::vector<int> candidates;
    prefilter_->Candidates(typed, &scratch, &candidates);
    return candidates;
  }

  // `text` is typed.text, Reset. `rejected` (optional) gets each match that
  // builds no fact, with why.
  void MatchRule(const Document& doc, const ContextIndex& context, const TypedSentence& typed,
                 const MatchText& match_text, int id, std::vector<RelationMention>* found,
                 std::vector<std::string>* rejected = nullptr) const {
    const RelationRule& rule = rules_.rules[index_[id]];
    const RuleRegex& re = *regexes_[id];
    const std::string& text = typed.text;
    int n = 1 + re.utf8().NumberOfCapturingGroups();
    std::vector<re2::StringPiece> groups(n);
    size_t pos = 0;
    while (pos <= text.size() && re.Match(match_text, pos, groups.data(), n)) {
      size_t begin = groups[0].data() - text.data();
      size_t end = begin + groups[0].size();
      RelationMention r;
      std::string why;
      if (BuildRelation(doc, context, typed, rule, groups, begin, end, &r,
                        rejected ? &why : nullptr)) {
        found->push_back(std::move(r));
      } else if (rejected) {
        rejected->push_back("\"" + typed.Display(begin, end) + "\": " + why);
      }
      // Go on after the match (or one character on, after an empty one).
      pos = end > begin ? end : begin + 1;
      while (pos < text.size() && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) ++pos;
    }
  }

  bool BuildRelation(const Document& doc, const ContextIndex& context, const TypedSentence& typed,
                     const RelationRule& rule, const std::vector<re2::StringPiece>& groups,
                     size_t begin, size_t end, RelationMention* r,
                     std::string* why = nullptr) const {
    auto fail = [&](std::string reason) {
      if (why) *why = std::move(reason);
      return false;
    };
    const PredicateSpec& predicate = *rule.predicate;
    const std::string& text = typed.text;
    std::vector<RelationArgument> args;
    std::set<std::string> taken;
    double confidence = rule.confidence;
    auto bound = [&](std::string_view role) {
      return std::any_of(args.begin(), args.end(),
                         [&](const RelationArgument& a) { return a.role == role; });
    };
    auto add_entity = [&](const std::string& role, int index) {
      const EntityMention& e = doc.entities[index];
      if (!taken.insert(e.id).second)  // One entity in two roles.
        return fail(e.name + " would fill role " + role + " and another role");
      RelationArgument arg;
      arg.role = role;
      arg.kind = RelationArgument::Kind::kEntity;
      arg.entity = e;
      arg.span = e.span;
      confidence *= e.confidence;
      args.push_back(std::move(arg));
      return true;
    };

    const auto& pattern_groups = rule.pattern.groups;
    for (size_t g = 0; g < pattern_groups.size() && g + 1 < groups.size(); ++g) {
      const PatternGroup& group = pattern_groups[g];
      const re2::StringPiece& piece = groups[g + 1];
      if (piece.data() == nullptr) continue;
      size_t at = piece.data() - text.data();
      if (!group.excluded_tags.empty()) {
        const TypedSlot* slot = typed.SlotAt(at);
        if (slot && TagsExcluded(SlotTags(doc, *slot), group.excluded_tags)) {
          std::string excluded;
          for (const auto& t : group.excluded_tags) excluded += (excluded.empty() ? "" : "|") + t;
          return fail(std::string(slot->span.Of(doc.text)) + " (" + slot->type +
                      ") has a tag the slot excludes (" + excluded + ")");
        }
      }
      if (group.role.empty() || bound(group.role)) continue;
      if (group.is_slot) {
        const TypedSlot* slot = typed.SlotAt(at);
        if (!slot) continue;
        if (slot->kind == TypedSlot::Kind::kEntity) {
          if (!add_entity(group.role, slot->index)) return false;
        } else {
          RelationArgument arg;
          arg.role = group.role;
          arg.kind = RelationArgument::Kind::kQuantity;
          arg.quantity = doc.quantities[slot->index];
          arg.span = arg.quantity.span;
          args.push_back(std::move(arg));
        }
      } else {
        std::string literal = group.words->Normalize(std::string_view(piece.data(), piece.size()));
        if (literal.empty()) continue;
        RelationArgument arg;
        arg.role = group.role;
        arg.kind = RelationArgument::Kind::kLiteral;
        arg.literal = std::move(literal);
        arg.span = typed.TextSpan(at, at + piece.size());
        args.push_back(std::move(arg));
      }
    }
    Span match_span = typed.TextSpan(begin, end);
    for (const auto& [role, value] : rule.fixed) {
      RelationArgument arg;
      arg.role = role;
      arg.kind = RelationArgument::Kind::kLiteral;
      arg.literal = value;
      arg.span = match_span;
      args.push_back(std::move(arg));
    }

    // Context slots: constrained ones first (see context.h).
    std::vector<const SlotSpec*> slots;
    for (const auto& slot : rule.pattern.context_slots)
      if (!slot.role.empty() && !bound(slot.role)) slots.push_back(&slot);
    std::stable_partition(slots.begin(), slots.end(),
                          [](const SlotSpec* s) { return !s->tags.empty(); });
    for (const SlotSpec* slot : slots) {
      int index = context.Resolve(*slot, typed.sentence_index, match_span.begin, taken);
      if (index < 0)
        return fail("no " + slot->type + " in earlier text for context role " + slot->role);
      if (!add_entity(slot->role, index)) return false;
      confidence *= kContextConfidence;
    }

    for (const auto& role : predicate.roles)
      if (role.required && !bound(role.name))
        return fail("required role " + std::string(role.name) + " is not bound");
    if (!predicate.one_of.empty() &&
        std::none_of(predicate.one_of.begin(), predicate.one_of.end(), bound)) {
      std::string names;
      for (const auto& n : predicate.one_of) names += (names.empty() ? "" : ", ") + std::string(n);
      return fail("none of the roles " + names + " is bound");
    }

    if (predicate.symmetric.size() == 2) {
      RelationArgument* a = nullptr;
      RelationArgument* b = nullptr;
      for (auto& arg : args) {
        if (arg.role == predicate.symmetric[0]) a = &arg;
        if (arg.role == predicate.symmetric[1]) b = &arg;
      }
      if (a && b && b->entity.id < a->entity.id) std::swap(a->role, b->role);
    }

    // Arguments in the predicate's role order.
    r->args.clear();
    for (const auto& role : predicate.roles)
      for (auto& a : args)
        if (a.role == role.name) r->args.push_back(std::move(a));
    r->predicate = std::string(predicate.name);
    r->rule = rule.id;
    r->sentence_index = typed.sentence_index;
    r->sentence = typed.sentence;
    r->span = match_span;
    r->confidence = confidence;
    return true;
  }

  // `fact` marked kept when it is among `kept` (KeepFullest's survivors),
  // else with the fact that covers it.
  static RuleMatch Classify(RelationMention fact, const std::vector<RelationMention>& kept) {
    RuleMatch m;
    for (const auto& k : kept) {
      if (k.rule == fact.rule && k.span == fact.span && Subsumed(fact, k) && Subsumed(k, fact)) {
        m.fact = std::move(fact);
        return m;
      }
    }
    m.kept = false;
    for (const auto& k : kept) {
      if (Subsumed(fact, k)) {
        m.covered_by = RelationSummary(k) + " via " + k.rule;
        break;
      }
    }
    m.fact = std::move(fact);
    return m;
  }

  // For a rule whose regex does not match `typed`: the longest prefix of its
  // elements that does, and its slots that no token of the sentence fills.
  static void NearestMatch(const RelationRule& rule, const TypedSentence& typed,
                           RuleTrace* trace) {
    const auto& elements = rule.pattern.elements;
    std::string prefix;
    for (size_t k = 0; k < elements.size(); ++k) {
      std::string regex = prefix + (prefix.empty() ? "" : "\\s*") + elements[k].regex;
      RE2 re(regex, PatternOptions());
      re2::StringPiece match;
      if (!re.ok() || !re.Match(typed.text, 0, typed.text.size(), RE2::UNANCHORED, &match, 1)) {
        trace->next_element = elements[k].source;
        break;
      }
      size_t begin = match.data() - typed.text.data();
      trace->elements_matched = k + 1;
      trace->partial_text = typed.Display(begin, begin + match.size());
      prefix = std::move(regex);
    }
    for (const auto& element : elements) {
      if (!element.slot) continue;
      RE2 re(element.regex, PatternOptions());
      if (re.ok() && !RE2::PartialMatch(typed.text, re)) trace->missing_slots.push_back(element.source);
    }
  }

  // Within one sentence, drops a fact whose arguments all appear in another
  // fact of the same predicate: the fuller one, or for equal ones the more
  // confident, then the earlier rule, wins. Then orders by position.
  void KeepFullest(std::vector<RelationMention>* found) const {
    auto rule_order = [&](const RelationMention& r) { return order_.at(r.rule); };
    auto better = [&](const RelationMention& a, const RelationMention& b) {
      if (a.args.size() != b.args.size()) return a.args.size() > b.args.size();
      if (a.confidence != b.confidence) return a.confidence > b.confidence;
      size_t ra = rule_order(a), rb = rule_order(b);
      if (ra != rb) return ra < rb;
      return a.span < b.span;
    };
    std::sort(found->begin(), found->end(), better);
    std::vector<RelationMention> kept;
    for (auto& r : *found) {
      bool covered = std::any_of(kept.begin(), kept.end(),
                                 [&](const RelationMention& k) { return Subsumed(r, k); });
      if (!covered) kept.push_back(std::move(r));
    }
    std::sort(kept.begin(), kept.end(), [](const RelationMention& a, const RelationMention& b) {
      if (a.span != b.span) return a.span < b.span;
      if (a.predicate != b.predicate) return a.predicate < b.predicate;
      return a.rule < b.rule;
    });
    *found = std::move(kept);
  }

  RelationRuleSet rules_;
  std::vector<RuleExample> examples_;  // Of the rules that compiled.
  // Rules that compiled, by id: their regexes and index into rules_.rules.
  std::vector<std::unique_ptr<RuleRegex>> regexes_;
  std::vector<size_t> index_;
  std::map<std::string, size_t> order_;  // Rule id -> index into rules_.rules.
  std::unique_ptr<RulePrefilter> prefilter_;
};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool Contains(std::string_view haystack, std::string_view needle) {
  return Lower(haystack).find(Lower(needle)) != std::string::npos;
}

bool ArgumentIs(const RelationArgument& arg, const std::string& value) {
  switch (arg.kind) {
    case RelationArgument::Kind::kEntity:
      return Contains(arg.entity.text, value) || Contains(arg.entity.name, value) ||
             Lower(arg.entity.id) == Lower(value);
    case RelationArgument::Kind::kQuantity: return Contains(arg.quantity.text, value);
    case RelationArgument::Kind::kLiteral: return Lower(arg.literal) == Lower(value);
  }
  return false;
}

}  // namespace

std::unique_ptr<RelationExtractor> RelationExtractor::Create(const RuleFiles& rules,
                                                             DiagnosticSink* sink) {
  // rules/relations.rules, then any rules/relations.NAME.rules in name order.
  std::vector<RelationRuleSource> sources;
  if (const RuleFile* main = rules.Require("relations.rules", sink))
    sources.push_back({main->path, main->content});
  for (const auto& [name, file] : rules.files()) {
    if (name.size() > 16 && name.rfind("relations.", 0) == 0 &&
        name.compare(name.size() - 6, 6, ".rules") == 0)
      sources.push_back({file.path, file.content});
  }
  return std::make_unique<RuleExtractor>(ParseRelationRules(sources, sink), sink);
}

std::string RelationSummary(const RelationMention& r) {
  std::string out = r.predicate + "(";
  for (size_t i = 0; i < r.args.size(); ++i) {
    const auto& a = r.args[i];
    out += (i ? ", " : "") + a.role + ": ";
    switch (a.kind) {
      case RelationArgument::Kind::kEntity: out += a.entity.name; break;
      case RelationArgument::Kind::kQuantity: out += a.quantity.text; break;
      case RelationArgument::Kind::kLiteral: out += a.literal; break;
    }
  }
  return out + ")";
}

std::string ExampleMismatch(const RuleExample& example, const Document& doc) {
  std::vector<const RelationMention*> mine;
  std::string others;
  for (const auto& r : doc.relations) {
    if (r.rule == example.rule_id)
      mine.push_back(&r);
    else
      others += (others.empty() ? "" : "; ") + RelationSummary(r) + " via " + r.rule;
  }
  if (!example.positive) {
    if (mine.empty()) return "";
    return "negative example produces " + RelationSummary(*mine.front()) + " through rule " +
           example.rule_id;
  }
  if (mine.empty()) {
    return "example does not produce " + example.predicate + " through rule " + example.rule_id +
           (others.empty() ? " (no relation found)" : " (found: " + others + ")");
  }
  std::string got;
  for (const RelationMention* r : mine) {
    bool all = std::all_of(example.expected.begin(), example.expected.end(),
                           [&](const RuleExample::Expected& e) {
                             const RelationArgument* arg = r->Find(e.role);
                             return arg && ArgumentIs(*arg, e.value);
                           });
    if (all) return "";
    got += (got.empty() ? "" : "; ") + RelationSummary(*r);
  }
  std::string want;
  for (const auto& e : example.expected)
    want += (want.empty() ? "" : ", ") + e.role + ": " + e.value;
  return "example produces " + got + ", expected " + want;
}

}  // namespace quarry
