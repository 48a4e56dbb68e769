// Exports ReadDigits, ReadSpelled and VulgarFractionAt (see
// number_reader.h).
#include "quantities/number_reader.h"

#include <algorithm>
#include <string>
#include <vector>

namespace quarry {
namespace {

bool DigitAt(std::string_view text, size_t i) { return i < text.size() && IsAsciiDigit(text[i]); }

// Byte length of a fraction slash ('/' or U+2044, which NFKC makes of ½) at `i`.
size_t SlashAt(std::string_view text, size_t i) {
  if (i < text.size() && text[i] == '/') return 1;
  if (text.substr(i, 3) == "\xE2\x81\x84") return 3;
  return 0;
}

size_t DigitRunEnd(std::string_view text, size_t i) {
  while (DigitAt(text, i)) ++i;
  return i;
}

Decimal FromDigits(std::string_view int_digits, std::string_view frac_digits) {
  Decimal d;
  for (char c : int_digits) d.PushDigit(c - '0', false);
  for (char c : frac_digits) d.PushDigit(c - '0', true);
  return d;
}

int CountSignificant(std::string_view int_digits, std::string_view frac_digits) {
  std::string all = std::string(int_digits) + std::string(frac_digits);
  size_t first = all.find_first_not_of('0');
  return first == std::string::npos ? 1 : static_cast<int>(all.size() - first);
}

// "a/b" with at most three digits each, not part of a longer slash chain
// ("5/17/2018"). Returns the end, or 0.
size_t ReadSimpleFraction(std::string_view text, size_t i, Decimal* value) {
  size_t num_end = DigitRunEnd(text, i);
  if (num_end == i || num_end - i > 3) return 0;
  size_t slash = SlashAt(text, num_end);
  if (slash == 0 || !DigitAt(text, num_end + slash)) return 0;
  size_t den_begin = num_end + slash;
  size_t den_end = DigitRunEnd(text, den_begin);
  if (den_end - den_begin > 3 || SlashAt(text, den_end) ||
      (den_end < text.size() && text[den_end] == '.' && DigitAt(text, den_end + 1))) {
    return 0;
  }
  Decimal num = FromDigits(text.substr(i, num_end - i), "");
  Decimal den = FromDigits(text.substr(den_begin, den_end - den_begin), "");
  if (den.IsZero()) return 0;
  *value = num.DividedBy(den);
  return den_end;
}

// Blanks, or one hyphen with blanks around it, between two words of a
// spelled-out number.
size_t WordGap(std::string_view text, size_t i) {
  i = SkipBlanks(text, i);
  if (i < text.size() && text[i] == '-') i = SkipBlanks(text, i + 1);
  return i;
}

}  // namespace

size_t VulgarFractionAt(std::string_view text, size_t pos, Decimal* value) {
  int num = 0, den = 0;
  size_t length = 0;
  if (text.substr(pos, 1) == "\xC2" && pos + 1 < text.size()) {
    // ¼ ½ ¾ (U+00BC..U+00BE).
    unsigned char c = static_cast<unsigned char>(text[pos + 1]);
    if (c >= 0xBC && c <= 0xBE) {
      num = c == 0xBD ? 1 : c - 0xBB;
      den = c == 0xBD ? 2 : 4;
      length = 2;
    }
  } else if (text.substr(pos, 2) == "\xE2\x85" && pos + 2 < text.size()) {
    // ⅐ .. ⅞ (U+2150..U+215E).
    static constexpr int kFractions[][2] = {{1, 7}, {1, 9}, {1, 10}, {1, 3}, {2, 3},
                                            {1, 5}, {2, 5}, {3, 5},  {4, 5}, {1, 6},
                                            {5, 6}, {1, 8}, {3, 8},  {5, 8}, {7, 8}};
    unsigned char c = static_cast<unsigned char>(text[pos + 2]);
    if (c >= 0x90 && c <= 0x9E) {
      num = kFractions[c - 0x90][0];
      den = kFractions[c - 0x90][1];
      length = 3;
    }
  }
  if (length == 0) return 0;
  *value = Decimal::FromInt(static_cast<unsigned>(num))
               .DividedBy(Decimal::FromInt(static_cast<unsigned>(den)));
  return length;
}

NumberRead ReadDigits(std::string_view text, size_t pos) {
  NumberRead r;
  r.begin = pos;
  Decimal vulgar;
  if (size_t len = VulgarFractionAt(text, pos, &vulgar)) {
    r.status = NumberRead::kNumber;
    r.value = vulgar;
    r.significant_digits = std::min(vulgar.SignificantDigits(), 3);
    r.fraction_only = true;
    r.end = r.unit_from = pos + len;
    return r;
  }

  size_t i = DigitRunEnd(text, pos);
  size_t int_len = i - pos;
  std::string int_digits(text.substr(pos, int_len));
  std::string frac_digits;
  bool grouped = false;

  if (int_len > 0 && i < text.size() && text[i] == ',' && DigitAt(text, i + 1)) {
    // Comma groups: Western (1,234,567) or Indian (12,34,567).
    std::vector<size_t> groups;
    while (i < text.size() && text[i] == ',' && DigitAt(text, i + 1)) {
      size_t end = DigitRunEnd(text, i + 1);
      groups.push_back(end - i - 1);
      int_digits.append(text.substr(i + 1, end - i - 1));
      i = end;
    }
    bool western =
        int_len <= 3 && std::all_of(groups.begin(), groups.end(), [](size_t g) { return g == 3; });
    bool indian = int_len <= 2 && groups.size() >= 2 && groups.back() == 3 &&
                  std::all_of(groups.begin(), groups.end() - 1, [](size_t g) { return g == 2; });
    r.ambiguous = !western && !indian;
    grouped = true;
  } else if (int_len >= 1 && int_len <= 3) {
    // Space-grouped thousands ("816 000", "13 009"): one blank, then
    // exactly three digits that are not the start of a fraction.
    while (size_t blank = BlankAt(text, i)) {
      size_t g = i + blank;
      if (!DigitAt(text, g) || !DigitAt(text, g + 1) || !DigitAt(text, g + 2) ||
          DigitAt(text, g + 3) || SlashAt(text, g + 3)) {
        break;
      }
      int_digits.append(text.substr(g, 3));
      i = g + 3;
      grouped = true;
    }
  }

  if (i < text.size() && text[i] == '.' && DigitAt(text, i + 1)) {
    size_t end = DigitRunEnd(text, i + 1);
    frac_digits = std::string(text.substr(i + 1, end - i - 1));
    i = end;
    r.has_point = true;
    if (i < text.size() && text[i] == '.' && DigitAt(text, i + 1)) {
      // Several dots: European grouping ("1.234.567") if every group has
      // three digits, else a version or an address, which is no amount.
      bool european = !grouped && int_len >= 1 && int_len <= 3 && frac_digits.size() == 3;
      std::string all = int_digits + frac_digits;
      while (i < text.size() && text[i] == '.' && DigitAt(text, i + 1)) {
        size_t end2 = DigitRunEnd(text, i + 1);
        european = european && end2 - i - 1 == 3;
        all.append(text.substr(i + 1, end2 - i - 1));
        i = end2;
      }
      if (!european) {
        r.status = NumberRead::kNotNumber;
        r.end = i;
        return r;
      }
      int_digits = all;
      frac_digits.clear();
      r.has_point = false;
      r.ambiguous = true;
      grouped = true;
      if (i < text.size() && text[i] == ',' && DigitAt(text, i + 1)) {
        size_t end2 = DigitRunEnd(text, i + 1);
        frac_digits = std::string(text.substr(i + 1, end2 - i - 1));
        i = end2;
      }
    } else if (i < text.size() && text[i] == ',' && DigitAt(text, i + 1)) {
      // "1.234,5": a dot then a comma; read the European way, flagged.
      size_t end2 = DigitRunEnd(text, i + 1);
      int_digits += frac_digits;
      frac_digits = std::string(text.substr(i + 1, end2 - i - 1));
      i = end2;
      r.ambiguous = true;
      grouped = true;
    }
  }
  if (int_len == 0 && frac_digits.empty()) return r;

  bool simple = !grouped && !r.has_point && int_len >= 1 && int_len <= 3;
  Decimal fraction;
  if (simple && SlashAt(text, i) && DigitAt(text, i + SlashAt(text, i))) {
    if (size_t end = ReadSimpleFraction(text, pos, &fraction)) {
      r.status = NumberRead::kNumber;
      r.value = fraction;
      r.significant_digits = std::min(fraction.SignificantDigits(), 3);
      r.end = r.unit_from = end;
      return r;
    }
    // A date or a code ("5/17/2018", "24/7/365"): skip the whole chain.
    size_t end = i;
    while (SlashAt(text, end) && DigitAt(text, end + SlashAt(text, end))) {
      end = DigitRunEnd(text, end + SlashAt(text, end));
    }
    r.status = NumberRead::kNotNumber;
    r.end = end;
    return r;
  }
  if (int_len > 1 && int_digits[0] == '0' && !grouped && !r.has_point) {
    // "03388", "007": a stock code or an identifier.
    r.status = NumberRead::kNotNumber;
    r.end = i;
    return r;
  }

  r.status = NumberRead::kNumber;
  r.value = FromDigits(int_digits, frac_digits);
  r.significant_digits = CountSignificant(int_digits, frac_digits);
  r.plain_integer = !grouped && !r.has_point && !r.ambiguous;
  if (simple) {
    // Mixed fractions: "1 1/2", "1½".
    if (size_t at = SkipBlanks(text, i); at > i) {
      if (size_t end = ReadSimpleFraction(text, at, &fraction)) {
        r.value = r.value + fraction;
        r.significant_digits =
            std::max(r.significant_digits, std::min(r.value.SignificantDigits(), 3));
        r.plain_integer = false;
        i = end;
      }
    } else if (size_t len = VulgarFractionAt(text, i, &vulgar)) {
      r.value = r.value + vulgar;
      r.significant_digits =
          std::max(r.significant_digits, std::min(r.value.SignificantDigits(), 3));
      r.plain_integer = false;
      i += len;
    }
  }
  r.end = r.unit_from = i;
  return r;
}

namespace {

// After a joiner: "a half", "three quarters", "one fourth" ("two and a
// half", "five billion and three quarters"). Returns the end, or 0.
size_t ReadJoinedFraction(const QuantityRules& rules, std::string_view text, size_t pos,
                          Decimal* value) {
  Decimal numerator;
  size_t q = pos;
  bool any = false;
  while (true) {
    size_t at = WordGap(text, q);
    FormSet::Match m;
    if (at == q || !rules.spelled.MatchAt(text, at, &m) || m.stray_digit) return 0;
    const SpelledToken& t = rules.spelled_tokens[m.payload];
    if (t.kind == SpelledToken::kFraction) {
      *value = (any ? numerator : Decimal::FromInt(1)) * t.value;
      return at + m.length;
    }
    bool cardinal = t.kind == SpelledToken::kOnes || t.kind == SpelledToken::kTeens ||
                    t.kind == SpelledToken::kTens;
    if (t.kind == SpelledToken::kArticle && !any) {
      any = true;
      numerator = Decimal::FromInt(1);
    } else if (cardinal && numerator < Decimal::FromInt(100)) {
      numerator = numerator + t.value;
      any = true;
    } else {
      return 0;
    }
    q = at + m.length;
  }
}

}  // namespace

NumberRead ReadSpelled(const QuantityRules& rules, std::string_view text, size_t pos) {
  enum Last { kNothing, kOnes, kTeens, kTens, kHundred, kScale, kFraction, kDecimals };
  NumberRead r;
  r.begin = pos;
  r.spelled = true;
  Decimal total, group, last_scale;
  Last last = kNothing;
  bool article = false, joiner = false;
  // The number is a fraction at heart ("half", "three fifths", "the two
  // hundredth"), not a whole with a fraction added ("one and a half").
  bool head_fraction = false;
  size_t article_end = 0;
  size_t end = pos, q = pos;
  Decimal largest_scale = Decimal::FromInt(1);
  bool has_scale = false;

  for (bool first = true;; first = false) {
    size_t at = first ? q : WordGap(text, q);
    if (!first && at == q) break;  // Words need something between them.
    FormSet::Match m;
    if (!rules.spelled.MatchAt(text, at, &m) || m.stray_digit) break;
    const SpelledToken& t = rules.spelled_tokens[m.payload];
    size_t next = at + m.length;
    bool small_last = last == kOnes || last == kTeens || last == kTens || last == kHundred;
    bool ok = false;
    switch (t.kind) {
      case SpelledToken::kArticle:
        // "a billion", "one and a half", "half a billion".
        if (!article && (last == kNothing || joiner || last == kFraction)) {
          article = true;
          article_end = next;
          q = next;
          continue;
        }
        break;
      case SpelledToken::kJoiner: {
        if (joiner || article || last == kNothing || last == kFraction) break;
        Decimal fraction;
        if (size_t fraction_end = ReadJoinedFraction(rules, text, next, &fraction)) {
          if (last == kScale) {
            // "two million and a half" is 2.5 million; "one billion and
            // three quarters million" adds 0.75 million.
            Decimal of = last_scale;
            size_t at = WordGap(text, fraction_end);
            FormSet::Match sm;
            if (at > fraction_end && rules.spelled.MatchAt(text, at, &sm) && !sm.stray_digit &&
                rules.spelled_tokens[sm.payload].kind == SpelledToken::kScale &&
                rules.spelled_tokens[sm.payload].value < last_scale) {
              of = rules.spelled_tokens[sm.payload].value;
              fraction_end = at + sm.length;
            }
            total = total + fraction * of;
          } else {
            group = group + fraction;  // "one and a half", "three and one fourth".
          }
          last = kFraction;
          end = q = fraction_end;
          continue;
        }
        joiner = true;
        q = next;
        continue;
      }
      case SpelledToken::kOnes:
        ok = !article &&
             (last == kNothing || last == kHundred || last == kScale || (last == kTens && !joiner));
        if (ok) group = group + t.value;
        if (ok) last = kOnes;
        break;
      case SpelledToken::kTeens:
      case SpelledToken::kTens:
        ok = !article && (last == kNothing || last == kHundred || last == kScale);
        if (ok) {
          group = group + t.value;
          last = t.kind == SpelledToken::kTeens ? kTeens : kTens;
        }
        break;
      case SpelledToken::kHundred:
        if (joiner || last == kHundred || last == kFraction || last == kDecimals) break;
        if (group.IsZero() && article) group = Decimal::FromInt(1);
        if (group.IsZero() || !(group < Decimal::FromInt(100))) break;
        group = group * Decimal::FromInt(100);
        last = kHundred;
        ok = true;
        break;
      case SpelledToken::kScale: {
        if (joiner) break;
        Decimal multiplier = group;
        if (multiplier.IsZero() && article) multiplier = Decimal::FromInt(1);
        if (multiplier.IsZero()) break;
        // Scales come in falling order: "two million three thousand".
        if (!last_scale.IsZero() && !(t.value < last_scale)) break;
        total = total + multiplier * t.value;
        group = Decimal();
        head_fraction = false;  // "half a billion" is an amount.
        last_scale = t.value;
        if (!has_scale || largest_scale < t.value) largest_scale = t.value;
        has_scale = true;
        last = kScale;
        ok = true;
        break;
      }
      case SpelledToken::kFraction:
        if (last == kNothing) {
          group = t.value;  // "half", "a quarter", "a fifth".
          ok = true;
        } else if (!joiner && !article && (small_last || last == kScale)) {
          // The number before is a numerator: "three quarters", "five
          // eighths", "twenty-one fifths", "a hundred thousand trillionths".
          group = (total + group) * t.value;
          total = Decimal();
          ok = true;
        }
        if (ok) {
          last = kFraction;
          head_fraction = true;
        }
        break;
      case SpelledToken::kPoint: {
        if (article || joiner || !small_last) break;
        // "five point five", "two hundred point zero three", "point seventy-one".
        std::string digits;
        size_t d = next, digits_end = next;
        bool tens_open = false;
        while (true) {
          size_t at2 = WordGap(text, d);
          FormSet::Match dm;
          if (at2 == d || !rules.spelled.MatchAt(text, at2, &dm) || dm.stray_digit) break;
          const SpelledToken& dt = rules.spelled_tokens[dm.payload];
          std::string v = dt.value.IsZero() ? "0" : dt.value.ToString();
          if (dt.kind == SpelledToken::kOnes && tens_open) {
            digits.back() = v[0];  // "seventy-one": the one replaces the tens' zero.
            tens_open = false;
          } else if (dt.kind == SpelledToken::kOnes) {
            digits += v;
          } else if ((dt.kind == SpelledToken::kTeens || dt.kind == SpelledToken::kTens) &&
                     digits.empty()) {
            std::string full = std::to_string(static_cast<int>(dt.value.ToDouble()));
            digits += full;
            tens_open = dt.kind == SpelledToken::kTens;
          } else {
            break;
          }
          d = digits_end = at2 + dm.length;
        }
        if (digits.empty()) break;
        group = group + FromDigits("", digits);
        last = kDecimals;
        end = q = digits_end;
        continue;
      }
    }
    if (!ok) break;
    article = joiner = false;
    end = q = next;
  }
  if (last == kNothing) return r;
  Decimal value = total + group;
  r.fraction_only = head_fraction && last == kFraction;
  r.status = NumberRead::kNumber;
  r.value = value;
  r.significant_digits = value.SignificantDigits();
  r.end = end;
  r.unit_from = article && last == kFraction ? article_end : end;
  r.scale = largest_scale;
  r.has_scale = has_scale;
  return r;
}

}  // namespace quarry
