// SHA-256, for content hashes of articles and rule sets.
#ifndef QUARRY_CORE_SHA256_H_
#define QUARRY_CORE_SHA256_H_

#include <string>
#include <string_view>

namespace quarry {

// Lower-case hex digest of `data`.
std::string Sha256Hex(std::string_view data);

}  // namespace quarry

#endif  // QUARRY_CORE_SHA256_H_
