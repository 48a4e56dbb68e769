// Exports BuildTypedSentence, SlotTag and TypedSentence's accessors: the text
// that relation rules match (see typed_sentence.h for its grammar).
#include "relations/typed_sentence.h"

#include <algorithm>
#include <cstring>
#include <initializer_list>
#include <numeric>

#include "relations/predicates.h"

namespace quarry {
namespace {

bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiAlpha(char c) { return IsAsciiUpper(c) || (c >= 'a' && c <= 'z'); }
bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view TrimBlanks(std::string_view s) {
  while (!s.empty() && IsBlank(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsBlank(s.back())) s.remove_suffix(1);
  return s;
}

// "META.US", "NASDAQ: CRWV", "9988.HK", "MSFT": an optional exchange name and
// a colon, then 1-6 capitals or digits, then an optional "." and 1-3 capitals.
bool IsTickerShape(std::string_view s) {
  s = TrimBlanks(s);
  size_t colon = s.find(':');
  if (colon != std::string_view::npos) {
    std::string_view exchange = TrimBlanks(s.substr(0, colon));
    if (exchange.empty() || !std::all_of(exchange.begin(), exchange.end(), IsAsciiAlpha))
      return false;
    s = TrimBlanks(s.substr(colon + 1));
  }
  size_t i = 0;
  while (i < s.size() && (IsAsciiUpper(s[i]) || IsAsciiDigit(s[i]))) ++i;
  if (i == 0 || i > 6) return false;
  if (i == s.size()) return true;
  if (s[i] != '.') return false;
  size_t j = i + 1;
  while (j < s.size() && IsAsciiUpper(s[j])) ++j;
  return j == s.size() && j - i - 1 >= 1 && j - i - 1 <= 3;
}

// Ends with a possessive "'s" or "’s" (or "s'" / "s’" after a name in s).
bool IsPossessive(std::string_view text) {
  auto ends = [&](std::string_view suffix) {
    return text.size() > suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
  };
  return ends("'s") || ends("\xE2\x80\x99s") || ends("s'") || ends("s\xE2\x80\x99");
}

class Builder {
 public:
  Builder(const Document& doc, TypedSentence* out) : doc_(doc), out_(out) {}

  // Copies document bytes [begin, end) as plain text.
  void Plain(uint32_t begin, uint32_t end) {
    const std::string_view text = doc_.text;
    uint32_t i = begin;
    while (i < end) {
      // Every sequence replaced below starts with 0xE2; what precedes the
      // next one is copied as it is, in one piece.
      const void* hit = std::memchr(text.data() + i, 0xE2, end - i);
      const uint32_t stop =
          hit ? static_cast<uint32_t>(static_cast<const char*>(hit) - text.data()) : end;
      Copy(i, stop);
      i = stop;
      if (i >= end) break;
      std::string_view rest = text.substr(i, end - i).substr(0, 3);
      if (rest == "\xE2\x80\x99" || rest == "\xE2\x80\x98") {
        Emit("'", i);
        i += 3;
      } else if (rest == kSlotOpen) {
        Emit("<", i);
        i += 3;
      } else if (rest == kSlotClose) {
        Emit(">", i);
        i += 3;
      } else {
        Copy(i, i + 1);
        ++i;
      }
    }
  }

  // Emits a slot token for a mention covering document bytes `span`.
  // `tags` are sorted and distinct.
  void Slot(TypedSlot::Kind kind, int index, std::string_view type, bool ambiguous,
            const std::vector<std::string>& tags, Span span) {
    TypedSlot slot;
    slot.kind = kind;
    slot.index = index;
    slot.type = std::string(type);
    slot.span = span;
    slot.begin = static_cast<uint32_t>(out_->text.size());
    std::string& text = out_->text;
    text += kSlotOpen;
    text += type;
    if (ambiguous) text += '?';
    for (const auto& t : tags) {
      text += ':';
      text += t;
    }
    text += kSlotClose;
    out_->to_text.resize(text.size(), span.begin);  // Every byte of the token.
    slot.end = static_cast<uint32_t>(text.size());
    out_->slots.push_back(std::move(slot));
  }

  void ExtendLastSlot(uint32_t end) { out_->slots.back().span.end = end; }

  void Finish(uint32_t end) { out_->to_text.push_back(end); }

  // Appends document bytes [begin, end), each mapped to its own offset.
  void Copy(uint32_t begin, uint32_t end) {
    out_->text.append(doc_.text, begin, end - begin);
    const size_t at = out_->to_text.size();
    out_->to_text.resize(at + (end - begin));
    std::iota(out_->to_text.begin() + static_cast<std::ptrdiff_t>(at), out_->to_text.end(), begin);
  }

  // Appends `bytes`, each mapped to document offset `source`.
  void Emit(std::string_view bytes, uint32_t source) {
    out_->text += bytes;
    out_->to_text.insert(out_->to_text.end(), bytes.size(), source);
  }

 private:

  const Document& doc_;
  TypedSentence* out_;
};

// The token forms of `raw` tags, sorted and distinct, empty ones left out.
template <typename Tags>
std::vector<std::string> TokenTags(const Tags& raw) {
  std::vector<std::string> tags;
  for (const auto& t : raw) {
    std::string tag = SlotTag(t);
    if (!tag.empty()) tags.push_back(std::move(tag));
  }
  std::sort(tags.begin(), tags.end());
  tags.erase(std::unique(tags.begin(), tags.end()), tags.end());
  return tags;
}

template <typename T>
typename std::vector<T>::const_iterator FirstFrom(const std::vector<T>& mentions, uint32_t begin) {
  return std::lower_bound(mentions.begin(), mentions.end(), begin,
                          [](const T& m, uint32_t b) { return m.span.begin < b; });
}

}  // namespace

std::string SlotTag(std::string_view tag) {
  std::string out;
  for (char c : tag) {
    if (IsAsciiUpper(c)) c = static_cast<char>(c - 'A' + 'a');
    bool ok = (c >= 'a' && c <= 'z') || IsAsciiDigit(c) || c == '_';
    if (!ok) {
      if (!out.empty() && out.back() != '_') out += '_';
      continue;
    }
    out += c;
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out;
}

const TypedSlot* TypedSentence::SlotAt(size_t offset) const {
  auto it = std::lower_bound(slots.begin(), slots.end(), offset,
                             [](const TypedSlot& s, size_t o) { return s.begin < o; });
  return it != slots.end() && it->begin == offset ? &*it : nullptr;
}

Span TypedSentence::TextSpan(size_t begin, size_t end) const {
  if (to_text.empty()) return sentence;
  begin = std::min(begin, to_text.size() - 1);
  end = std::min(end, to_text.size() - 1);
  // to_text[end] is where the first byte after the range comes from, which is
  // right after the range's last character or mention.
  Span span{to_text[begin], to_text[end]};
  if (span.end < span.begin) span.end = span.begin;
  return span;
}

std::string TypedSentence::Display(size_t begin, size_t end) const {
  end = std::min(end, text.size());
  std::string out;
  size_t pos = begin;
  for (const auto& slot : slots) {
    if (slot.begin < begin || slot.end > end) continue;
    out.append(text, pos, slot.begin - pos);
    std::string_view token(text.data() + slot.begin, slot.end - slot.begin);
    size_t stop = token.find_first_of(":?", kSlotOpen.size());
    if (stop == std::string_view::npos || stop > token.size() - kSlotClose.size())
      stop = token.size() - kSlotClose.size();
    out += token.substr(0, stop);
    if (token.substr(stop, 1) == "?") out += '?';
    out += kSlotClose;
    pos = slot.end;
  }
  if (pos < end) out.append(text, pos, end - pos);
  return out;
}

TypedSentence BuildTypedSentence(const Document& doc, int sentence_index) {
  TypedSentence out;
  BuildTypedSentence(doc, sentence_index, &out);
  return out;
}

void BuildTypedSentence(const Document& doc, int sentence_index, TypedSentence* typed) {
  TypedSentence& out = *typed;
  out.sentence_index = sentence_index;
  out.sentence = Span{};
  out.text.clear();
  out.slots.clear();
  out.to_text.clear();
  if (sentence_index < 0 || static_cast<size_t>(sentence_index) >= doc.sentences.size()) {
    out.to_text.push_back(0);
    return;
  }
  const uint32_t text_size = static_cast<uint32_t>(doc.text.size());
  Span sentence = doc.sentences[sentence_index];
  sentence.end = std::min(sentence.end, text_size);
  sentence.begin = std::min(sentence.begin, sentence.end);
  out.sentence = sentence;
  // Tokens are longer than most mentions, by a few bytes each.
  const size_t expected = sentence.end - sentence.begin + 16 * 4;
  out.text.reserve(expected);
  out.to_text.reserve(expected + 1);
  Builder builder(doc, &out);

  auto entity = FirstFrom(doc.entities, sentence.begin);
  auto quantity = FirstFrom(doc.quantities, sentence.begin);
  uint32_t pos = sentence.begin;
  while (true) {
    // The next mention inside the sentence, from either list.
    while (entity != doc.entities.end() && entity->span.begin < sentence.end &&
           (entity->span.begin < pos || entity->span.end > sentence.end || entity->span.empty()))
      ++entity;
    while (quantity != doc.quantities.end() && quantity->span.begin < sentence.end &&
           (quantity->span.begin < pos || quantity->span.end > sentence.end ||
            quantity->span.empty()))
      ++quantity;
    bool has_entity = entity != doc.entities.end() && entity->span.begin < sentence.end;
    bool has_quantity = quantity != doc.quantities.end() && quantity->span.begin < sentence.end;
    if (!has_entity && !has_quantity) break;
    bool take_entity = has_entity && (!has_quantity || entity->span.begin <= quantity->span.begin);

    if (take_entity) {
      const EntityMention& e = *entity;
      builder.Plain(pos, e.span.begin);
      std::string_view type = IsEntityType(e.entity_class) ? std::string_view(e.entity_class) : "OTHER";
      std::string_view mention_text = e.span.Of(doc.text);
      builder.Slot(TypedSlot::Kind::kEntity, static_cast<int>(entity - doc.entities.begin()), type,
                   false, TokenTags(e.tags), e.span);
      pos = e.span.end;
      ++entity;
      if (IsPossessive(mention_text)) {
        builder.Emit("'s", pos);
      } else if (type == "PLACE") {
        // "Cheyenne, Wyoming": the state folds into the city's slot.
        uint32_t next = pos;
        if (next < sentence.end && doc.text[next] == ',') ++next;
        while (next < sentence.end && IsBlank(doc.text[next])) ++next;
        if (next > pos + 1 && entity != doc.entities.end() && entity->span.begin == next &&
            entity->entity_class == "PLACE" && entity->span.end <= sentence.end &&
            !IsPossessive(entity->span.Of(doc.text))) {
          pos = entity->span.end;
          builder.ExtendLastSlot(pos);
          ++entity;
        }
      } else if (type == "ORG") {
        // "Meta (META.US)": fold a ticker, tagged or not, into the slot.
        std::string_view rest = std::string_view(doc.text).substr(pos, sentence.end - pos);
        size_t open = 0;
        while (open < rest.size() && IsBlank(rest[open])) ++open;
        size_t close = rest.find(')', open);
        if (open < rest.size() && rest[open] == '(' && close != std::string_view::npos &&
            close - open <= 32) {
          uint32_t inner_begin = pos + static_cast<uint32_t>(open) + 1;
          uint32_t inner_end = pos + static_cast<uint32_t>(close);
          std::string_view inner = rest.substr(open + 1, close - open - 1);
          bool same_entity = entity != doc.entities.end() && entity->id == e.id &&
                             entity->span.begin >= inner_begin && entity->span.end <= inner_end;
          bool quantity_inside = quantity != doc.quantities.end() &&
                                 quantity->span.begin < inner_end &&
                                 quantity->span.begin >= inner_begin;
          if ((same_entity || IsTickerShape(inner)) && !quantity_inside) {
            pos = inner_end + 1;
            builder.ExtendLastSlot(pos);
            if (same_entity) ++entity;
          }
        }
      }
    } else {
      const Quantity& q = *quantity;
      builder.Plain(pos, q.span.begin);
      std::string_view type = QuantityType(q.dimension);
      builder.Slot(TypedSlot::Kind::kQuantity,
                   static_cast<int>(quantity - doc.quantities.begin()),
                   type.empty() ? "OTHER" : type, q.ambiguous,
                   TokenTags(std::initializer_list<std::string_view>{q.counted, q.per}), q.span);
      pos = q.span.end;
      ++quantity;
    }
  }
  builder.Plain(pos, sentence.end);
  builder.Finish(sentence.end);
}

}  // namespace quarry
