#pragma once
// Everything the report shows, read from a campaign folder without changing
// it: a finished campaign, a running one (its files as they are at this
// moment), or one that has not completed a generation yet. Only config.json
// is required; any other part may be missing or damaged, and `problems`
// says what could not be read and why.
#include "actforge/evolution/campaign/campaign_config.hpp"
#include "actforge/evolution/campaign/campaign_state.hpp"
#include "actforge/evolution/campaign/evaluation_log_reader.hpp"
#include "actforge/evolution/campaign/session_log.hpp"
#include "actforge/evolution/strategies/rl_update_log.hpp"

#include <filesystem>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace actforge::evolution {

// One row of a replay table (replay.json): test accuracy over seeds.
struct ReplayRow {
    std::string label; // "#1", "relu", "relu@#1"
    std::string formula;
    std::string architecture;
    std::size_t runs = 0;
    std::size_t runs_ok = 0;
    double mean = std::numeric_limits<double>::quiet_NaN();
    double stddev = std::numeric_limits<double>::quiet_NaN();
    std::string best_baseline; // candidates only
    double p_vs_best = std::numeric_limits<double>::quiet_NaN();
    double p_vs_relu = std::numeric_limits<double>::quiet_NaN();
};

struct ReplayTable {
    std::string task; // as replay described it
    std::size_t seeds = 0;
    std::size_t epochs = 0;
    std::vector<ReplayRow> rows;
};

// A DARTS search's mixture weight of one primitive in one slot of one
// layer's mixed activation after an epoch (alphas.csv); layer 0 is a
// mixture shared by every layer.
struct MixtureWeight {
    std::size_t epoch = 0;
    std::size_t layer = 0;
    std::size_t slot = 0;
    std::string primitive;
    double weight = 0.0;
};

// darts.json's discretisation gap: what the mixture scored, what its argmax
// function scored retrained alone, and how far apart the two functions are.
struct DartsGap {
    double supernet_accuracy = std::numeric_limits<double>::quiet_NaN();
    double argmax_accuracy = std::numeric_limits<double>::quiet_NaN(); // NaN: failed or not kept
    double max_distance = std::numeric_limits<double>::quiet_NaN();    // max |mixture - argmax| on [-5, 5]
};

struct CampaignSnapshot {
    std::filesystem::path dir;
    CampaignConfig config;
    std::optional<CampaignState> checkpoint; // none before the first completed generation
    LogContents log;                         // evaluations.jsonl
    std::vector<CampaignSession> sessions;   // sessions.jsonl
    std::vector<ReplayTable> replay;         // the campaign's task first, then transfers; none without replay
    std::vector<RlUpdateLog> rl_updates;     // the RL controller's learning curve, from the checkpoint
    std::vector<MixtureWeight> mixture;      // a DARTS search's alphas.csv
    std::optional<DartsGap> darts_gap;       // and its darts.json
    // When the files were last written (UTC; empty when missing).
    std::string config_written;
    std::string checkpoint_written;
    std::string log_written;
    std::vector<std::string> problems;
};

// Throws actforge::Error when `dir` is not a folder or has no readable
// config.json (then it is not a campaign folder).
[[nodiscard]] CampaignSnapshot read_campaign_snapshot(const std::filesystem::path& dir);

// replay.json's tables; throws actforge::Error when malformed.
[[nodiscard]] std::vector<ReplayTable> replay_tables_from_json(const nlohmann::json& j);

// alphas.csv (a header naming epoch, layer, slot, primitive and weight, in
// any order); a last line without its line end is left out (still being
// written). Throws actforge::Error naming the first bad line.
[[nodiscard]] std::vector<MixtureWeight> parse_mixture_csv(std::string_view text);

} // namespace actforge::evolution
