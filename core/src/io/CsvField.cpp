#include "cada/io/CsvField.h"

namespace cada::io {

std::string csvTextField(const std::string& text)
{
    std::string s = text;
    if (!s.empty() && std::string("=+-@\t\r").find(s.front()) != std::string::npos)
        s.insert(s.begin(), '\'');
    if (s.find_first_of(",\"\r\n") == std::string::npos && s.size() == text.size())
        return s;
    std::string out = "\"";
    for (char c : s)
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

} // namespace cada::io
