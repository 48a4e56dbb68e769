// Exports QuantityRecognizer::Create and QuantityRecognizer::Run.
//
// How a quantity is found: one RE2 scan over the text finds where a
// quantity can start: an optional qualifier ("about"), range opener
// ("between"), sign and currency, then a digit or a spelled-out number.
// From each start, hand-written code reads the rest with anchored matches of
// the rule forms (form_set.h): the number (number_reader.h), its scale word,
// its unit or counted noun, a second number for a range, a "per" clause for
// prices and a trailing qualifier ("or more"). Guards then drop what is a
// name or a date rather than an amount. Values stay exact decimals until the
// end (decimal.h).
#include "quantities/quantity_recognizer.h"

#include <re2/re2.h>

#include <algorithm>

#include "quantities/number_reader.h"
#include "quantities/quantity_rules.h"

namespace quarry {
namespace {

constexpr char kNumberDimension[] = "number";
constexpr char kPriceDimension[] = "price";

// One number with what is written around it: "US$4.7 billion",
// "1.6-gigawatt", "350,000 Nvidia GPUs".
struct Side {
  size_t begin = 0;      // Sign or currency, else the number.
  size_t num_begin = 0;  // The number itself.
  size_t num_end = 0;    // After the number and its scale word.
  size_t end = 0;        // After the unit or counted noun, if any.
  size_t skip_to = 0;    // On failure: where scanning may go on.
  NumberRead number;
  Decimal amount;        // Number times scale, before the unit's factor.
  Decimal scale = Decimal::FromInt(1);
  bool has_scale = false;
  int unit = -1;         // Index into QuantityRules::units.
  bool unit_before = false;
  bool has_sign = false;
  bool ambiguous = false;
  bool plus = false;      // "40+ GW".
  bool multiple = false;  // "8x H100 GPUs".
  int inner_qualifier = -1;  // "a dozen or so researchers": between number and noun.
  Decimal extra_base;     // Cents merged into a dollar amount, in base units.
};

bool IsYearShaped(const Side& s) {
  if (!s.number.plain_integer || s.number.end - s.number.begin != 4 || s.has_scale) return false;
  double v = s.number.value.ToDouble();
  return v >= 1900 && v <= 2099;
}

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
  while (begin > 0 && text[begin - 1] != ' ' && text[begin - 1] != '\t' && text[begin - 1] != '\n') {
    --begin;
  }
  while (begin < end && (text[begin] == '(' || text[begin] == '[' || text[begin] == '"' ||
                         text[begin] == '\'')) {
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
  while (begin > 0 && text[begin - 1] != ' ' && text[begin - 1] != '\t' && text[begin - 1] != '\n') {
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
  explicit Recognizer(std::unique_ptr<QuantityRules> rules) : rules_(std::move(rules)) {}
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
  bool ParseSide(std::string_view text, size_t pos, bool allow_sign, Side* side) const;
  // The unit or counted noun written after a number, from `pos`; sets
  // side->unit (unless a currency came before) and side->end. False when
  // nothing after the number was taken.
  bool ParseUnitAfter(std::string_view text, size_t pos, Side* side) const;
  // "per share", "/kWh", "a share", "per kW per month" after a money amount.
  std::string ParsePer(std::string_view text, size_t pos, size_t* end) const;
  // A cents part after a dollar amount: "3 dollars 50 cents".
  void MergeMinorUnit(std::string_view text, Side* side) const;
  // Makes the two sides of a range agree on unit and scale; false if they
  // cannot ("5% to $6bn").
  bool Reconcile(Side* low, Side* high, bool need_order) const;
  bool ContextAllows(std::string_view text, size_t start, const Side& low) const;
  bool NameNumber(std::string_view text, size_t start, const Side& low) const;
  Decimal BaseValue(const Side& s) const;
  void Emit(std::string_view text, size_t begin, size_t end, Qualifier qualifier, const Side& low,
            const Side* high, const std::string& per, Mode mode, std::vector<Quantity>* out) const;

  const UnitDef* UnitOf(const Side& s) const {
    return s.unit >= 0 ? &rules_->units[s.unit] : nullptr;
  }
  bool IsMoney(const Side& s) const {
    const UnitDef* u = UnitOf(s);
    return u && u->dimension == kMoneyDimension;
  }

  std::unique_ptr<QuantityRules> rules_;
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
    sink->Error("units.rules", 0, 0, "the quantity forms do not compile together: " + scan_->error());
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

bool Recognizer::ParseSide(std::string_view text, size_t pos, bool allow_sign, Side* side) const {
  const QuantityRules& r = *rules_;
  Side s;
  s.begin = pos;
  size_t q = pos;
  FormSet::Match m;
  bool negative = false;
  if (allow_sign && r.signs.MatchAt(text, q, &m)) {
    size_t after = q + m.length;
    if (IsAsciiAlpha(text[q])) {
      // "minus five": a word sign needs a blank after it.
      size_t next = SkipBlanks(text, after);
      if (next > after) {
        s.has_sign = true;
        negative = m.payload < 0;
        q = next;
      }
    } else if (after < text.size() && !BlankAt(text, after)) {
      // "-5%": a symbol sign is glued to what it signs; "- 5 GW" is a bullet.
      s.has_sign = true;
      negative = m.payload < 0;
      q = after;
    }
  }
  if (r.unit_before.MatchAt(text, q, &m)) {
    s.unit = m.payload;
    s.unit_before = true;
    // "NZ$5" with no rule for NZ$: a "$" glued to letters is some dollar,
    // but not surely the US one.
    if (q > 0 && !IsAsciiAlnum(text[q]) && IsAsciiAlpha(text[q - 1])) s.ambiguous = true;
    q = SkipBlanks(text, q + m.length);
  }

  Decimal vulgar;
  char c = q < text.size() ? text[q] : '\0';
  bool digits = IsAsciiDigit(c) || (c == '.' && q + 1 < text.size() && IsAsciiDigit(text[q + 1])) ||
                VulgarFractionAt(text, q, &vulgar) > 0;
  s.number = digits ? ReadDigits(text, q) : ReadSpelled(r, text, q);
  if (s.number.status == NumberRead::kNotNumber) {
    side->skip_to = s.number.end;
    return false;
  }
  if (s.number.status != NumberRead::kNumber) return false;
  const NumberRead& n = s.number;
  if (negative) s.number.value = s.number.value.Negated();
  s.num_begin = n.begin;
  s.amount = s.number.value;
  s.ambiguous = s.ambiguous || n.ambiguous;
  if (n.has_scale) {
    s.scale = n.scale;  // Already inside the spelled value.
    s.has_scale = true;
  }
  q = n.end;

  if (!n.spelled) {
    // "$4.7 5 billion": a short stray number between a decimal amount and
    // its scale or unit. Read past it, flagged.
    size_t b = SkipBlanks(text, q);
    if (b > q && (n.has_point || s.unit_before) && b < text.size() && IsAsciiDigit(text[b])) {
      size_t e = b;
      while (e < text.size() && IsAsciiDigit(text[e])) ++e;
      size_t u = SkipBlanks(text, e);
      FormSet::Match sm;
      if (e - b <= 2 && u > e &&
          (r.scales.MatchAt(text, u, &sm) || r.unit_after.MatchAt(text, u, &sm))) {
        s.ambiguous = true;
        q = e;
      }
    }
    if (q < text.size() && text[q] == '+' && (q + 1 >= text.size() || !IsAsciiDigit(text[q + 1]))) {
      s.plus = true;  // "40+ GW".
      ++q;
    }
    size_t at = SkipBlanks(text, q);
    // "a $1.5-billion abatement": a scale word may follow a hyphen; an
    // abbreviation may not ("10-K" is a filing).
    bool hyphen = at == q && at + 1 < text.size() && text[at] == '-' && IsAsciiAlpha(text[at + 1]);
    FormSet::Match sm, um;
    if (r.scales.MatchAt(text, at + (hyphen ? 1 : 0), &sm) &&
        (!hyphen || QuantityRules::IsScaleWord(sm.payload)) &&
        !(r.unit_after.MatchAt(text, at, &um) && um.length > sm.length)) {
      if (hyphen) ++at;
      if (sm.stray_digit) {
        // "8 B200 GPUs": read on without the scale first; "24703m212" is a
        // code; "$4.7 billion1" is a scale word with a footnote, flagged.
        Side without = s;
        without.end = q;
        if (ParseUnitAfter(text, q, &without)) {
          *side = without;
          side->num_end = q;
          return true;
        }
        if (!QuantityRules::IsScaleWord(sm.payload)) {
          size_t e = at;
          while (e < text.size() && IsAsciiAlnum(text[e])) ++e;
          side->skip_to = e;
          return false;
        }
        s.ambiguous = true;
      }
      s.scale = r.ScaleOf(sm.payload).factor;
      s.has_scale = true;
      s.amount = s.number.value * s.scale;
      q = at + sm.length;
    }
    if (s.has_scale) {
      // "3 million and a half": the fraction is of the scale.
      size_t j = SkipBlanks(text, q);
      FormSet::Match jm, am, fm;
      if (j > q && r.spelled.MatchAt(text, j, &jm) &&
          r.spelled_tokens[jm.payload].kind == SpelledToken::kJoiner) {
        size_t k = SkipBlanks(text, j + jm.length);
        if (k > j + jm.length && r.spelled.MatchAt(text, k, &am) &&
            r.spelled_tokens[am.payload].kind == SpelledToken::kArticle) {
          k = SkipBlanks(text, k + am.length);
        }
        if (k > j + jm.length && r.spelled.MatchAt(text, k, &fm) &&
            r.spelled_tokens[fm.payload].kind == SpelledToken::kFraction) {
          s.amount = s.amount + r.spelled_tokens[fm.payload].value * s.scale;
          q = k + fm.length;
        }
      }
    }
    FormSet::Match xm;
    if (q == n.end && r.multipliers.MatchAt(text, q, &xm)) {
      s.multiple = true;  // "8x".
      q += xm.length;
    }
  }
  s.num_end = q;
  s.end = q;
  bool has_unit = false;
  size_t at = SkipBlanks(text, q);
  FormSet::Match qm;
  if (at > q && r.qualifiers_after.MatchAt(text, at, &qm)) {
    // "a dozen or so researchers", "5,000 or more employees".
    Side with_qualifier = s;
    if (ParseUnitAfter(text, at + qm.length, &with_qualifier)) {
      s = with_qualifier;
      s.inner_qualifier = qm.payload;
      has_unit = true;
    }
  }
  if (!has_unit && n.spelled && n.unit_from > q) {
    // "half a gigawatt": the unit comes after the article.
    Side with_article = s;
    if (ParseUnitAfter(text, n.unit_from, &with_article)) {
      s = with_article;
      has_unit = true;
    }
  }
  if (!has_unit && !(n.spelled && n.fraction_only)) ParseUnitAfter(text, q, &s);
  if (!n.spelled && q < text.size() && IsAsciiAlpha(text[q]) && s.end == q) {
    // Digits glued to letters that are no scale or unit: "2nd", "5G", "1e10".
    size_t e = q;
    while (e < text.size() && IsAsciiAlnum(text[e])) ++e;
    side->skip_to = e;
    return false;
  }
  if (s.end < text.size() && text[s.end] == '+' && s.unit >= 0 &&
      (s.end + 1 >= text.size() || !IsAsciiAlnum(text[s.end + 1]))) {
    s.plus = true;  // "40GW+".
    ++s.end;
  }
  *side = s;
  return true;
}

bool Recognizer::ParseUnitAfter(std::string_view text, size_t pos, Side* s) const {
  const QuantityRules& r = *rules_;
  s->end = std::max(s->end, pos);
  // Between a number and its unit: nothing, blanks, or a hyphen ("1.6-GW").
  size_t at = SkipBlanks(text, pos);
  if (at < text.size() && text[at] == '-' && at + 1 < text.size() && !IsAsciiDigit(text[at + 1])) {
    at = SkipBlanks(text, at + 1);
  }
  FormSet::Match m;
  // A unit glued to the next digits belongs to that number ("1 $10", "3 USD50").
  if (r.unit_after.MatchAt(text, at, &m) && !m.stray_digit &&
      !(at + m.length < text.size() && IsAsciiDigit(text[at + m.length]))) {
    const UnitDef& u = r.units[m.payload];
    if (s->unit >= 0) {
      // "$10 dollars": the same currency twice is one amount.
      const UnitDef& before = r.units[s->unit];
      // But in "$ 20.00 $ 37.50" the second "$" starts the next amount.
      size_t after = SkipBlanks(text, at + m.length);
      bool next_amount = after < text.size() && IsAsciiDigit(text[after]);
      if (before.dimension == u.dimension && before.base == u.base && before.factor == u.factor &&
          !next_amount) {
        s->end = at + m.length;
        return true;
      }
      return false;
    }
    s->unit = m.payload;
    s->end = at + m.length;
    if (u.dimension == kMoneyDimension && !s->has_scale && !s->number.spelled) {
      // "75 USD million".
      size_t sa = SkipBlanks(text, s->end);
      FormSet::Match sm;
      if (sa > s->end && r.scales.MatchAt(text, sa, &sm) && !sm.stray_digit) {
        s->scale = r.ScaleOf(sm.payload).factor;
        s->has_scale = true;
        s->amount = s->number.value * s->scale;
        s->end = sa + sm.length;
      }
    }
    return true;
  }
  if (s->unit >= 0) return false;  // A currency written before the number.
  // Counted nouns, with up to max_modifiers words in between
  // ("350,000 Nvidia H100 GPUs").
  size_t q = at;
  for (int k = 0;; ++k) {
    if (r.count_nouns.MatchAt(text, q, &m) && !m.stray_digit) {
      s->unit = m.payload;
      s->end = q + m.length;
      // In "data center GPUs" the last noun is the one counted.
      for (size_t next = SkipBlanks(text, s->end);
           next > s->end && r.count_nouns.MatchAt(text, next, &m) && !m.stray_digit;
           next = SkipBlanks(text, s->end)) {
        s->unit = m.payload;
        s->end = next + m.length;
      }
      return true;
    }
    if (k == r.max_modifiers) break;
    FormSet::Match mm;
    if (!r.modifiers.MatchAt(text, q, &mm)) break;
    size_t after = q + mm.length;
    size_t next = SkipBlanks(text, after);
    if (next == after) break;
    q = next;
  }
  return false;
}

std::string Recognizer::ParsePer(std::string_view text, size_t pos, size_t* end) const {
  const QuantityRules& r = *rules_;
  // "$4 per share", "$0.05/kWh", "$70-a-share", "12-cent-a-share".
  auto connector = [&](size_t p, size_t* after) {
    size_t at = SkipBlanks(text, p);
    if (at < text.size() && text[at] == '-') at = SkipBlanks(text, at + 1);
    FormSet::Match m;
    if (!r.per_words.MatchAt(text, at, &m)) return false;
    size_t next = at + m.length;
    if (IsAsciiAlpha(text[at])) {
      // A word connector stands apart from its noun ("per share", "a-share").
      size_t gap = SkipBlanks(text, next);
      if (gap < text.size() && text[gap] == '-') gap = SkipBlanks(text, gap + 1);
      if (gap == next) return false;
      next = gap;
    } else {
      next = SkipBlanks(text, next);
    }
    *after = next;
    return true;
  };
  // The longest of a unit, a counted noun or a per noun ("GPU-hour" over "GPU").
  auto target = [&](size_t at, bool rate, size_t* after) -> std::string {
    std::string best;
    size_t best_length = 0;
    auto consider = [&](const FormSet& set, auto name_of) {
      FormSet::Match m;
      if (set.MatchAt(text, at, &m) && !m.stray_digit && m.length > best_length) {
        best = name_of(m.payload);
        best_length = m.length;
      }
    };
    consider(r.unit_after, [&](int i) { return r.units[i].id; });
    consider(r.count_nouns, [&](int i) { return r.units[i].counted; });
    consider(r.per_nouns, [&](int i) { return r.per_names[i]; });
    if (rate) consider(r.per_rates, [&](int i) { return r.per_rate_names[i]; });
    *after = at + best_length;
    return best;
  };
  size_t at = 0, after = 0;
  if (!connector(pos, &at)) return "";
  std::string per = target(at, false, &after);
  if (per.empty()) return "";
  *end = after;
  size_t at2 = 0, after2 = 0;
  if (connector(after, &at2)) {
    std::string rate = target(at2, true, &after2);
    if (!rate.empty()) {
      per += "/" + rate;
      *end = after2;
    }
  }
  return per;
}

void Recognizer::MergeMinorUnit(std::string_view text, Side* side) const {
  const UnitDef* major = UnitOf(*side);
  if (!major || major->dimension != kMoneyDimension || side->has_scale ||
      !(major->factor == Decimal::FromInt(1))) {
    return;
  }
  size_t at = SkipBlanks(text, side->end);
  if (at == side->end) return;
  FormSet::Match m;
  if (rules_->spelled.MatchAt(text, at, &m) &&
      rules_->spelled_tokens[m.payload].kind == SpelledToken::kJoiner) {
    size_t next = SkipBlanks(text, at + m.length);
    if (next == at + m.length) return;
    at = next;
  }
  Side minor;
  if (!ParseSide(text, at, false, &minor) || minor.unit_before || minor.has_scale) return;
  const UnitDef* u = UnitOf(minor);
  if (!u || u->dimension != kMoneyDimension || u->base != major->base ||
      !(u->factor < Decimal::FromInt(1))) {
    return;
  }
  side->extra_base = minor.amount * u->factor;
  side->end = minor.end;
}

Decimal Recognizer::BaseValue(const Side& s) const {
  const UnitDef* u = UnitOf(s);
  Decimal v = u ? s.amount * u->factor : s.amount;
  return v + s.extra_base;
}

bool Recognizer::Reconcile(Side* low, Side* high, bool need_order) const {
  const UnitDef* lu = UnitOf(*low);
  const UnitDef* hu = UnitOf(*high);
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
    low->amount = low->number.value * high->scale;
  } else if (low->has_scale && !high->has_scale && !(high->number.value < low->number.value)) {
    high->scale = low->scale;
    high->has_scale = true;
    high->amount = high->number.value * low->scale;
  }
  if (need_order && BaseValue(*high) < BaseValue(*low)) return false;
  return true;
}

bool Recognizer::ContextAllows(std::string_view text, size_t start, const Side& low) const {
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
  // "Tier 3", "Phase 2", "March 3" (but "the number equals 20" is fine).
  if (low.begin == start &&
      (PrevTokenIn(r.labels, text, start) || PrevTokenIn(r.date_words, text, start))) {
    return false;
  }
  return true;
}

bool Recognizer::NameNumber(std::string_view text, size_t start, const Side& low) const {
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
                      const Side& low, const Side* high, const std::string& per, Mode mode,
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
      q.low = low.amount.ToDouble();
      q.high = high->amount.ToDouble();
    } else {
      q.value = low.amount.ToDouble();
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
      q.low = BaseValue(low).ToDouble();
      q.high = BaseValue(*high).ToDouble();
    } else {
      q.value = BaseValue(low).ToDouble();
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

  Side low;
  if (!ParseSide(text, q, true, &low)) return std::max(low.skip_to, NextChar(text, p));
  size_t resume = std::max(low.num_end, NextChar(text, p));
  if (!ContextAllows(text, start, low)) return resume;

  Side high;
  bool has_high = false, is_range = false;
  if (pair >= 0) {
    size_t c = SkipBlanks(text, low.end);
    if (c > low.end && r.range_pairs[pair]->close.MatchAt(text, c, &m)) {
      size_t after = c + m.length;
      size_t next = SkipBlanks(text, after);
      if (next > after && ParseSide(text, next, true, &high)) {
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
      if ((!word || spaced) && ParseSide(text, next, word, &high)) {
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
    Side low2 = low, high2 = high;
    if (years || !Reconcile(&low2, &high2, is_range)) {
      has_high = is_range = false;
    } else {
      low = low2;
      high = high2;
    }
  }
  if (!has_high) MergeMinorUnit(text, &low);

  bool two = has_high && !is_range;  // A change: "from 4 GW to 6 GW".
  const Side& last = has_high ? high : low;
  size_t end = last.end;
  std::string per;
  if (IsMoney(last) && mode == Mode::kQuantities) {
    size_t per_end = end;
    per = ParsePer(text, end, &per_end);
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
  const UnitDef* unit = UnitOf(low);
  if (!unit) return resume;
  if (unit->dimension == kCountDimension) {
    if (IsYearShaped(low) || NameNumber(text, start, low)) return resume;  // "By 2030 data centers".
  } else if (low.multiple) {
    return resume;  // "1.5x" carries no unit.
  }
  if (two) {
    // "fell from $8 to $2 per GPU-hour": both are prices.
    Emit(text, start, low.end, qualifier, low, nullptr, IsMoney(low) ? per : "", mode, out);
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
  std::stable_sort(doc->quantities.begin(), doc->quantities.end(),
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
