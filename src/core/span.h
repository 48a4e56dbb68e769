// Byte ranges into a document's normalized UTF-8 text.
#ifndef QUARRY_CORE_SPAN_H_
#define QUARRY_CORE_SPAN_H_

#include <cstdint>
#include <string_view>

namespace quarry {

// Half-open byte range [begin, end) into Document::text.
struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;

  uint32_t size() const { return end - begin; }
  bool empty() const { return end <= begin; }
  bool Contains(Span other) const { return begin <= other.begin && other.end <= end; }
  bool Overlaps(Span other) const { return begin < other.end && other.begin < end; }
  std::string_view Of(std::string_view text) const { return text.substr(begin, end - begin); }
  friend bool operator==(Span, Span) = default;
  friend auto operator<=>(Span, Span) = default;
};

}  // namespace quarry

#endif  // QUARRY_CORE_SPAN_H_
