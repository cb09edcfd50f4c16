#include "actforge/evolution/campaign/verification.hpp"

#include "actforge/core/error.hpp"
#include "actforge/expr/parser.hpp"
#include "actforge/fitness/baselines.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace actforge::evolution {
namespace {

VerificationEntry baseline_entry(const std::string& label, const std::string& name,
                                 const std::optional<fitness::Architecture>& architecture) {
    VerificationEntry e;
    e.label = label;
    e.genome = baseline_genome(name, architecture);
    return e;
}

// Baselines in table order: ReLU, then the others as given.
std::vector<std::string> baseline_list(const std::vector<std::string>& names) {
    require_baselines(names);
    std::vector<std::string> out{"relu"};
    for (const auto& name : names) {
        if (name != "relu") out.push_back(name);
    }
    return out;
}

VerificationEntry candidate_entry(const Individual& ind, std::size_t rank, const fitness::TaskSpec& spec,
                                  const fitness::Architecture& task_architecture) {
    VerificationEntry e;
    e.label = fmt::format("#{}", rank);
    e.genome = Genome{ind.genome.activations, ind.genome.architecture};
    const std::size_t layers =
        spec.conv_channels.size() + ind.genome.architecture.value_or(task_architecture).hidden.size();
    if (e.genome.activations.size() != 1 && e.genome.activations.size() != layers) {
        throw Error(fmt::format("{} has {} functions, one per hidden layer of its campaign's network, but the "
                                "network to replay has {} hidden layers; drop --hidden/--conv/--task",
                                e.label, e.genome.activations.size(), layers));
    }
    return e;
}

} // namespace

void require_baselines(const std::vector<std::string>& names) {
    for (const auto& name : names) {
        if (!fitness::baseline_formula(name)) {
            throw Error(fmt::format("--baselines: unknown '{}' (choose from {})", name,
                                    fmt::join(fitness::baseline_names(), ", ")));
        }
    }
}

Genome baseline_genome(const std::string& name, const std::optional<fitness::Architecture>& architecture) {
    return Genome{{expr::parse(*fitness::baseline_formula(name))}, architecture};
}

std::vector<VerificationEntry> plan_verification(std::span<const Individual> hall_of_fame, std::size_t top,
                                                 const std::vector<std::string>& baselines,
                                                 const fitness::TaskSpec& spec) {
    const std::vector<std::string> names = baseline_list(baselines);
    const fitness::Architecture task_architecture = fitness::default_architecture(spec);
    std::vector<VerificationEntry> entries;
    std::vector<VerificationEntry> same_architecture; // ReLU and Swish, once per candidate architecture
    for (std::size_t i = 0; i < hall_of_fame.size() && i < top; ++i) {
        VerificationEntry e = candidate_entry(hall_of_fame[i], i + 1, spec, task_architecture);
        const auto& arch = e.genome.architecture;
        if (arch && *arch == task_architecture) {
            e.same_architecture_relu = "relu";
        } else if (arch) {
            const auto earlier =
                std::find_if(same_architecture.begin(), same_architecture.end(),
                             [&](const VerificationEntry& s) { return s.genome.architecture == arch; });
            if (earlier != same_architecture.end()) {
                e.same_architecture_relu = earlier->label;
            } else {
                e.same_architecture_relu = "relu@" + e.label;
                for (const char* name : {"relu", "swish"})
                    same_architecture.push_back(baseline_entry(fmt::format("{}@{}", name, e.label), name, arch));
            }
        }
        entries.push_back(std::move(e));
    }
    for (auto& e : same_architecture) entries.push_back(std::move(e));
    for (const auto& name : names) entries.push_back(baseline_entry(name, name, std::nullopt));
    return entries;
}

void run_verification(std::vector<VerificationEntry>& entries, EvaluationBackend& backend, std::size_t seeds,
                      std::uint64_t first_seed, const std::function<void()>& on_done) {
    std::vector<EvaluationJob> jobs;
    for (const auto& e : entries) {
        for (std::size_t s = 0; s < seeds; ++s) {
            jobs.push_back(
                {formulas(e.genome), e.genome.architecture, first_seed + s, 1.0, fitness::ScoredSplit::Test, true});
        }
    }
    std::vector<fitness::Score> scores(jobs.size());
    backend.evaluate(jobs, scores, [&](std::size_t, const fitness::Score&) {
        if (on_done) on_done();
    });
    for (std::size_t i = 0; i < entries.size(); ++i) {
        auto& e = entries[i];
        e.runs.assign(scores.begin() + static_cast<long>(i * seeds),
                      scores.begin() + static_cast<long>((i + 1) * seeds));
        e.accuracies.clear();
        for (const auto& r : e.runs) {
            if (r.ok()) e.accuracies.push_back(r.accuracy);
        }
    }
}

} // namespace actforge::evolution
