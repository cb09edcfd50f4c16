#pragma once
// The one exception type that crosses module boundaries. Its message is meant
// for the user: it says what is wrong and, where possible, what to do.
#include <stdexcept>
#include <string>

namespace actforge {

class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// A formula that does not parse; `column` is 1-based into the input text.
class ParseError : public Error {
public:
    ParseError(std::size_t column, const std::string& what)
        : Error("column " + std::to_string(column) + ": " + what), column_(column) {}
    [[nodiscard]] std::size_t column() const noexcept { return column_; }

private:
    std::size_t column_;
};

} // namespace actforge
