#pragma once
// One field of a CSV file that people open in spreadsheets.
#include <string>

namespace cada::io {

// RFC 4180 quoting: the field is quoted (quotes doubled) when it holds a comma, a quote, CR or LF.
// A text field that starts with =, +, -, @, a tab or CR also gets a leading apostrophe, so that a
// spreadsheet shows it as text instead of running it as a formula (OWASP, "CSV Injection"): file
// names, notes, reviewer and group names come from users and folders, not from the program.
// Numbers are not passed through here; a negative score stays a number.
std::string csvTextField(const std::string& text);

} // namespace cada::io
