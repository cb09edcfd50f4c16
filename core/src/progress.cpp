#include "actforge/core/progress.hpp"

#include <fmt/format.h>
#include <unistd.h>

namespace actforge {
namespace {
std::string format_duration(double s) {
    if (!(s >= 0.0) || s > 1e7) return "--:--";
    const auto total = static_cast<long>(s + 0.5);
    if (total >= 3600) return fmt::format("{}:{:02}:{:02}", total / 3600, (total / 60) % 60, total % 60);
    return fmt::format("{:02}:{:02}", total / 60, total % 60);
}
} // namespace

Progress::Progress(std::string label, std::size_t total, std::FILE* out, double plain_interval, bool counts)
    : label_(std::move(label)), total_(total), out_(out), tty_(::isatty(::fileno(out)) != 0),
      plain_interval_(plain_interval), counts_(counts) {}

Progress::~Progress() {
    if (!finished_) finish();
}

void Progress::update(std::size_t done, const std::string& note) {
    done_ = done;
    note_ = note;
    const double now = timer_.seconds();
    const double interval = tty_ ? 0.1 : plain_interval_;
    if (last_draw_ >= 0.0 && now - last_draw_ < interval) return;
    last_draw_ = now;
    draw(false);
}

void Progress::finish(const std::string& note) {
    if (finished_) return;
    finished_ = true;
    if (!note.empty()) note_ = note;
    draw(true);
}

void Progress::draw(bool final) {
    const double elapsed = timer_.seconds();
    const double rate = elapsed > 0 ? static_cast<double>(done_) / elapsed : 0.0;
    std::string counts = total_ > 0 ? fmt::format("{}/{}", done_, total_) : fmt::format("{}", done_);
    counts = counts_ ? fmt::format("{} {:.1f}/s", counts, rate) : std::string();
    std::string eta;
    if (!final && total_ > 0 && rate > 0) {
        eta = " eta " + format_duration(static_cast<double>(total_ - std::min(done_, total_)) / rate);
    }
    std::string line;
    if (tty_ && total_ > 0) {
        constexpr int width = 24;
        const double frac = std::min(1.0, static_cast<double>(done_) / static_cast<double>(total_));
        const int filled = static_cast<int>(frac * width);
        line = fmt::format("\r{} [{}{}] {}{}{}{}{}{}", label_, std::string(filled, '#'),
                           std::string(width - filled, '.'), counts, counts.empty() ? "" : " ",
                           format_duration(elapsed), eta, note_.empty() ? "" : "  ", note_);
        line += "\x1b[K";
    } else {
        line = fmt::format("{}{} {}{}{}{}{}{}", tty_ ? "\r" : "", label_, counts, counts.empty() ? "" : " ",
                           format_duration(elapsed), eta, note_.empty() ? "" : "  ", note_);
        if (tty_) line += "\x1b[K";
    }
    if (!tty_ || final) line += "\n";
    std::fputs(line.c_str(), out_);
    std::fflush(out_);
}

} // namespace actforge
