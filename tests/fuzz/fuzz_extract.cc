// libFuzzer target: the whole extraction of one article (ExtractText:
// normalize, segment, entities, quantities, relations) and the claims and
// SimHash that ingest builds from it. The first byte picks the extension.
#include <cstddef>
#include <cstdint>
#include <string>

#include "dedupe/claims.h"
#include "fuzz_util.h"
#include "pipeline/extract.h"

// Compiling rules is slow under ASan; done once here, outside -timeout.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  quarry::fuzz::ShippedRuleSet();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace quarry;
  if (size == 0) return 0;
  Document doc;
  std::string error;
  if (!ExtractText(fuzz::ShippedRuleSet(), fuzz::ArticleName(data[0]),
                   std::string(reinterpret_cast<const char*>(data + 1), size - 1), &doc, &error)) {
    fuzz::Check(!error.empty(), "a rejected article has a reason");
    return 0;
  }
  fuzz::CheckNormalized(doc);
  const std::string& text = doc.text;
  for (size_t i = 0; i < doc.sentences.size(); ++i) {
    fuzz::Check(fuzz::InText(doc.sentences[i], text), "sentence inside text");
    if (i) fuzz::Check(doc.sentences[i - 1].end <= doc.sentences[i].begin, "sentences in order");
  }
  for (const auto& e : doc.entities) {
    fuzz::Check(fuzz::InText(e.span, text), "entity span inside text");
    fuzz::Check(!e.id.empty(), "an entity has an id");
  }
  for (const auto& q : doc.quantities) fuzz::Check(fuzz::InText(q.span, text), "quantity span inside text");
  for (const auto& r : doc.relations) {
    fuzz::Check(fuzz::InText(r.sentence, text) && fuzz::InText(r.span, text), "relation inside text");
    for (const auto& a : r.args) fuzz::Check(fuzz::InText(a.span, text), "argument inside text");
  }
  std::vector<Claim> claims = BuildClaims(doc);
  (void)claims;
  (void)SimHash(doc.text);
  return 0;
}
