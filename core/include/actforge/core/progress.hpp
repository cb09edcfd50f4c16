#pragma once
// Progress reporting for long work. On a terminal it redraws one status line
// (bar, counts, rate, ETA) at most ten times a second; otherwise it prints a
// plain line at most every `plain_interval` seconds, so logs stay readable.
#include "actforge/core/timer.hpp"

#include <cstddef>
#include <cstdio>
#include <string>

namespace actforge {

class Progress {
public:
    // `total` may be 0 when the amount of work is unknown.
    // `counts`: show "done/total" and a rate; off when the units mean nothing
    // to a user (a bar over fractions of generations).
    Progress(std::string label, std::size_t total, std::FILE* out = stderr, double plain_interval = 10.0,
             bool counts = true);
    ~Progress();
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;

    // Sets the amount done and an optional note shown after the counts.
    void update(std::size_t done, const std::string& note = {});
    // Final line; called by the destructor if not called before.
    void finish(const std::string& note = {});

    // Whether `out` is an interactive terminal.
    [[nodiscard]] bool interactive() const noexcept { return tty_; }

private:
    void draw(bool final);

    std::string label_;
    std::size_t total_;
    std::size_t done_ = 0;
    std::string note_;
    std::FILE* out_;
    bool tty_;
    bool finished_ = false;
    double plain_interval_;
    bool counts_;
    double last_draw_ = -1.0;
    Timer timer_;
};

} // namespace actforge
