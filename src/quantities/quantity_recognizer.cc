// Exports QuantityRecognizer::Create and QuantityRecognizer::Run.
//
// How a quantity is found: one RE2 scan over the text finds where a
// quantity can start: an optional qualifier ("about"), range opener
// ("between"), sign and currency, then a digit or a spelled-out number.
// From each start, hand-written code reads the rest with anchored matches of
// the rule forms (form_set.h): an amount (amount_reader.h: the number, its
// scale word, unit or counted noun), maybe a second one for a range, a "per"
// clause for prices and a trailing qualifier ("or more"). Guards then drop
// what is a name or a date rather than an amount. Values stay exact
// decimals until the end (decimal.h).
#include "quantities/quantity_recognizer.h"

#include <re2/re2.h>

#include <algorithm>

#include "quantities/amount_reader.h"
#include "quantities/quantity_rules.h"

namespace quarry {
namespace {

constexpr char kNumberDimension[] = "number";
constexpr char kPriceDimension[] = "price";

size_t NextChar(std::string_view text, size_t pos) {
  ++pos;
  while (pos < text.size() && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) ++pos;
  return pos;
}

// The whitespace-delimited token that ends right before `pos` (blanks
// skipped), without leading brackets or quotes: [begin, end).
std::pair<size_t, size_t> PrevToken(std::string_view text, size_t pos) {
  size_t end = pos;
  while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == '\t')) --end;
  size_t begin = end;
  while (begin > 0 && text[begin - 1] != ' ' && text[begin - 1] != '\t' &&
         text[begin - 1] != '\n') {
    --begin;
  }
  while (begin < end &&
         (text[begin] == '(' || text[begin] == '[' || text[begin] == '"' || text[begin] == '\'')) {
    ++begin;
  }
  return {begin, end};
}

// Whether the token before `pos` is, as a whole, one of `forms`.
bool PrevTokenIn(const FormSet& forms, std::string_view text, size_t pos) {
  auto [begin, end] = PrevToken(text, pos);
  if (begin >= end || forms.empty()) return false;
  FormSet::Match m;
  return forms.MatchAt(text, begin, &m) && begin + m.length == end;
}

// Whether a word at `pos` starts a sentence (or a headline, bullet, quote).
bool StartsSentence(std::string_view text, size_t pos) {
  while (pos > 0 && (text[pos - 1] == ' ' || text[pos - 1] == '\t')) --pos;
  if (pos == 0) return true;
  char c = text[pos - 1];
  return c == '.' || c == '!' || c == '?' || c == ':' || c == ';' || c == '\n' || c == '"' ||
         c == '(' || c == '-' || c == '|' || c == '*';
}

// The token that holds `pos` is a URL, a path or an e-mail address.
bool InsideAddress(std::string_view text, size_t pos) {
  size_t begin = pos;
  while (begin > 0 && text[begin - 1] != ' ' && text[begin - 1] != '\t' &&
         text[begin - 1] != '\n') {
    --begin;
  }
  size_t end = pos;
  while (end < text.size() && text[end] != ' ' && text[end] != '\t' && text[end] != '\n') ++end;
  std::string_view token = text.substr(begin, end - begin);
  return token.find("://") != std::string_view::npos || token.substr(0, 4) == "www." ||
         token.find('@') != std::string_view::npos;
}

class Recognizer final : public QuantityRecognizer {
 public:
  explicit Recognizer(std::unique_ptr<QuantityRules> rules)
      : rules_(std::move(rules)), reader_(*rules_) {}
  bool Init(DiagnosticSink* sink);

  std::vector<Quantity> Find(std::string_view text) const override {
    return Scan(text, Mode::kQuantities);
  }
  std::vector<Quantity> FindNumbers(std::string_view text) const override {
    return Scan(text, Mode::kNumbers);
  }

 private:
  enum class Mode { kQuantities, kNumbers };

  std::vector<Quantity> Scan(std::string_view text, Mode mode) const;
  // Reads the quantity starting at scan hit `p`, appends what it finds and
  // returns where scanning goes on (always past `p`).
  size_t TryAt(std::string_view text, size_t p, Mode mode, std::vector<Quantity>* out) const;
  // Makes the two sides of a range agree on unit and scale; false if they
  // cannot ("5% to $6bn").
  bool Reconcile(Amount* low, Amount* high, bool need_order) const;
  bool ContextAllows(std::string_view text, size_t start, const Amount& low) const;
  bool NameNumber(std::string_view text, size_t start, const Amount& low) const;
  void Emit(std::string_view text, size_t begin, size_t end, Qualifier qualifier, const Amount& low,
            const Amount* high, const std::string& per, Mode mode,
            std::vector<Quantity>* out) const;

  std::unique_ptr<QuantityRules> rules_;
  AmountReader reader_;  // Reads from *rules_.
  std::unique_ptr<RE2> scan_;
};

bool Recognizer::Init(DiagnosticSink* sink) {
  const QuantityRules& r = *rules_;
  auto kind_in = [&](std::initializer_list<SpelledToken::Kind> kinds) {
    return [&r, kinds](int i) {
      return std::find(kinds.begin(), kinds.end(), r.spelled_tokens[i].kind) != kinds.end();
    };
  };
  using K = SpelledToken;
  const std::string blank = kBlankClass;
  std::string spelled_start =
      r.spelled.Pattern(kind_in({K::kOnes, K::kTeens, K::kTens, K::kFraction}));
  std::string article_start = r.spelled.Pattern(kind_in({K::kArticle})) + blank + "+" +
                              r.spelled.Pattern(kind_in({K::kScale, K::kHundred, K::kFraction}));
  std::string number_start = "(?:[0-9]|\\.[0-9]|[\\x{bc}-\\x{be}\\x{2150}-\\x{215e}]|" +
                             spelled_start + "|" + article_start + ")";
  std::string pattern = "(?:" + r.qualifiers_before.Pattern() + blank + "*)?" +  //
                        "(?:" + r.range_open.Pattern() + blank + "+)?" +         //
                        "(?:" + r.signs.Pattern() + blank + "*)?" +              //
                        "(?:" + r.unit_before.Pattern() + blank + "*)?" +        //
                        number_start;
  RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(128 << 20);
  scan_ = std::make_unique<RE2>(pattern, options);
  if (!scan_->ok()) {
    sink->Error("units.rules", 0, 0,
                "the quantity forms do not compile together: " + scan_->error());
    return false;
  }
  return true;
}

std::vector<Quantity> Recognizer::Scan(std::string_view text, Mode mode) const {
  std::vector<Quantity> out;
  re2::StringPiece whole(text.data(), text.size());
  size_t pos = 0;
  while (pos < text.size()) {
    re2::StringPiece hit;
    if (!scan_->Match(whole, pos, text.size(), RE2::UNANCHORED, &hit, 1)) break;
    size_t p = static_cast<size_t>(hit.data() - text.data());
    pos = std::max(TryAt(text, p, mode, &out), NextChar(text, p));
  }
  return out;
}

bool Recognizer::Reconcile(Amount* low, Amount* high, bool need_order) const {
  const UnitDef* lu = reader_.UnitOf(*low);
  const UnitDef* hu = reader_.UnitOf(*high);
  if (lu && hu) {
    if (lu->dimension != hu->dimension) return false;
    if (lu->dimension == kMoneyDimension && lu->base != hu->base) return false;
    if (lu->dimension == kCountDimension && lu->counted != hu->counted) return false;
  } else if (hu) {
    low->unit = high->unit;  // "1.2-1.6 GW".
  } else if (lu) {
    high->unit = low->unit;  // "$4-6".
  }
  // A scale written once applies to both when that keeps them in order:
  // "$4-6 billion" is 4 to 6 billion, "$400,000 to 1.2 million" is not.
  if (!low->has_scale && high->has_scale && !(high->number.value < low->number.value)) {
    low->scale = high->scale;
    low->has_scale = true;
    low->scaled = low->number.value * high->scale;
  } else if (low->has_scale && !high->has_scale && !(high->number.value < low->number.value)) {
    high->scale = low->scale;
    high->has_scale = true;
    high->scaled = high->number.value * low->scale;
  }
  if (need_order && reader_.BaseValue(*high) < reader_.BaseValue(*low)) return false;
  return true;
}

bool Recognizer::ContextAllows(std::string_view text, size_t start, const Amount& low) const {
  const QuantityRules& r = *rules_;
  // Only a currency form vouches for what precedes it; for a sign or a bare
  // number, look at the character before.
  bool currency_first = low.unit_before && !low.has_sign;
  if (low.begin > 0 && !currency_first) {
    char c = text[low.begin - 1];
    if (IsAsciiAlnum(c) || c == '_') return false;  // "H100", "A100".
    if ((c == '-' || c == '/' || c == '.' || c == ':' || c == '^') && low.begin >= 2 &&
        IsAsciiAlnum(text[low.begin - 2])) {
      return false;  // "GPT-5", the "13" of "2012-13", "v1.2".
    }
    if (c == '%' || c == '=' || c == '&' || c == '@' || c == '#' || c == '\\') return false;
  }
  if (InsideAddress(text, low.num_begin)) return false;
  // "Tier 3", "Phase 2", "March 3" (but "the number equals 20" is fine, and
  // so is "Google Cloud Platform $8 billion": a currency makes an amount).
  if (low.begin == start && !currency_first &&
      (PrevTokenIn(r.labels, text, start) || PrevTokenIn(r.date_words, text, start))) {
    return false;
  }
  return true;
}

bool Recognizer::NameNumber(std::string_view text, size_t start, const Amount& low) const {
  // "Colossus 1 data center", "Llama 3": a small bare integer right after a
  // capitalized word in mid-sentence names a thing, it does not count it.
  if (!low.number.plain_integer || low.number.end - low.number.begin > 2 || low.begin != start) {
    return false;
  }
  auto [begin, end] = PrevToken(text, start);
  if (begin >= end || end + 1 != start || text[begin] < 'A' || text[begin] > 'Z') return false;
  for (size_t i = begin; i < end; ++i) {
    if (!IsAsciiAlnum(text[i]) && text[i] != '-') return false;  // "Meta's 2 sites" is fine.
  }
  return !StartsSentence(text, begin);
}

void Recognizer::Emit(std::string_view text, size_t begin, size_t end, Qualifier qualifier,
                      const Amount& low, const Amount* high, const std::string& per, Mode mode,
                      std::vector<Quantity>* out) const {
  Quantity q;
  q.qualifier = qualifier;
  q.ambiguous = low.ambiguous || (high && high->ambiguous);
  q.significant_digits = low.number.significant_digits;
  if (high) q.significant_digits = std::min(q.significant_digits, high->number.significant_digits);
  if (mode == Mode::kNumbers) {
    q.dimension = kNumberDimension;
    // Plain numbers, ranges and numbers with a qualifier's words apart.
    q.rule = high                                                  ? "number.range"
             : qualifier != Qualifier::kExact || begin < low.begin ? "number.qualified"
                                                                   : kNumberDimension;
    q.scale = low.scale.ToDouble();
    if (high) {
      q.low = low.scaled.ToDouble();
      q.high = high->scaled.ToDouble();
    } else {
      q.value = low.scaled.ToDouble();
    }
  } else {
    const UnitDef& u = rules_->units[low.unit];
    q.dimension = per.empty() ? u.dimension : kPriceDimension;
    q.unit = u.base;
    q.counted = u.counted;
    q.per = per;
    q.rule = u.id;
    q.scale = (low.scale * u.factor).ToDouble();
    if (high) {
      q.low = reader_.BaseValue(low).ToDouble();
      q.high = reader_.BaseValue(*high).ToDouble();
    } else {
      q.value = reader_.BaseValue(low).ToDouble();
    }
  }
  q.span = {static_cast<uint32_t>(begin), static_cast<uint32_t>(end)};
  q.text = std::string(text.substr(begin, end - begin));
  out->push_back(std::move(q));
}

size_t Recognizer::TryAt(std::string_view text, size_t p, Mode mode,
                         std::vector<Quantity>* out) const {
  const QuantityRules& r = *rules_;
  size_t q = p;
  FormSet::Match m;
  Qualifier qualifier = Qualifier::kExact;
  bool has_qualifier = false;
  if (r.qualifiers_before.MatchAt(text, q, &m)) {
    size_t after = q + m.length;
    size_t next = SkipBlanks(text, after);
    // A word qualifier stands apart from the number ("over 40", not
    // "over40"); a symbol one is no comparison inside "<>30" or "=>30".
    bool in_operator = !IsAsciiAlpha(text[q]) && q > 0 &&
                       (text[q - 1] == '<' || text[q - 1] == '>' || text[q - 1] == '=');
    if (!(IsAsciiAlnum(text[after - 1]) && next == after) && !in_operator) {
      qualifier = static_cast<Qualifier>(m.payload);
      has_qualifier = true;
      q = next;
    }
  }
  // "between 4 and 6"; "from 4 to 6" only where the rules say it is a range
  // ("ranging from"), otherwise it is a change and gives two quantities.
  int pair = -1;
  bool pair_is_range = false;
  size_t open_begin = q;
  if (r.range_open.MatchAt(text, q, &m)) {
    size_t after = q + m.length;
    size_t next = SkipBlanks(text, after);
    if (next > after) {
      pair = m.payload;
      const RangePair& rp = *r.range_pairs[pair];
      pair_is_range = rp.after.empty() || PrevTokenIn(rp.after, text, open_begin);
      q = next;
    }
  }
  size_t start = has_qualifier ? p : (pair >= 0 ? open_begin : q);
  bool change = PrevTokenIn(r.change_words, text, start);

  Amount low;
  if (!reader_.Read(text, q, true, &low)) return std::max(low.skip_to, NextChar(text, p));
  size_t resume = std::max(low.num_end, NextChar(text, p));
  if (!ContextAllows(text, start, low)) return resume;

  Amount high;
  bool has_high = false, is_range = false;
  if (pair >= 0) {
    size_t c = SkipBlanks(text, low.end);
    if (c > low.end && r.range_pairs[pair]->close.MatchAt(text, c, &m)) {
      size_t after = c + m.length;
      size_t next = SkipBlanks(text, after);
      if (next > after && reader_.Read(text, next, true, &high)) {
        has_high = true;
        is_range = pair_is_range;
      }
    }
    if (!has_high || !pair_is_range) {
      // The opener is not part of the quantity.
      if (!has_qualifier) start = low.begin;
      pair_is_range = false;
    }
  } else {
    size_t c = SkipBlanks(text, low.end);
    if (r.range_seps.MatchAt(text, c, &m)) {
      bool word = m.payload == 1;
      size_t after = c + m.length;
      size_t next = SkipBlanks(text, after);
      bool spaced = c > low.end && next > after;
      if ((!word || spaced) && reader_.Read(text, next, word, &high)) {
        // "150 basis points to 18%": two explicit, different units joined
        // by a word are a change; "500 MW–1 GW" is still a range.
        bool different_units = low.unit >= 0 && high.unit >= 0 && low.unit != high.unit;
        has_high = !(word && different_units);
        is_range = !(word && change);
      }
    }
  }
  if (has_high && (low.number.fraction_only || high.number.fraction_only)) {
    has_high = is_range = false;  // "the quarter to June".
  }
  if (has_high && high.num_end + 1 < text.size() &&
      (text[high.num_end] == '-' || text[high.num_end] == '/') &&
      IsAsciiDigit(text[high.num_end + 1])) {
    has_high = is_range = false;  // "+1-222-2222", "5-17-2025": a phone number or a date.
  }
  if (has_high) {
    // "2012-13", "2024-2025": fiscal years and spans of years, not ranges.
    // "4.5 GW through 2030": a bare year after an amount is a date.
    bool years = (IsYearShaped(low) && high.number.plain_integer &&
                  (high.number.end - high.number.begin == 2 || IsYearShaped(high))) ||
                 (IsYearShaped(high) && high.unit < 0 && low.unit >= 0);
    Amount low2 = low, high2 = high;
    if (years || !Reconcile(&low2, &high2, is_range)) {
      has_high = is_range = false;
    } else {
      low = low2;
      high = high2;
    }
  }
  if (!has_high) reader_.MergeMinorUnit(text, &low);

  bool two = has_high && !is_range;  // A change: "from 4 GW to 6 GW".
  const Amount& last = has_high ? high : low;
  size_t end = last.end;
  std::string per;
  if (reader_.IsMoney(last) && mode == Mode::kQuantities) {
    size_t per_end = end;
    per = reader_.ReadPer(text, end, &per_end);
    end = per_end;
  }
  // "or more", "-plus", "+": after the unit, or after the number. A bound
  // after the number says more than "about" or "equal to" before it.
  size_t suffix_end = 0;
  {
    size_t base = mode == Mode::kNumbers ? last.num_end : end;
    size_t at = SkipBlanks(text, base);
    if (r.qualifiers_after.MatchAt(text, at, &m) && (at > base || !IsAsciiAlpha(text[at]))) {
      auto suffix = static_cast<Qualifier>(m.payload);
      bool weak_prefix = qualifier == Qualifier::kApprox || qualifier == Qualifier::kExact;
      bool bound = suffix != Qualifier::kApprox && suffix != Qualifier::kExact;
      if (!has_qualifier || suffix == qualifier || (weak_prefix && bound)) {
        qualifier = suffix;
        has_qualifier = true;
        suffix_end = at + m.length;
        if (mode == Mode::kQuantities) end = suffix_end;
      }
    }
    if (!has_qualifier && low.inner_qualifier >= 0) {
      qualifier = static_cast<Qualifier>(low.inner_qualifier);
    } else if (!has_qualifier && (low.plus || last.plus)) {
      qualifier = Qualifier::kAtLeast;
    }
  }

  if (mode == Mode::kNumbers) {
    size_t num_end = std::max(last.num_end, suffix_end);
    if (two) {
      Emit(text, start, low.num_end, qualifier, low, nullptr, "", mode, out);
      Emit(text, high.begin, high.num_end, Qualifier::kExact, high, nullptr, "", mode, out);
    } else {
      Emit(text, start, num_end, qualifier, low, has_high ? &high : nullptr, "", mode, out);
    }
    return std::max(end, resume);
  }

  // Quantities need a unit or a counted noun.
  const UnitDef* unit = reader_.UnitOf(low);
  if (!unit) return resume;
  if (unit->dimension == kCountDimension) {
    if (IsYearShaped(low) || NameNumber(text, start, low))
      return resume;  // "By 2030 data centers".
  } else if (low.multiple) {
    return resume;  // "1.5x" carries no unit.
  }
  if (two) {
    // "fell from $8 to $2 per GPU-hour": both are prices.
    Emit(text, start, low.end, qualifier, low, nullptr, reader_.IsMoney(low) ? per : "", mode, out);
    Emit(text, high.begin, end, Qualifier::kExact, high, nullptr, per, mode, out);
  } else {
    Emit(text, start, end, qualifier, low, has_high ? &high : nullptr, per, mode, out);
  }
  return std::max(end, resume);
}

}  // namespace

std::unique_ptr<QuantityRecognizer> QuantityRecognizer::Create(const RuleFiles& rules,
                                                               DiagnosticSink* sink) {
  std::unique_ptr<QuantityRules> parsed = LoadQuantityRules(rules, sink);
  if (!parsed) return nullptr;
  auto recognizer = std::make_unique<Recognizer>(std::move(parsed));
  if (!recognizer->Init(sink)) return nullptr;
  return recognizer;
}

void QuantityRecognizer::Run(Document* doc) const {
  doc->quantities.clear();
  if (doc->sentences.empty()) {
    doc->quantities = Find(doc->text);
    return;
  }
  std::string_view text = doc->text;
  for (const Span& sentence : doc->sentences) {
    if (sentence.empty() || sentence.end > text.size()) continue;
    for (Quantity& q : Find(sentence.Of(text))) {
      q.span.begin += sentence.begin;
      q.span.end += sentence.begin;
      doc->quantities.push_back(std::move(q));
    }
  }
  // Sentences come in order and do not overlap, but the contract
  // (sorted, non-overlapping) should not depend on that.
  std::stable_sort(
      doc->quantities.begin(), doc->quantities.end(),
      [](const Quantity& a, const Quantity& b) { return a.span.begin < b.span.begin; });
  size_t kept = 0;
  for (size_t i = 0; i < doc->quantities.size(); ++i) {
    if (kept > 0 && doc->quantities[i].span.begin < doc->quantities[kept - 1].span.end) continue;
    if (kept != i) doc->quantities[kept] = std::move(doc->quantities[i]);
    ++kept;
  }
  doc->quantities.resize(kept);
}

}  // namespace quarry
