#pragma once
// The best unique candidates seen by a campaign, best first, and the Pareto
// front of validation accuracy against network cost. Only scores at the
// full training budget enter.
//
// Order shown (entries(), the files, replay and export): verified
// candidates first, by their verified mean accuracy (more seeds, and seeds
// the search never selected on, so free of the winner's curse), then the
// others by search rank (ranks_before). It keeps the best `capacity`
// verified entries and the best `capacity` unverified ones.
#include "actforge/evolution/genome/individual.hpp"

#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <vector>

namespace actforge::evolution {

class HallOfFame {
public:
    explicit HallOfFame(std::size_t capacity = 20) : capacity_(capacity) {}

    // Offers evaluated, successful, full-budget candidates; keeps the
    // `capacity` best by ranks_before with one entry per key (the first one
    // offered wins), and every candidate no other beats on both accuracy
    // and cost (of equals, the first offered).
    void offer(std::span<const Individual> candidates);

    [[nodiscard]] const std::vector<Individual>& entries() const noexcept { return entries_; }
    // The entries by search rank (ranks_before), best first.
    [[nodiscard]] std::vector<Individual> by_search_rank() const;
    // Attaches a verification to the candidate `key` (in the entries and the
    // front) and puts the entries in the order shown.
    void set_verification(std::uint64_t key, const Verification& v);
    // Cheapest first (so accuracy ascends too).
    [[nodiscard]] const std::vector<Individual>& pareto_front() const noexcept { return front_; }
    [[nodiscard]] std::size_t capacity() const noexcept { return capacity_; }

    // {"entries": [...], "pareto_front": [...]}
    [[nodiscard]] nlohmann::json to_json() const;
    // A file without a Pareto front gets it rebuilt from its entries.
    [[nodiscard]] static HallOfFame from_json(const nlohmann::json& j, std::size_t capacity);
    // rank,accuracy,fitness,loss,train_loss,cost,generation,architecture,formula,learned_parameters,
    // verified_mean,verified_std,verified_n,best_baseline,difference,p
    // With task_names (multi-task fitness), one column per task for the
    // search accuracy and one for the verified mean.
    [[nodiscard]] std::string to_csv(const std::vector<std::string>& task_names = {}) const;
    [[nodiscard]] std::string pareto_csv(const std::vector<std::string>& task_names = {}) const;

private:
    void arrange();

    std::size_t capacity_;
    std::vector<Individual> entries_;
    std::vector<Individual> front_;
};

} // namespace actforge::evolution
