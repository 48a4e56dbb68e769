// Exports Segmenter::Create: UAX #29 sentence breaks over the UTF-8 text
// (sentence_breaks.h: ICU's, with a fast path for ASCII lines), then four repairs:
// breaks after listed abbreviations and initials are undone unless a typical
// sentence starter follows, a period before a camel-case brand ("xAI") gets
// the break ICU withholds before lower case, a table row stays one sentence,
// and bullet markers are left out of the sentence.
#include "segment/segmenter.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <iterator>
#include <string_view>
#include <vector>

#include "segment/abbreviations.h"
#include "segment/sentence_breaks.h"

namespace quarry {
namespace {

constexpr char kRuleFile[] = "abbreviations.rules";
constexpr size_t kMaxSentenceBytes = 4096;

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Length of a list marker at the start of `line`: "- ", "* ", "+ ", "• ",
// "1. ", "12) "; 0 when there is none.
size_t BulletLength(std::string_view line) {
  if (line.size() >= 2 && (line[0] == '-' || line[0] == '*' || line[0] == '+') && line[1] == ' ')
    return 2;
  if (line.substr(0, 4) == "\xE2\x80\xA2 ") return 4;  // "• "
  size_t digits = 0;
  while (digits < line.size() && digits < 4 && IsDigit(line[digits])) ++digits;
  if (digits >= 1 && digits <= 3 && digits + 1 < line.size() &&
      (line[digits] == '.' || line[digits] == ')') && line[digits + 1] == ' ')
    return digits + 2;
  return 0;
}

// True when text[begin, end) holds a letter or a digit.
bool HasAlnum(std::string_view text, size_t begin, size_t end) {
  size_t i = begin;
  while (i < end) {
    UChar32 c;
    U8_NEXT(text.data(), i, end, c);
    if (c >= 0 && u_isalnum(c)) return true;
  }
  return false;
}

class IcuSegmenter : public Segmenter {
 public:
  IcuSegmenter(std::unique_ptr<Abbreviations> abbreviations,
               std::unique_ptr<SentenceBreaker> breaker)
      : abbreviations_(std::move(abbreviations)), breaker_(std::move(breaker)) {}

  void Run(Document* doc) const override {
    doc->sentences.clear();
    const std::string& text = doc->text;
    if (text.empty()) return;
    std::vector<int32_t> breaks = breaker_->Breaks(text);
    AddCamelCaseStarts(text, &breaks);

    size_t begin = 0;
    size_t line_start = 0;  // Start of the line holding `begin`.
    for (size_t k = 1; k < breaks.size(); ++k) {
      size_t at = static_cast<size_t>(breaks[k]);
      bool ends_line = text[at - 1] == '\n' || at == text.size();
      if (!ends_line && KeepsGoing(text, line_start, at)) continue;
      Emit(text, begin, at, line_start, &doc->sentences);
      begin = at;
      if (ends_line) line_start = at;
    }
  }

 private:
  // ICU never breaks before a lower-case letter ("in the U.S. the ..."), which
  // also keeps "...the hardest part. xAI has..." together. A period after an
  // ordinary word followed by a camel-case brand (xAI, iPhone, eBay) does end
  // a sentence: adds those breaks, keeping `breaks` sorted.
  void AddCamelCaseStarts(const std::string& text, std::vector<int32_t>* breaks) const {
    std::vector<int32_t> extra;
    for (size_t dot = text.find(". "); dot != std::string::npos; dot = text.find(". ", dot + 1)) {
      size_t w = dot + 2;
      while (w < text.size() && text[w] == ' ') ++w;
      size_t k = w;
      while (k < text.size() && text[k] >= 'a' && text[k] <= 'z') ++k;
      if (k == w || k >= text.size() || !(text[k] >= 'A' && text[k] <= 'Z')) continue;
      size_t token = dot;
      while (token > 0 && !IsSpace(text[token - 1])) --token;
      if (dot - token < 2) continue;  // "a." or a lone period.
      std::string_view word = std::string_view(text).substr(token, dot + 1 - token);
      if (abbreviations_->Classify(word) != Abbreviations::Kind::kNone) continue;
      extra.push_back(static_cast<int32_t>(w));
    }
    if (extra.empty()) return;
    std::vector<int32_t> merged;
    merged.reserve(breaks->size() + extra.size());
    std::merge(breaks->begin(), breaks->end(), extra.begin(), extra.end(),
               std::back_inserter(merged));
    merged.erase(std::unique(merged.begin(), merged.end()), merged.end());
    *breaks = std::move(merged);
  }

  // Whether the sentence goes on across ICU's break at `at` (inside a line).
  bool KeepsGoing(const std::string& text, size_t line_start, size_t at) const {
    size_t first = line_start;
    while (first < at && text[first] == ' ') ++first;
    if (text[first] == '|') return true;  // A table row is one sentence.

    size_t end = at;  // End of the previous segment without trailing blanks.
    while (end > line_start && IsSpace(text[end - 1])) --end;
    if (end == line_start || text[end - 1] != '.') return false;
    size_t token_begin = end;
    while (token_begin > line_start && !IsSpace(text[token_begin - 1])) --token_begin;
    Abbreviations::Kind kind =
        abbreviations_->Classify(std::string_view(text).substr(token_begin, end - token_begin));
    if (kind == Abbreviations::Kind::kNone) return false;
    if (kind == Abbreviations::Kind::kPrefix) return true;

    // After "Inc." or "U.S.": a new sentence only if a typical starter follows.
    size_t p = at;
    while (p < text.size() && (text[p] == '"' || text[p] == '\'' || text[p] == ' ')) ++p;
    if (p >= text.size() || text[p] == '\n') return false;
    char c = text[p];
    if (!(c >= 'A' && c <= 'Z')) return true;  // Lower case, digit, '(' or a symbol.
    size_t w = p;
    while (w < text.size() && ((text[w] >= 'A' && text[w] <= 'Z') ||
                               (text[w] >= 'a' && text[w] <= 'z') || text[w] == '\''))
      ++w;
    return !abbreviations_->IsStarter(std::string_view(text).substr(p, w - p));
  }

  void Emit(const std::string& text, size_t begin, size_t end, size_t line_start,
            std::vector<Span>* sentences) const {
    while (begin < end && IsSpace(text[begin])) ++begin;
    // A list marker is not part of the sentence (only at the start of a line;
    // it is looked for before the end is trimmed, as "1. " may be all there is).
    size_t before = begin;
    while (before > line_start && text[before - 1] == ' ') --before;
    if (before == line_start) begin += BulletLength(std::string_view(text).substr(begin, end - begin));
    while (begin < end && IsSpace(text[begin])) ++begin;
    while (end > begin && IsSpace(text[end - 1])) --end;
    // A run longer than any real sentence (a page without punctuation, one
    // huge table row) is cut into pieces of at most kMaxSentenceBytes, at the
    // last blank before the limit (else at a character boundary), so that
    // the later stages' per-sentence work stays bounded.
    while (end - begin > kMaxSentenceBytes) {
      size_t cut = begin + kMaxSentenceBytes;
      size_t blank = cut;
      while (blank > begin && !IsSpace(text[blank])) --blank;
      if (blank > begin) {
        cut = blank;
      } else {
        while (cut > begin && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
        if (cut == begin) cut = begin + kMaxSentenceBytes;  // Not UTF-8: any cut will do.
      }
      Push(text, begin, cut, sentences);
      begin = cut;
      while (begin < end && IsSpace(text[begin])) ++begin;
    }
    Push(text, begin, end, sentences);
  }

  // Adds text[begin, end) without its trailing blanks, if it has a letter or digit.
  static void Push(const std::string& text, size_t begin, size_t end, std::vector<Span>* sentences) {
    while (end > begin && IsSpace(text[end - 1])) --end;
    if (begin >= end || !HasAlnum(text, begin, end)) return;
    sentences->push_back({static_cast<uint32_t>(begin), static_cast<uint32_t>(end)});
  }

  std::unique_ptr<Abbreviations> abbreviations_;
  std::unique_ptr<SentenceBreaker> breaker_;
};

}  // namespace

std::unique_ptr<Segmenter> Segmenter::Create(const RuleFiles& rules, DiagnosticSink* sink) {
  const RuleFile* file = rules.Require(kRuleFile, sink);
  if (!file) return nullptr;
  std::unique_ptr<Abbreviations> abbreviations =
      Abbreviations::Parse(file->path, file->content, sink);
  if (!abbreviations) return nullptr;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<SentenceBreaker> breaker = SentenceBreaker::Create(&status);
  if (!breaker) {
    sink->Error(file->path, 0, 0,
                std::string("cannot create ICU sentence iterator: ") + u_errorName(status));
    return nullptr;
  }
  return std::make_unique<IcuSegmenter>(std::move(abbreviations), std::move(breaker));
}

}  // namespace quarry
