// Exports Sha256Hex through OpenSSL's one-shot SHA256(), which uses the CPU's
// SHA extensions where it has them: every article is hashed on the way in
// (to skip unchanged files), and a portable C++ SHA-256 cost more than the
// sentence splitter (about 70 instructions a byte against under 5).
#include "core/sha256.h"

#include <openssl/sha.h>

namespace quarry {

std::string Sha256Hex(std::string_view data) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex(2 * SHA256_DIGEST_LENGTH, '0');
  for (int i = 0; i < SHA256_DIGEST_LENGTH; ++i) {
    hex[2 * i] = kHex[digest[i] >> 4];
    hex[2 * i + 1] = kHex[digest[i] & 0xF];
  }
  return hex;
}

}  // namespace quarry
