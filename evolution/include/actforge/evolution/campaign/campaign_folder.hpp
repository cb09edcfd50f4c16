#pragma once
// A campaign's folder:
//   config.json         the CampaignConfig
//   checkpoint.json     state after the last completed generation (atomic)
//   evaluations.jsonl   one line per evaluation (evaluation_log.hpp)
//   sessions.jsonl      when each run of the campaign started, and its
//                       command line (session_log.hpp)
//   hall_of_fame.json   the best unique candidates and the Pareto front of
//                       accuracy against cost; hall_of_fame.csv, pareto_front.csv
//   fitness.svg         best and median accuracy per generation
//   functions.svg       the top candidates' f and f' (first hidden layer)
//                       against ReLU and Swish
// Opening refuses, and leaves untouched, a folder that holds something
// else, a different campaign, or a corrupt config or checkpoint.
#include "actforge/evolution/campaign/campaign_config.hpp"
#include "actforge/evolution/campaign/campaign_state.hpp"

#include <filesystem>
#include <optional>

namespace actforge::evolution {

class CampaignFolder {
public:
    // Creates the folder (with config.json) or opens it for resuming;
    // throws actforge::Error explaining a refusal.
    [[nodiscard]] static CampaignFolder open(const std::filesystem::path& dir, const CampaignConfig& requested);

    // The config of the campaign `dir` holds once it has trained something
    // (a checkpoint or a logged evaluation): what a resume must agree with.
    // nullopt for a missing, empty or unstarted folder, or a config.json
    // that does not read (open() then says why).
    [[nodiscard]] static std::optional<CampaignConfig> started_config(const std::filesystem::path& dir);

    // Reads a finished or running campaign's folder, for replay and export.
    [[nodiscard]] static CampaignFolder read(const std::filesystem::path& dir);

    [[nodiscard]] const std::filesystem::path& dir() const noexcept { return dir_; }
    [[nodiscard]] const CampaignConfig& config() const noexcept { return config_; }
    [[nodiscard]] const std::optional<CampaignState>& checkpoint() const noexcept { return checkpoint_; }
    [[nodiscard]] std::filesystem::path log_path() const { return dir_ / "evaluations.jsonl"; }

    // Writes the hall of fame, plots and then the checkpoint, each atomically.
    // `extra`: more files (name, contents) written with it, before the checkpoint.
    void save(const CampaignState& state, const std::vector<std::pair<std::string, std::string>>& extra = {});

private:
    std::filesystem::path dir_;
    CampaignConfig config_;
    std::optional<CampaignState> checkpoint_;
};

} // namespace actforge::evolution
