// Test helper: builds a Document by hand from sentences with inline markup,
// without running any earlier stage.
//
//   [ORG Meta]                 entity: class ORG, id "meta", name "Meta"
//   [ORG#meta Meta Platforms]  ... with id "meta"
//   [ORG.gpu_cloud CoreWeave]  ... with tag "gpu_cloud" (several: .a.b)
//   [ORG! Acme Labs]           ... discovered (not from the gazetteer)
//   [ORG%0.8 the company]      ... with confidence 0.8
//   [POWER=1.6e9 ~1.6 GW]      quantity: dimension "power", value 1.6e9, unit "W"
//   [COUNT=1e5.gpu 100,000 GPUs]  ... a count of "gpu"
//   [POWER? 5]                 ... ambiguous
//
// Sentences are joined with one space; each becomes one Document sentence.
#ifndef QUARRY_TESTS_RELATIONS_DOC_BUILDER_H_
#define QUARRY_TESTS_RELATIONS_DOC_BUILDER_H_

#include <cstdlib>
#include <string>
#include <vector>

#include "core/document.h"

namespace quarry::testing {

inline std::string DimensionOf(const std::string& type) {
  std::string d;
  for (char c : type) d += static_cast<char>(c - 'A' + 'a');
  return d;
}

inline std::string BaseUnit(const std::string& type) {
  if (type == "POWER") return "W";
  if (type == "ENERGY") return "Wh";
  if (type == "MONEY" || type == "PRICE") return "USD";
  if (type == "AREA") return "m2";
  if (type == "PERCENT") return "%";
  return "count";
}

inline bool IsQuantityMarkup(const std::string& type) {
  return type == "POWER" || type == "ENERGY" || type == "MONEY" || type == "COUNT" ||
         type == "AREA" || type == "PERCENT" || type == "PRICE";
}

inline std::string IdOf(std::string text) {
  if (text.size() > 2 && text.substr(text.size() - 2) == "'s") text.resize(text.size() - 2);
  std::string id;
  for (char c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    id += c == ' ' ? '_' : c;
  }
  return id;
}

// Appends one marked-up sentence to doc->text and its mentions to the doc.
inline void AddSentence(Document* doc, const std::string& markup) {
  if (!doc->text.empty()) doc->text += ' ';
  uint32_t sentence_begin = static_cast<uint32_t>(doc->text.size());
  size_t i = 0;
  while (i < markup.size()) {
    if (markup[i] != '[') {
      doc->text += markup[i++];
      continue;
    }
    size_t close = markup.find(']', i);
    size_t space = markup.find(' ', i);
    std::string head = markup.substr(i + 1, space - i - 1);
    std::string body = markup.substr(space + 1, close - space - 1);
    i = close + 1;
    // head: TYPE then modifiers (#id .tag ! %conf =value ?)
    size_t t = 0;
    while (t < head.size() && head[t] >= 'A' && head[t] <= 'Z') ++t;
    std::string type = head.substr(0, t);
    std::string id, value;
    std::vector<std::string> tags;
    bool discovered = false, ambiguous = false;
    double confidence = 1.0;
    while (t < head.size()) {
      char m = head[t++];
      size_t end = head.find_first_of("#.!%=?", t);
      if (end == std::string::npos) end = head.size();
      if (m == '=' || m == '%') {  // A number: a '.' followed by a digit belongs to it.
        end = t;
        while (end < head.size() &&
               ((head[end] >= '0' && head[end] <= '9') || head[end] == 'e' || head[end] == '-' ||
                (head[end] == '.' && end + 1 < head.size() && head[end + 1] >= '0' &&
                 head[end + 1] <= '9')))
          ++end;
      }
      std::string arg = head.substr(t, end - t);
      if (m == '#') id = arg;
      if (m == '.') tags.push_back(arg);
      if (m == '!') discovered = true;
      if (m == '?') ambiguous = true;
      if (m == '%') confidence = std::atof(arg.c_str());
      if (m == '=') value = arg;
      if (m == '=' || m == '#' || m == '.' || m == '%') t = end;
    }
    Span span{static_cast<uint32_t>(doc->text.size()),
              static_cast<uint32_t>(doc->text.size() + body.size())};
    doc->text += body;
    if (IsQuantityMarkup(type)) {
      Quantity q;
      q.dimension = DimensionOf(type);
      q.unit = BaseUnit(type);
      if (!value.empty()) q.value = std::atof(value.c_str());
      if (type == "COUNT" && !tags.empty()) q.counted = tags[0];
      q.ambiguous = ambiguous;
      q.rule = "test";
      q.text = body;
      q.span = span;
      doc->quantities.push_back(q);
    } else {
      EntityMention e;
      e.id = id.empty() ? IdOf(body) : id;
      e.name = body;
      if (e.name.size() > 2 && e.name.substr(e.name.size() - 2) == "'s")
        e.name.resize(e.name.size() - 2);
      e.entity_class = type;
      e.rule = "test";
      e.tags = tags;
      e.discovered = discovered;
      e.confidence = confidence;
      e.text = body;
      e.span = span;
      doc->entities.push_back(e);
    }
  }
  doc->sentences.push_back({sentence_begin, static_cast<uint32_t>(doc->text.size())});
}

inline Document BuildDoc(const std::vector<std::string>& sentences) {
  Document doc;
  doc.path = "test";
  for (const auto& s : sentences) AddSentence(&doc, s);
  return doc;
}

}  // namespace quarry::testing

#endif  // QUARRY_TESTS_RELATIONS_DOC_BUILDER_H_
