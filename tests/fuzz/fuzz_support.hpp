#pragma once
// What every fuzz target shares: the contract that a reader either returns
// or throws actforge::Error (a message for the user), and a scratch file for
// readers that take a path.
#include "actforge/core/error.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <typeinfo>
#include <unistd.h>

namespace actforge::fuzz {

// Stops the run with `what`: libFuzzer saves the input as a crash.
[[noreturn]] inline void fail(const std::string& what) {
    std::fprintf(stderr, "property violated: %s\n", what.c_str());
    std::abort();
}

// Runs `read`; an actforge::Error is a clean refusal, any other exception
// breaks the contract (a reader's error must say what is wrong in the
// user's terms, not leak a library's).
template <typename Read> bool returns_or_refuses(Read&& read) {
    try {
        read();
        return true;
    } catch (const Error&) {
        return false;
    } catch (const std::exception& e) {
        fail(std::string("an exception other than actforge::Error escaped: ") + typeid(e).name() + ": " + e.what());
    }
}

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

// A file of this process's own in the temporary folder, rewritten per input.
inline std::filesystem::path scratch_file(const std::string& name, std::string_view contents) {
    static const std::filesystem::path dir = [] {
        auto d = std::filesystem::temp_directory_path() / ("actforge_fuzz_" + std::to_string(::getpid()));
        std::filesystem::create_directories(d);
        return d;
    }();
    const std::filesystem::path file = dir / name;
    std::ofstream(file, std::ios::binary | std::ios::trunc).write(contents.data(), static_cast<std::streamsize>(contents.size()));
    return file;
}

} // namespace actforge::fuzz
