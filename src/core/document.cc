// Exports Document::SentenceAt and Document::RawSpan.
#include "core/document.h"

#include <algorithm>

namespace quarry {

int Document::SentenceAt(uint32_t offset) const {
  auto it = std::upper_bound(sentences.begin(), sentences.end(), offset,
                             [](uint32_t o, const Span& s) { return o < s.begin; });
  if (it == sentences.begin()) return -1;
  --it;
  return offset < it->end ? static_cast<int>(it - sentences.begin()) : -1;
}

Span Document::RawSpan(Span span) const {
  if (raw_offsets.size() != text.size() + 1) return span;
  return {raw_offsets[std::min<size_t>(span.begin, text.size())],
          raw_offsets[std::min<size_t>(span.end, text.size())]};
}

}  // namespace quarry
