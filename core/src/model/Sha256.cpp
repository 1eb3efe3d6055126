#include "model/Sha256.h"

#include <openssl/sha.h>

namespace cada {

std::string sha256Raw(const std::string& data)
{
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
    return std::string(reinterpret_cast<const char*>(digest), SHA256_DIGEST_LENGTH);
}

std::string sha256Hex(const std::string& data)
{
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (unsigned char c : sha256Raw(data)) {
        out += hex[c >> 4];
        out += hex[c & 15];
    }
    return out;
}

} // namespace cada
