#pragma once
// The best unique candidates seen by a campaign, best first.
#include "actforge/evolution/individual.hpp"

#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <vector>

namespace actforge::evolution {

class HallOfFame {
public:
    explicit HallOfFame(std::size_t capacity = 20) : capacity_(capacity) {}

    // Offers evaluated, successful candidates; keeps the `capacity` best by
    // ranks_before with one entry per key (the first one offered wins).
    void offer(std::span<const Individual> candidates);

    [[nodiscard]] const std::vector<Individual>& entries() const noexcept { return entries_; }
    [[nodiscard]] std::size_t capacity() const noexcept { return capacity_; }

    [[nodiscard]] nlohmann::json to_json() const;
    [[nodiscard]] static HallOfFame from_json(const nlohmann::json& j, std::size_t capacity);
    // rank,accuracy,loss,train_loss,generation,formula,learned_parameters
    [[nodiscard]] std::string to_csv() const;

private:
    std::size_t capacity_;
    std::vector<Individual> entries_;
};

} // namespace actforge::evolution
