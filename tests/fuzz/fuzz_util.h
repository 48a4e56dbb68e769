// Shared helpers of the libFuzzer targets: the shipped rules, loaded once,
// and contract checks that abort (so libFuzzer records a crash) when a stage
// hands back something its header promises never to produce.
#ifndef QUARRY_TESTS_FUZZ_FUZZ_UTIL_H_
#define QUARRY_TESTS_FUZZ_FUZZ_UTIL_H_

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/diagnostic.h"
#include "core/document.h"
#include "core/rule_files.h"
#include "pipeline/rule_set.h"

namespace quarry::fuzz {

// The repository's rules/ folder (QUARRY_RULES overrides it).
inline std::string RulesDir() {
  const char* env = std::getenv("QUARRY_RULES");
  return env && *env ? env : QUARRY_SOURCE_DIR "/rules";
}

// Aborts with `what` when `ok` is false.
inline void Check(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "fuzz contract violated: %s\n", what);
  std::abort();
}

// The shipped rule files, read once; a broken rules folder stops the fuzzer
// at start-up rather than looking like a finding.
inline const RuleFiles& ShippedRuleFiles() {
  static const RuleFiles files = [] {
    DiagnosticSink sink;
    RuleFiles f = RuleFiles::ReadDirectory(RulesDir(), &sink);
    for (const auto& d : sink.diagnostics()) std::fprintf(stderr, "%s\n", d.ToString().c_str());
    Check(!sink.HasErrors(), "the shipped rules folder reads cleanly");
    return f;
  }();
  return files;
}

// Every stage compiled from the shipped rules, loaded once.
inline RuleSet& ShippedRuleSet() {
  static RuleSet* rules = [] {
    DiagnosticSink sink;
    auto r = LoadRuleSet(RulesDir(), &sink);
    for (const auto& d : sink.diagnostics())
      if (d.severity == Severity::kError) std::fprintf(stderr, "%s\n", d.ToString().c_str());
    Check(r != nullptr, "the shipped rules load");
    return r.release();
  }();
  return *rules;
}

// One stage compiled from the shipped rules, for a target that needs no
// other; called from LLVMFuzzerInitialize, as compiling is slow under ASan.
template <typename Stage>
const Stage* CreateShippedStage() {
  DiagnosticSink sink;
  const Stage* stage = Stage::Create(ShippedRuleFiles(), &sink).release();
  for (const auto& d : sink.diagnostics()) std::fprintf(stderr, "%s\n", d.ToString().c_str());
  Check(stage != nullptr, "the shipped rules of the stage compile");
  return stage;
}

// A selector byte picks the article's extension, which decides how the
// normalizer reads it (plain text, HTML, Markdown).
inline const char* ArticleName(uint8_t selector) {
  static const char* const kNames[] = {"fuzz.txt", "fuzz.html", "fuzz.md", "fuzz.htm"};
  return kNames[selector % 4];
}

inline bool InText(Span span, const std::string& text) {
  return span.begin <= span.end && span.end <= text.size();
}

// Well-formed UTF-8 (no surrogates, no overlong forms, nothing above U+10FFFF).
inline bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    size_t n;
    uint32_t cp;
    if (c < 0x80) { ++i; continue; }
    if (c >= 0xC2 && c <= 0xDF) { n = 1; cp = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) { n = 2; cp = c & 0x0F; }
    else if (c >= 0xF0 && c <= 0xF4) { n = 3; cp = c & 0x07; }
    else return false;
    if (i + n >= s.size()) return false;  // Truncated sequence.
    for (size_t k = 1; k <= n; ++k) {
      auto d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += n + 1;
  }
  return true;
}

// The normalize contract of core/document.h: one raw offset per text byte
// plus one, none past the raw bytes, and valid UTF-8 text.
inline void CheckNormalized(const Document& doc) {
  Check(doc.raw_offsets.size() == doc.text.size() + 1, "raw_offsets has text.size() + 1 entries");
  for (uint32_t o : doc.raw_offsets) Check(o <= doc.raw.size(), "raw offsets stay within raw");
  Check(IsValidUtf8(doc.text), "normalized text is valid UTF-8");
  Check(IsValidUtf8(doc.title), "the title is valid UTF-8");
}

}  // namespace quarry::fuzz

#endif  // QUARRY_TESTS_FUZZ_FUZZ_UTIL_H_
