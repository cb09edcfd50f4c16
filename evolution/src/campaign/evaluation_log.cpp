#include "actforge/evolution/campaign/evaluation_log.hpp"

#include "actforge/core/error.hpp"
#include "actforge/expr/simplify.hpp"

#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <unistd.h>

namespace actforge::evolution {

EvaluationLog::EvaluationLog(const std::filesystem::path& file) {
    if (std::filesystem::exists(file)) {
        const LogContents contents = read_evaluation_log(file);
        if (contents.tail == LogTail::Damaged) {
            throw Error(fmt::format("{} line {} is corrupt ({}); the folder was left as it is", file.string(),
                                    contents.bad_line, contents.problem));
        }
        for (const LoggedTraining& t : contents.trainings) logged_.emplace(t.key, Logged{t.score, t.generation});
        lines_ = contents.trainings.size();
        // A torn last line (the kill hit mid-write) is cut off.
        std::filesystem::resize_file(file, contents.good_bytes);
    }
    file_ = std::fopen(file.c_str(), "ab");
    if (file_ == nullptr) {
        throw Error(fmt::format("cannot open '{}' for appending: {}", file.string(), std::strerror(errno)));
    }
}

EvaluationLog::~EvaluationLog() {
    if (file_ != nullptr) std::fclose(file_);
}

void EvaluationLog::append(const Individual& ind, std::size_t slot, std::size_t rung, std::size_t replica) {
    nlohmann::json j = score_to_json(ind.score);
    j["generation"] = ind.generation;
    j["slot"] = slot;
    j["rung"] = rung;
    j["replica"] = replica;
    j["budget"] = ind.budget;
    j["formula"] = formulas(ind.genome);
    Genome canonical = ind.genome;
    for (expr::Tree& t : canonical.activations) t = expr::canonicalize(t);
    j["canonical"] = formulas(canonical);
    if (ind.genome.architecture) j["architecture"] = fitness::to_json(*ind.genome.architecture);
    j["key"] = key_to_hex(ind.key);
    const std::string line = j.dump() + "\n";
    std::lock_guard lock(mutex_);
    const long end = std::ftell(file_);
    if (std::fwrite(line.data(), 1, line.size(), file_) != line.size() || std::fflush(file_) != 0) {
        const std::string why = std::strerror(errno);
        // Cut a partial line off again, so the log stays readable for a resume.
        if (end >= 0 && ::ftruncate(::fileno(file_), end) == 0) std::fseek(file_, end, SEEK_SET);
        throw Error(fmt::format("cannot append to evaluations.jsonl: {}", why));
    }
    ++lines_;
}

} // namespace actforge::evolution
