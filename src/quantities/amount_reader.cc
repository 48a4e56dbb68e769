// Exports AmountReader and IsYearShaped (see amount_reader.h).
#include "quantities/amount_reader.h"

#include <algorithm>

namespace quarry {

bool IsYearShaped(const Amount& a) {
  if (!a.number.plain_integer || a.number.end - a.number.begin != 4 || a.has_scale) return false;
  double v = a.number.value.ToDouble();
  return v >= 1900 && v <= 2099;
}

bool AmountReader::Read(std::string_view text, size_t pos, bool allow_sign, Amount* amount) const {
  const QuantityRules& r = rules_;
  Amount s;
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
    amount->skip_to = s.number.end;
    return false;
  }
  if (s.number.status != NumberRead::kNumber) return false;
  const NumberRead& n = s.number;
  if (negative) s.number.value = s.number.value.Negated();
  s.num_begin = n.begin;
  s.scaled = s.number.value;
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
        Amount without = s;
        without.end = q;
        if (ReadUnitAfter(text, q, &without)) {
          *amount = without;
          amount->num_end = q;
          return true;
        }
        if (!QuantityRules::IsScaleWord(sm.payload)) {
          size_t e = at;
          while (e < text.size() && IsAsciiAlnum(text[e])) ++e;
          amount->skip_to = e;
          return false;
        }
        s.ambiguous = true;
      }
      s.scale = r.ScaleOf(sm.payload).factor;
      s.has_scale = true;
      s.scaled = s.number.value * s.scale;
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
          s.scaled = s.scaled + r.spelled_tokens[fm.payload].value * s.scale;
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
    Amount with_qualifier = s;
    if (ReadUnitAfter(text, at + qm.length, &with_qualifier)) {
      s = with_qualifier;
      s.inner_qualifier = qm.payload;
      has_unit = true;
    }
  }
  if (!has_unit && n.spelled && n.unit_from > q) {
    // "half a gigawatt": the unit comes after the article.
    Amount with_article = s;
    if (ReadUnitAfter(text, n.unit_from, &with_article)) {
      s = with_article;
      has_unit = true;
    }
  }
  if (!has_unit && !(n.spelled && n.fraction_only)) ReadUnitAfter(text, q, &s);
  if (!n.spelled && q < text.size() && IsAsciiAlpha(text[q]) && s.end == q) {
    // Digits glued to letters that are no scale or unit: "2nd", "5G", "1e10".
    size_t e = q;
    while (e < text.size() && IsAsciiAlnum(text[e])) ++e;
    amount->skip_to = e;
    return false;
  }
  if (s.end < text.size() && text[s.end] == '+' && s.unit >= 0 &&
      (s.end + 1 >= text.size() || !IsAsciiAlnum(text[s.end + 1]))) {
    s.plus = true;  // "40GW+".
    ++s.end;
  }
  *amount = s;
  return true;
}

bool AmountReader::ReadUnitAfter(std::string_view text, size_t pos, Amount* s) const {
  const QuantityRules& r = rules_;
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
        s->scaled = s->number.value * s->scale;
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

std::string AmountReader::ReadPer(std::string_view text, size_t pos, size_t* end) const {
  const QuantityRules& r = rules_;
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

void AmountReader::MergeMinorUnit(std::string_view text, Amount* amount) const {
  const UnitDef* major = UnitOf(*amount);
  if (!major || major->dimension != kMoneyDimension || amount->has_scale ||
      !(major->factor == Decimal::FromInt(1))) {
    return;
  }
  size_t at = SkipBlanks(text, amount->end);
  if (at == amount->end) return;
  FormSet::Match m;
  if (rules_.spelled.MatchAt(text, at, &m) &&
      rules_.spelled_tokens[m.payload].kind == SpelledToken::kJoiner) {
    size_t next = SkipBlanks(text, at + m.length);
    if (next == at + m.length) return;
    at = next;
  }
  Amount minor;
  if (!Read(text, at, false, &minor) || minor.unit_before || minor.has_scale) return;
  const UnitDef* u = UnitOf(minor);
  if (!u || u->dimension != kMoneyDimension || u->base != major->base ||
      !(u->factor < Decimal::FromInt(1))) {
    return;
  }
  amount->extra_base = minor.scaled * u->factor;
  amount->end = minor.end;
}

Decimal AmountReader::BaseValue(const Amount& s) const {
  const UnitDef* u = UnitOf(s);
  Decimal v = u ? s.scaled * u->factor : s.scaled;
  return v + s.extra_base;
}

}  // namespace quarry
