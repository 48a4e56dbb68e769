// A set of surface forms from the quantity rule files ("gigawatts", "US$",
// "more than", /H[0-9]+s/), each tagged with an integer payload, compiled
// into one RE2 and matched anchored at a position of the text.
//
// How a form is written in a rule file:
//   gigawatt    a literal, ASCII case-insensitive; a space in it matches any
//               run of blanks (also NBSP and thin spaces) or a hyphen, so
//               "square feet" also reads "square-feet"; a hyphen matches a
//               hyphen with optional blanks around it.
//   "T"         a literal in double quotes is case-sensitive.
//   /H[0-9]+s?/ an RE2 pattern, used as written (case-sensitive unless it
//               says (?i)); it must not match the empty string.
#ifndef QUARRY_QUANTITIES_FORM_SET_H_
#define QUARRY_QUANTITIES_FORM_SET_H_

#include <array>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/diagnostic.h"

namespace re2 {
class RE2;
}

namespace quarry {

// Where something was written in a rule file, for diagnostics.
struct RulePos {
  std::string file;
  int line = 0;
  int column = 0;
};

class FormSet {
 public:
  FormSet();
  ~FormSet();
  FormSet(FormSet&&) noexcept;
  FormSet& operator=(FormSet&&) noexcept;

  // Adds one form as written in a rule file. `owner` names what the form
  // belongs to in messages ("unit \"GW\""). Reports a bad regex, an empty
  // form, or a form that already belongs to another payload, and returns
  // false; a repeat for the same payload is ignored.
  bool Add(std::string_view written, int payload, const std::string& owner, const RulePos& pos,
           DiagnosticSink* sink);

  // Builds the union pattern. Call once, after the last Add. An empty set
  // compiles to one that never matches.
  bool Compile(const std::string& file, DiagnosticSink* sink);

  struct Match {
    int payload = -1;
    size_t length = 0;         // Bytes of text the form covers.
    bool stray_digit = false;  // A word form ends right before a digit ("billion1").
  };
  // The longest form starting exactly at `pos`. A form ending in a letter or
  // digit must not run on into a letter ("m" does not match in "mile");
  // running into a digit is allowed for a letter but flagged (stray_digit).
  bool MatchAt(std::string_view text, size_t pos, Match* match) const;

  // The union as an RE2 fragment for building larger patterns; literal
  // forms that start with an ASCII letter or digit get a leading \b.
  std::string Pattern() const;
  // The same for the forms whose payload passes `keep`.
  std::string Pattern(const std::function<bool(int)>& keep) const;
  bool empty() const { return patterns_.empty(); }

 private:
  struct Owner {
    int payload;
    std::string owner;
    int line;
  };
  // Which form `matched` is: exact literals first, then folded ones, then
  // patterns in the order added.
  bool Identify(std::string_view matched, int* payload) const;

  // Allows every byte a match may start with. Checked before running RE2,
  // which most positions then never reach.
  void AllowFirstByte(unsigned char c) { first_byte_[c] = true; }

  std::array<bool, 256> first_byte_{};
  std::vector<std::string> patterns_;  // One RE2 fragment per form.
  std::vector<bool> word_initial_;     // Fragment starts with an ASCII word character.
  std::vector<int> payloads_;          // Payload of each fragment.
  std::unordered_map<std::string, Owner> exact_;   // Case-sensitive literals.
  std::unordered_map<std::string, Owner> folded_;  // Case-insensitive literals, lowercased.
  std::vector<std::pair<std::unique_ptr<re2::RE2>, int>> regexes_;
  std::unique_ptr<re2::RE2> union_;
};

// Blank-like characters inside one form or between the parts of a quantity:
// ASCII blanks, NBSP, thin and narrow no-break spaces.
// Returns the byte length of the blank at `pos`, or 0.
size_t BlankAt(std::string_view text, size_t pos);
// Skips blanks from `pos`.
size_t SkipBlanks(std::string_view text, size_t pos);
// The RE2 character class those blanks make.
extern const char kBlankClass[];

inline bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
inline bool IsAsciiAlpha(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
inline bool IsAsciiAlnum(char c) { return IsAsciiDigit(c) || IsAsciiAlpha(c); }

}  // namespace quarry

#endif  // QUARRY_QUANTITIES_FORM_SET_H_
