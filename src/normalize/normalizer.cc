// Exports Normalizer::Create and HeadlineOf: stage 1 wired from its steps
// (decode.cc, html_text.cc / markdown_text.cc, unify.cc, boilerplate.cc).
#include "normalize/normalizer.h"

#include <cstdint>
#include <limits>

#include "normalize/boilerplate.h"
#include "normalize/decode.h"
#include "normalize/headline.h"
#include "normalize/html_text.h"
#include "normalize/markdown_text.h"
#include "normalize/unify.h"

namespace quarry {
namespace {

constexpr char kRuleFile[] = "boilerplate.rules";

// A title string unified like the body, on one line.
std::string UnifyTitle(const std::string& title) {
  std::string out = UnifyText(Unmapped(title)).text;
  for (char& c : out)
    if (c == '\n') c = ' ';
  return CleanPageTitle(out);
}

class RuleNormalizer : public Normalizer {
 public:
  explicit RuleNormalizer(std::unique_ptr<BoilerplateRules> boilerplate)
      : boilerplate_(std::move(boilerplate)) {
    html_options_.drop_class_or_id = [this](std::string_view name) {
      return boilerplate_->RejectsClassOrId(name);
    };
  }

  bool Run(Document* doc, std::string* error) const override {
    const std::string& raw = doc->raw;
    if (raw.empty()) {
      *error = "empty file";
      return false;
    }
    if (raw.size() >= std::numeric_limits<uint32_t>::max()) {
      *error = "file too large (4 GiB or more)";
      return false;
    }
    bool markdown = IsMarkdownPath(doc->path);
    EncodingGuess guess = DetectEncoding(raw, !markdown && LooksLikeHtml(doc->path, raw));
    if (guess.binary) {
      *error = "binary file (NUL bytes)";
      return false;
    }
    MappedText text;
    uint32_t invalid = 0;
    if (!DecodeToUtf8(raw, guess.bom_size, guess.info.name, &text, &invalid, error)) return false;
    doc->encoding = guess.info;
    doc->encoding.invalid_bytes = invalid;

    std::string title;
    if (markdown) {
      text = MarkdownToText(text, &title);
    } else if (LooksLikeHtml(doc->path, text.text)) {
      text = HtmlToText(text, html_options_, &title);
    }
    text = UnifyText(text);
    uint32_t dropped = 0;
    text = boilerplate_->Apply(std::move(text), &dropped);
    if (text.text.empty()) {
      *error = "no text content after normalization";
      return false;
    }

    doc->title = title.empty() ? HeadlineOf(text.text) : UnifyTitle(title);
    doc->boilerplate_bytes = dropped;
    doc->text = std::move(text.text);
    doc->raw_offsets = std::move(text.offsets);
    return true;
  }

 private:
  std::unique_ptr<BoilerplateRules> boilerplate_;
  HtmlOptions html_options_;
};

}  // namespace

std::unique_ptr<Normalizer> Normalizer::Create(const RuleFiles& rules, DiagnosticSink* sink) {
  const RuleFile* file = rules.Require(kRuleFile, sink);
  if (!file) return nullptr;
  std::unique_ptr<BoilerplateRules> boilerplate =
      BoilerplateRules::Parse(file->path, file->content, sink);
  if (!boilerplate) return nullptr;
  return std::make_unique<RuleNormalizer>(std::move(boilerplate));
}

}  // namespace quarry
