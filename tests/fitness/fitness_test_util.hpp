#pragma once
// Helpers shared by the fitness tests: a scratch folder, error capture and
// the small task most evaluator tests train on.
#include "actforge/core/error.hpp"
#include "actforge/fitness/task.hpp"

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>
#include <unistd.h>

namespace actforge::fitness::test {

// The spirals preset, loaded once per test program.
inline std::shared_ptr<const Task> spirals() {
    static const auto task = Task::load(task_preset("spirals"));
    return task;
}

// A fresh folder under the system temp dir, removed with everything in it.
class TempDir {
public:
    explicit TempDir(std::string_view tag)
        : path_(std::filesystem::temp_directory_path() /
                ("actforge-fitness-" + std::string(tag) + "-" + std::to_string(::getpid()))) {
        std::filesystem::remove_all(path_);
        std::filesystem::create_directories(path_);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }
    [[nodiscard]] std::filesystem::path operator/(std::string_view name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

inline void write_text(const std::filesystem::path& path, std::string_view text) {
    std::ofstream out(path, std::ios::binary);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

// The message of the actforge::Error that `f` throws, or a marker if none.
template <typename F> std::string error_of(F&& f) {
    try {
        f();
    } catch (const actforge::Error& e) {
        return e.what();
    }
    return "<no actforge::Error thrown>";
}

inline bool contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

} // namespace actforge::fitness::test
