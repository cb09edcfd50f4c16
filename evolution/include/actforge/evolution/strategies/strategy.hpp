#pragma once
// How a search proposes candidates, and nothing else: the campaign engine
// evaluates them (threads or other backends, the score cache, successive
// halving), keeps the hall of fame, the log and the checkpoint, and
// guarantees determinism. A strategy sees only candidates and their scores.
//
// Each generation the engine calls ask(g), scores the candidates that have
// no full-budget score yet, then calls tell(g, scored) with the same
// candidates in the same order. ask and tell for generation g happen once
// each, also across a resume: save() after tell(g) and restore() give a
// strategy that asks for g+1 exactly what the uninterrupted one would.
// Every random choice must derive from (campaign seed, generation, ...),
// never from a generator carried across generations unless save() holds it.
#include "actforge/evolution/genome/individual.hpp"

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace actforge::evolution {

struct CampaignConfig;

class Strategy {
public:
    virtual ~Strategy() = default;

    [[nodiscard]] virtual std::string_view name() const noexcept = 0;

    // The candidates of generation `generation` (0 = the first), each with
    // its genome, key, creation generation and parents. A candidate carried
    // over (an elite) keeps its score; the engine scores the others.
    [[nodiscard]] virtual std::vector<Individual> ask(std::size_t generation) = 0;
    // The candidates of ask(generation), priced and scored, in ask's order.
    virtual void tell(std::size_t generation, std::vector<Individual> scored) = 0;

    // The current members, offered to the hall of fame after each tell and
    // summarised in the generation statistics.
    [[nodiscard]] virtual std::vector<Individual> population() const = 0;

    [[nodiscard]] virtual nlohmann::json save() const = 0;
    // Files the strategy adds to the campaign folder with each checkpoint
    // (name, contents), e.g. the RL controller's learning curve; none by default.
    [[nodiscard]] virtual std::vector<std::pair<std::string, std::string>> files() const { return {}; }
    // Throws actforge::Error when `state` does not fit this strategy and config.
    virtual void restore(const nlohmann::json& state) = 0;
};

// The strategy a campaign's config asks for (CampaignConfig::strategy). It
// keeps a reference to `config`, which must outlive it.
[[nodiscard]] std::unique_ptr<Strategy> make_strategy(const CampaignConfig& config);

} // namespace actforge::evolution
