#include "actforge/evolution/campaign/evaluation_log_reader.hpp"

#include "actforge/core/json.hpp"
#include "actforge/evolution/campaign/old_formats.hpp"
#include "actforge/evolution/genome/individual.hpp"

#include <fstream>
#include <nlohmann/json.hpp>

namespace actforge::evolution {
namespace {

LoggedTraining training_from_json(nlohmann::json j) {
    upgrade_log_line(j);
    LoggedTraining t;
    t.key = RungKey{key_from_hex(j.at("key").get<std::string>()), json_number<std::size_t>(j.at("rung")),
                    json_number<std::size_t>(j.at("replica"))};
    t.generation = json_number<std::size_t>(j.at("generation"));
    t.budget = j.value("budget", 1.0);
    t.formula = j.value("formula", "");
    t.score = score_from_json(j);
    return t;
}

} // namespace

LogContents read_evaluation_log(const std::filesystem::path& file) {
    LogContents out;
    std::ifstream in(file, std::ios::binary);
    if (!in) return out;
    std::string line;
    std::size_t offset = 0;
    std::size_t number = 0;
    while (std::getline(in, line)) {
        ++number;
        const bool complete = !in.eof(); // the line ended with '\n'
        offset += line.size() + (complete ? 1 : 0);
        try {
            if (!complete) throw std::runtime_error("the line has no end (cut off mid-write)");
            out.trainings.push_back(training_from_json(nlohmann::json::parse(line)));
            out.good_bytes = offset;
        } catch (const std::exception& e) {
            // Only the last line can be torn; a bad line with more after it is damage.
            out.tail = in.peek() == std::char_traits<char>::eof() ? LogTail::Torn : LogTail::Damaged;
            out.bad_line = number;
            out.problem = e.what();
            break;
        }
    }
    return out;
}

} // namespace actforge::evolution
