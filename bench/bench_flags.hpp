#pragma once
// Command-line flags for the benchmark programs: every flag takes one value,
// --help prints the usage, and an unknown flag or a flag without its value
// stops the program with the usage (a benchmark must never start a long run
// with settings it did not understand).
#include <cmath>
#include <cstdlib>
#include <fmt/format.h>
#include <functional>
#include <map>
#include <string>
#include <string_view>

namespace actforge::bench {

class BenchFlags {
public:
    explicit BenchFlags(std::string usage) : usage_(std::move(usage)) {}

    // `set` receives the flag's value.
    BenchFlags& on(std::string flag, std::function<void(const std::string&)> set) {
        handlers_.emplace(std::move(flag), std::move(set));
        return *this;
    }
    // Arguments that are not flags go here; without it they are an error.
    BenchFlags& positional(std::function<void(const std::string&)> take) {
        positional_ = std::move(take);
        return *this;
    }

    void parse(int argc, char** argv) const {
        for (int i = 1; i < argc; ++i) {
            const std::string arg = argv[i];
            if (arg == "--help" || arg == "-h") {
                fmt::print("{}\n", usage_);
                std::exit(0);
            }
            const auto handler = handlers_.find(arg);
            if (handler != handlers_.end() && i + 1 < argc) {
                handler->second(argv[++i]);
            } else if (handler != handlers_.end()) {
                fail(fmt::format("{} needs a value", arg));
            } else if (positional_ && !arg.starts_with("-")) {
                positional_(arg);
            } else {
                fail(fmt::format("unknown argument {}", arg));
            }
        }
    }

private:
    [[noreturn]] void fail(const std::string& what) const {
        fmt::print(stderr, "{}\n{}\n", what, usage_);
        std::exit(2);
    }

    std::string usage_;
    std::map<std::string, std::function<void(const std::string&)>, std::less<>> handlers_;
    std::function<void(const std::string&)> positional_;
};

// A number flag's value; a value that is not a finite number stops the program.
inline double number_value(const std::string& value) {
    char* end = nullptr;
    const double x = std::strtod(value.c_str(), &end);
    if (value.empty() || *end != '\0' || !std::isfinite(x)) {
        fmt::print(stderr, "expected a number, got '{}'\n", value);
        std::exit(2);
    }
    return x;
}

// A flag's value that is not one of `choices` stops the program.
[[noreturn]] inline void fail_value(const std::string& flag, const std::string& value, const std::string& choices) {
    fmt::print(stderr, "{} takes {}, got '{}'\n", flag, choices, value);
    std::exit(2);
}

// A count flag's value; a value that is not a whole number stops the program.
inline std::size_t count_value(const std::string& value) {
    char* end = nullptr;
    const unsigned long long n = std::strtoull(value.c_str(), &end, 10);
    if (value.empty() || *end != '\0' || value.front() == '-') {
        fmt::print(stderr, "expected a whole number, got '{}'\n", value);
        std::exit(2);
    }
    return static_cast<std::size_t>(n);
}

} // namespace actforge::bench
