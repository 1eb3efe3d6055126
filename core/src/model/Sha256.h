#pragma once
#include <string>

namespace cada {
// Lower-case hex SHA-256 of `data` (OpenSSL).
std::string sha256Hex(const std::string& data);
std::string sha256Raw(const std::string& data); // 32 bytes
} // namespace cada
