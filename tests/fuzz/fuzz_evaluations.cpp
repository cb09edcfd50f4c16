// evaluations.jsonl of a campaign folder, opened as a resume opens it: the
// log is read or refused with actforge::Error; when read, the file that is
// left is a prefix of what was there (only a torn last line is cut off), and
// reading it again finds the same lines and changes nothing.
#include "actforge/evolution/campaign/evaluation_log.hpp"
#include "fuzz_support.hpp"

#include <fstream>
#include <iterator>

using namespace actforge;
using namespace actforge::evolution;

namespace {
std::string contents(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = fuzz::as_text(data, size);
    const std::filesystem::path file = fuzz::scratch_file("evaluations.jsonl", text);
    std::size_t lines = 0;
    if (!fuzz::returns_or_refuses([&] { lines = EvaluationLog(file).lines(); })) {
        if (contents(file) != text) fuzz::fail("a refused log was changed");
        return 0;
    }
    const std::string kept = contents(file);
    if (!text.starts_with(kept)) fuzz::fail("the log left is not a prefix of the log read");
    if (!kept.empty() && kept.back() != '\n') fuzz::fail("the log left ends inside a line");
    std::size_t again = 0;
    if (!fuzz::returns_or_refuses([&] { again = EvaluationLog(file).lines(); })) fuzz::fail("a kept log is refused");
    if (again != lines || contents(file) != kept) fuzz::fail("reading a kept log again changed it");
    return 0;
}
