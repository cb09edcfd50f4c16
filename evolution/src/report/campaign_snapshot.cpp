#include "actforge/evolution/report/campaign_snapshot.hpp"

#include "actforge/core/error.hpp"
#include "actforge/core/json.hpp"
#include "actforge/core/json_file.hpp"
#include "actforge/core/timestamp.hpp"

#include <fmt/format.h>
#include <fstream>
#include <sstream>

namespace actforge::evolution {
namespace fs = std::filesystem;
namespace {

void read_checkpoint(CampaignSnapshot& s) {
    const fs::path file = s.dir / "checkpoint.json";
    if (!fs::exists(file)) {
        s.problems.push_back("no generation has completed yet (no checkpoint.json): the progress, hall of fame and "
                             "verification appear once the first generation is saved");
        return;
    }
    s.checkpoint_written = file_timestamp(file);
    try {
        s.checkpoint = campaign_state_from_json(read_json_file(file, "checkpoint"), s.config.hall_of_fame_size);
    } catch (const Error& e) {
        s.problems.push_back(fmt::format("checkpoint.json could not be read ({}): the progress, hall of fame and "
                                         "verification are missing",
                                         e.what()));
    }
}

void read_log(CampaignSnapshot& s) {
    const fs::path file = s.dir / "evaluations.jsonl";
    if (!fs::exists(file)) {
        s.problems.push_back("no evaluations.jsonl: nothing has been trained yet");
        return;
    }
    s.log_written = file_timestamp(file);
    s.log = read_evaluation_log(file);
    const std::size_t read = s.log.trainings.size();
    if (s.log.tail == LogTail::Torn) {
        s.problems.push_back(fmt::format("evaluations.jsonl: the last line ({}) is incomplete ({}), as when a "
                                         "campaign is killed or still writing; the {} lines before it are shown",
                                         s.log.bad_line, s.log.problem, read));
    } else if (s.log.tail == LogTail::Damaged) {
        s.problems.push_back(fmt::format("evaluations.jsonl: line {} is damaged ({}); only the {} lines before it "
                                         "are shown",
                                         s.log.bad_line, s.log.problem, read));
    }
}

// The strategy panels' data: the RL controller's updates, a DARTS search's weights.
void read_strategy_data(CampaignSnapshot& s) {
    if (s.checkpoint && s.checkpoint->strategy == "rl") {
        try {
            for (const auto& h : s.checkpoint->strategy_state.at("history"))
                s.rl_updates.push_back(rl_update_log_from_json(h));
        } catch (const std::exception& e) {
            s.rl_updates.clear();
            s.problems.push_back(fmt::format("the RL controller's update log could not be read ({})", e.what()));
        }
    }
    const fs::path alphas = s.dir / "alphas.csv";
    if (fs::exists(alphas)) {
        try {
            std::ifstream in(alphas);
            std::stringstream text;
            text << in.rdbuf();
            s.mixture = parse_mixture_csv(text.str());
        } catch (const Error& e) {
            s.problems.push_back(fmt::format("alphas.csv could not be read ({})", e.what()));
        }
    }
    const fs::path darts = s.dir / "darts.json";
    if (!fs::exists(darts)) return;
    try {
        constexpr double nan = std::numeric_limits<double>::quiet_NaN();
        const nlohmann::json j = read_json_file(darts, "DARTS summary");
        s.darts_gap = DartsGap{j.at("supernet_validation_accuracy").get<double>(),
                               number_or(j.value("argmax_retrained_accuracy", nlohmann::json()), nan),
                               j.at("max_abs_mixture_minus_argmax").get<double>()};
    } catch (const std::exception& e) {
        s.problems.push_back(fmt::format("darts.json could not be read ({})", e.what()));
    }
}

void read_replay(CampaignSnapshot& s) {
    const fs::path file = s.dir / "replay.json";
    if (!fs::exists(file)) return;
    try {
        s.replay = replay_tables_from_json(read_json_file(file, "replay results"));
    } catch (const Error& e) {
        s.problems.push_back(fmt::format("replay.json could not be read ({})", e.what()));
    }
}

ReplayTable replay_table_from_json(const nlohmann::json& j) {
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    ReplayTable t;
    t.task = j.at("task").get<std::string>();
    t.seeds = json_number<std::size_t>(j.at("seeds"));
    t.epochs = j.value("epochs", std::size_t{0});
    for (const auto& r : j.at("results")) {
        ReplayRow row;
        row.label = r.at("label").get<std::string>();
        row.formula = r.at("formula").get<std::string>();
        if (r.contains("architecture"))
            row.architecture = fitness::describe(fitness::architecture_from_json(r["architecture"]));
        row.runs = json_number<std::size_t>(r.at("runs"));
        row.runs_ok = json_number<std::size_t>(r.at("runs_ok"));
        row.mean = number_or(r.at("mean_test_accuracy"), nan);
        row.stddev = number_or(r.at("std_test_accuracy"), nan);
        row.best_baseline = r.value("best_baseline", "");
        row.p_vs_best = number_or(r.value("p_vs_best", nlohmann::json()), nan);
        row.p_vs_relu = number_or(r.value("p_vs_relu", nlohmann::json()), nan);
        t.rows.push_back(std::move(row));
    }
    return t;
}

} // namespace

std::vector<ReplayTable> replay_tables_from_json(const nlohmann::json& j) {
    try {
        std::vector<ReplayTable> out{replay_table_from_json(j)};
        for (const auto& t : j.value("transfer", nlohmann::json::array())) out.push_back(replay_table_from_json(t));
        return out;
    } catch (const nlohmann::json::exception& e) {
        throw Error(fmt::format("malformed replay results: {}", e.what()));
    }
}

CampaignSnapshot read_campaign_snapshot(const fs::path& dir) {
    if (!fs::is_directory(dir)) throw Error(fmt::format("'{}' is not a folder; give a campaign folder", dir.string()));
    const fs::path config = dir / "config.json";
    if (!fs::exists(config)) throw Error(fmt::format("'{}' holds no campaign (no config.json)", dir.string()));
    CampaignSnapshot s;
    s.dir = dir;
    try {
        s.config = campaign_config_from_json(read_json_file(config, "campaign config"));
    } catch (const Error& e) {
        throw Error(fmt::format("'{}' holds no readable campaign: {}", dir.string(), e.what()));
    }
    s.config_written = file_timestamp(config);
    read_checkpoint(s);
    read_log(s);
    s.sessions = read_sessions(dir);
    read_replay(s);
    read_strategy_data(s);
    return s;
}

} // namespace actforge::evolution
