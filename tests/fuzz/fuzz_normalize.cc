// libFuzzer target: normalization of one raw article. The first byte picks
// the file extension (plain text, HTML, Markdown); the rest is the file.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_util.h"
#include "normalize/normalizer.h"

namespace {
const quarry::Normalizer* normalizer = nullptr;
}  // namespace

// Compiling rules is slow under ASan; done once here, outside -timeout.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  normalizer = quarry::fuzz::CreateShippedStage<quarry::Normalizer>();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace quarry;
  if (size == 0) return 0;
  Document doc;
  doc.path = fuzz::ArticleName(data[0]);
  doc.raw.assign(reinterpret_cast<const char*>(data + 1), size - 1);
  std::string error;
  if (normalizer->Run(&doc, &error)) {
    fuzz::CheckNormalized(doc);
  } else {
    fuzz::Check(!error.empty(), "a rejected article has a reason");
  }
  return 0;
}
