#include "actforge/evolution/campaign/evaluation_log.hpp"

#include "actforge/core/error.hpp"
#include "actforge/core/json.hpp"
#include "actforge/evolution/campaign/old_formats.hpp"
#include "actforge/expr/simplify.hpp"

#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <fstream>
#include <unistd.h>

namespace actforge::evolution {

EvaluationLog::EvaluationLog(const std::filesystem::path& file) {
    std::size_t good_bytes = 0;
    if (std::filesystem::exists(file)) {
        std::ifstream in(file, std::ios::binary);
        std::string line;
        std::size_t offset = 0;
        std::size_t number = 0;
        while (std::getline(in, line)) {
            ++number;
            const bool complete = !in.eof(); // the line ended with '\n'
            offset += line.size() + (complete ? 1 : 0);
            if (!complete) break; // torn by a kill mid-write: cut off below
            try {
                auto j = nlohmann::json::parse(line);
                upgrade_log_line(j);
                logged_.emplace(RungKey{key_from_hex(j.at("key").get<std::string>()),
                                        json_number<std::size_t>(j.at("rung")),
                                        json_number<std::size_t>(j.at("replica"))},
                                Logged{score_from_json(j), json_number<std::size_t>(j.at("generation"))});
                ++lines_;
                good_bytes = offset;
            } catch (const std::exception& e) {
                // Only the last line can be torn; a bad line with more after
                // it is damage that cutting would silently lose.
                if (in.peek() != std::char_traits<char>::eof()) {
                    throw Error(fmt::format("{} line {} is corrupt ({}); the folder was left as it is", file.string(),
                                            number, e.what()));
                }
                break;
            }
        }
        std::filesystem::resize_file(file, good_bytes);
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
