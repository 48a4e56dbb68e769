// libFuzzer target: the quantity parser (QuantityRecognizer::Find and
// FindNumbers) on arbitrary text, with the shipped unit and number rules.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_util.h"
#include "quantities/quantity_recognizer.h"

namespace {

void CheckQuantities(const std::vector<quarry::Quantity>& found, std::string_view text) {
  using quarry::fuzz::Check;
  for (const auto& q : found) {
    Check(q.span.begin <= q.span.end && q.span.end <= text.size(), "quantity span inside text");
    Check(q.text == q.span.Of(text), "quantity text is the spanned text");
    Check(q.value.has_value() != (q.low.has_value() && q.high.has_value()),
          "a quantity has a value or a range, not both");
  }
}

const quarry::QuantityRecognizer* recognizer = nullptr;

}  // namespace

// Compiling rules is slow under ASan; done once here, outside -timeout.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  recognizer = quarry::fuzz::CreateShippedStage<quarry::QuantityRecognizer>();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  CheckQuantities(recognizer->Find(text), text);
  CheckQuantities(recognizer->FindNumbers(text), text);
  return 0;
}
