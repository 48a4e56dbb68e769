// Exports BuildClaims, FactKeyOf, SameQuantityValue, Compatible, MergeArgs and
// SimHash (see claims.h).
#include "dedupe/claims.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <set>

#include "core/json.h"

namespace quarry {
namespace {

using Json = nlohmann::ordered_json;

// The roles that say which fact it is, rather than what a source claims
// about it: the parties, plus capacity_total's status and valuation's kind
// (Crusoe's contracted capacity and its pipeline are two facts, not a
// conflict). Other roles, a funding round's lead or a deal's value, are the
// claim: a source that names no lead still supports the round.
bool IsIdentityRole(std::string_view predicate, std::string_view role) {
  static const std::map<std::string_view, std::set<std::string_view>> kIdentity = {
      {"compute_deal", {"buyer", "provider"}},
      {"investment", {"investor", "target"}},
      {"funding_round", {"company"}},
      {"acquisition", {"acquirer", "target"}},
      {"facility", {"operator", "location"}},
      {"capacity_total", {"org", "status"}},
      {"capex_plan", {"org"}},
      {"valuation", {"org", "kind"}},
      {"person_move", {"person", "to"}},
      {"partnership", {"party_a", "party_b"}},
  };
  auto it = kIdentity.find(predicate);
  // A predicate added to the rules before it is added here: every entity role
  // identifies it, which never merges what should stay apart.
  if (it == kIdentity.end()) return true;
  return it->second.count(role) > 0;
}

// Predicates whose two parties can be named in either order.
bool IsSymmetric(std::string_view predicate) { return predicate == "partnership"; }

Json CanonicalArg(const RelationArgument& arg) {
  switch (arg.kind) {
    case RelationArgument::Kind::kEntity:
      return Json{{"id", arg.entity.id}, {"name", arg.entity.name}, {"class", arg.entity.entity_class}};
    case RelationArgument::Kind::kQuantity: {
      Json j;
      j["dimension"] = arg.quantity.dimension;
      Json value = QuantityValueToJson(arg.quantity);  // items() does not own its json.
      for (auto& [k, v] : value.items()) j[k] = v;
      return j;
    }
    case RelationArgument::Kind::kLiteral:
      return arg.literal;
  }
  return nullptr;
}

bool Close(double a, double b) {
  if (a == b) return true;
  double scale = std::max(std::fabs(a), std::fabs(b));
  return std::fabs(a - b) <= kRelativeTolerance * scale;
}

bool IsQuantity(const Json& j) { return j.is_object() && j.contains("unit"); }
bool IsEntity(const Json& j) { return j.is_object() && j.contains("id"); }

ArgValue ValueOf(const std::string& role, const Json& j) {
  ArgValue v;
  v.role = role;
  if (IsQuantity(j)) {
    v.quantity = true;
    v.key = "q";
    for (const char* field : {"unit", "dimension", "counted", "per"}) {
      v.key += j.value(field, "");
      v.key += '\x1f';
    }
    v.point = j.contains("value");
    auto number = [&](const char* k) { return j.contains(k) ? j[k].get<double>() : std::nan(""); };
    if (v.point) {
      v.value = number("value");
    } else {
      v.low = number("low");
      v.high = number("high");
    }
  } else if (IsEntity(j)) {
    v.key = "e" + j["id"].dump();
  } else {
    v.key = "j" + j.dump();
  }
  return v;
}

bool SameBound(double x, double y) {
  if (std::isnan(x) != std::isnan(y)) return false;
  return std::isnan(x) || Close(x, y);
}

bool SameValue(const ArgValue& a, const ArgValue& b) {
  if (a.key != b.key) return false;
  if (!a.quantity) return true;
  if (a.point != b.point) return false;
  if (a.point) return Close(a.value, b.value);
  return SameBound(a.low, b.low) && SameBound(a.high, b.high);
}

bool SameArg(const Json& a, const Json& b) { return SameValue(ValueOf("", a), ValueOf("", b)); }

}  // namespace

std::string FactKeyOf(const RelationMention& relation) {
  std::vector<std::string> parts;
  for (const auto& arg : relation.args) {
    if (!IsIdentityRole(relation.predicate, arg.role)) continue;
    if (arg.kind == RelationArgument::Kind::kEntity) {
      parts.push_back(arg.role + "=" + arg.entity.id);
    } else if (arg.kind == RelationArgument::Kind::kLiteral) {
      parts.push_back(arg.role + "=" + arg.literal);
    }
  }
  if (IsSymmetric(relation.predicate)) {
    // Roles of a symmetric predicate are interchangeable: key on the ids alone.
    for (auto& p : parts) p = p.substr(p.find('=') + 1);
  }
  std::sort(parts.begin(), parts.end());
  std::string key = relation.predicate;
  for (const auto& p : parts) key += "|" + p;
  return key;
}

bool SameQuantityValue(const Json& a, const Json& b) {
  return IsQuantity(a) == IsQuantity(b) && SameArg(a, b);
}

bool Compatible(const std::map<std::string, Json>& a, const std::map<std::string, Json>& b) {
  for (const auto& [role, value] : a) {
    auto it = b.find(role);
    if (it != b.end() && !SameArg(value, it->second)) return false;
  }
  return true;
}

ArgValues ValuesOf(const std::map<std::string, Json>& args) {
  ArgValues values;
  values.reserve(args.size());
  for (const auto& [role, value] : args) values.push_back(ValueOf(role, value));
  return values;
}

bool Compatible(const ArgValues& a, const ArgValues& b) {
  // Both ordered by role: one merge-like pass.
  auto x = a.begin(), y = b.begin();
  while (x != a.end() && y != b.end()) {
    int order = x->role.compare(y->role);
    if (order < 0) {
      ++x;
    } else if (order > 0) {
      ++y;
    } else {
      if (!SameValue(*x, *y)) return false;
      ++x;
      ++y;
    }
  }
  return true;
}

void MergeArgs(std::map<std::string, Json>* into, const std::map<std::string, Json>& from) {
  for (const auto& [role, value] : from) into->emplace(role, value);
}

std::vector<Claim> BuildClaims(const Document& doc) {
  std::vector<Claim> claims;
  for (const auto& relation : doc.relations) {
    Claim claim;
    claim.predicate = relation.predicate;
    claim.fact_key = FactKeyOf(relation);
    for (const auto& arg : relation.args) claim.args[arg.role] = CanonicalArg(arg);
    ClaimSource source;
    source.rule = relation.rule;
    source.sentence = std::string(relation.sentence.Of(doc.text));
    source.sentence_span = relation.sentence;
    source.span = relation.span;
    source.raw_span = doc.RawSpan(relation.span);
    source.confidence = relation.confidence;

    // The same claim said twice in one article is one claim with two places.
    auto same = std::find_if(claims.begin(), claims.end(), [&](const Claim& c) {
      return c.fact_key == claim.fact_key && Compatible(c.args, claim.args);
    });
    if (same == claims.end()) {
      claim.sources.push_back(std::move(source));
      claims.push_back(std::move(claim));
    } else {
      MergeArgs(&same->args, claim.args);
      same->sources.push_back(std::move(source));
    }
  }
  return claims;
}

// kSpreadBits[b] has bit i of b in the low bit of its byte i.
constexpr std::array<uint64_t, 256> kSpreadBits = [] {
  std::array<uint64_t, 256> table{};
  for (int b = 0; b < 256; ++b)
    for (int i = 0; i < 8; ++i) table[b] |= static_cast<uint64_t>((b >> i) & 1) << (8 * i);
  return table;
}();

uint64_t SimHash(std::string_view text) {
  // Words: runs of ASCII letters and digits, lower-cased; other bytes
  // (punctuation, non-ASCII) separate words, which is enough to tell copies.
  // One lower-cased copy and word offsets into it: no string per word or
  // shingle (this ran at a few MB/s with them).
  std::string lower(text.size(), ' ');
  std::vector<std::pair<uint32_t, uint32_t>> words;  // [begin, end) in `lower`.
  size_t start = std::string::npos;
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    bool alnum = (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
    if (alnum) {
      lower[i] = static_cast<char>(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
      if (start == std::string::npos) start = i;
    } else if (start != std::string::npos) {
      words.emplace_back(static_cast<uint32_t>(start), static_cast<uint32_t>(i));
      start = std::string::npos;
    }
  }
  if (start != std::string::npos)
    words.emplace_back(static_cast<uint32_t>(start), static_cast<uint32_t>(text.size()));

  // Per bit, how many shingle hashes have it set; a bit of the SimHash is set
  // when more than half do (the +1/-1 weights of the textbook form).
  // Counted eight bits at a time: lane i of packed[k] counts bit 8k+i, and
  // the packed 8-bit counters are flushed before they can overflow.
  std::array<uint32_t, 64> ones{};
  std::array<uint64_t, 8> packed{};
  uint32_t shingles = 0, pending = 0;
  auto flush = [&] {
    for (int k = 0; k < 8; ++k) {
      for (int i = 0; i < 8; ++i) ones[8 * k + i] += static_cast<uint32_t>((packed[k] >> (8 * i)) & 0xFF);
      packed[k] = 0;
    }
    pending = 0;
  };
  auto add = [&](uint64_t h) {
    for (int k = 0; k < 8; ++k) packed[k] += kSpreadBits[(h >> (8 * k)) & 0xFF];
    ++shingles;
    if (++pending == 255) flush();
  };
  // FNV-1a of "w1 w2 w3" (words joined by one space), fed word by word.
  auto feed = [&](uint64_t h, std::pair<uint32_t, uint32_t> w) {
    for (uint32_t i = w.first; i < w.second; ++i) {
      h ^= static_cast<unsigned char>(lower[i]);
      h *= 1099511628211ull;
    }
    return h;
  };
  constexpr uint64_t kFnvBasis = 1469598103934665603ull;
  auto space = [](uint64_t h) { return (h ^ static_cast<unsigned char>(' ')) * 1099511628211ull; };
  if (words.size() < 3) {
    for (const auto& w : words) add(feed(kFnvBasis, w));
  } else {
    for (size_t i = 0; i + 2 < words.size(); ++i)
      add(feed(space(feed(space(feed(kFnvBasis, words[i])), words[i + 1])), words[i + 2]));
  }
  flush();
  uint64_t hash = 0;
  for (int bit = 0; bit < 64; ++bit)
    if (2 * ones[bit] > shingles) hash |= uint64_t{1} << bit;
  return hash;
}

}  // namespace quarry
