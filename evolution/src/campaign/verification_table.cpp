// The comparison table of a verification: rows with Welch's t-tests, and
// their JSON and CSV forms.
#include "actforge/core/csv.hpp"
#include "actforge/core/json.hpp"
#include "actforge/evolution/campaign/hall_verification.hpp"
#include "actforge/evolution/campaign/verification.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace actforge::evolution {
namespace {

const VerificationEntry* find(const std::vector<VerificationEntry>& entries, const std::string& label) {
    for (const auto& e : entries) {
        if (e.label == label) return &e;
    }
    return nullptr;
}

// The baseline entry with the best mean on `e`'s network.
const VerificationEntry* best_baseline(const std::vector<VerificationEntry>& entries, const VerificationEntry& e,
                                       const fitness::TaskSpec& spec) {
    const VerificationEntry* best = nullptr;
    double best_mean = 0;
    const auto network = HallVerifier::network_of(e.genome, spec);
    for (const auto& b : entries) {
        if (b.label.starts_with('#') || HallVerifier::network_of(b.genome, spec) != network) continue;
        const double mean = summarize(b.accuracies).mean;
        if (best == nullptr || mean > best_mean) {
            best = &b;
            best_mean = mean;
        }
    }
    return best;
}

std::optional<WelchResult> welch_against(const VerificationEntry& e, const VerificationEntry* reference) {
    if (reference == nullptr || reference == &e) return std::nullopt;
    return welch_t_test(e.accuracies, reference->accuracies);
}

void add_test(nlohmann::json& j, const char* suffix, const std::optional<WelchResult>& w) {
    if (!w) return;
    j[fmt::format("t_vs_relu{}", suffix)] = finite_or_null(w->t);
    j[fmt::format("p_vs_relu{}", suffix)] = finite_or_null(w->p_two_sided);
}

} // namespace

std::vector<VerificationRow> verification_rows(const std::vector<VerificationEntry>& entries,
                                               const fitness::TaskSpec& spec) {
    const VerificationEntry* relu = find(entries, "relu");
    std::vector<VerificationRow> rows;
    for (const auto& e : entries) {
        VerificationRow r;
        r.entry = &e;
        r.summary = summarize(e.accuracies);
        r.formula = formulas(Genome{e.genome.activations, std::nullopt});
        r.architecture = e.genome.architecture.value_or(fitness::default_architecture(spec));
        r.vs_relu = welch_against(e, relu);
        if (!e.same_architecture_relu.empty())
            r.vs_same_architecture = welch_against(e, find(entries, e.same_architecture_relu));
        if (const VerificationEntry* best = e.label.starts_with('#') ? best_baseline(entries, e, spec) : nullptr) {
            r.best_baseline = best->label;
            r.vs_best = welch_against(e, best);
        }
        rows.push_back(std::move(r));
    }
    return rows;
}

nlohmann::json verification_json(std::span<const VerificationRow> rows, std::size_t seeds) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& r : rows) {
        const VerificationEntry& e = *r.entry;
        nlohmann::json j{{"label", e.label},
                         {"formula", r.formula},
                         {"architecture", fitness::to_json(r.architecture)},
                         {"runs", seeds},
                         {"runs_ok", e.accuracies.size()},
                         {"test_accuracies", e.accuracies},
                         {"mean_test_accuracy", finite_or_null(r.summary.mean)},
                         {"std_test_accuracy", finite_or_null(r.summary.stddev)}};
        // Learned parameter values of each run, per layer.
        nlohmann::json learned = nlohmann::json::array();
        for (const auto& run : e.runs) learned.push_back(run.learned_parameters);
        j["learned_parameters"] = std::move(learned);
        add_test(j, "", r.vs_relu);
        add_test(j, "_same_architecture", r.vs_same_architecture);
        if (r.vs_best) {
            j["best_baseline"] = r.best_baseline;
            j["t_vs_best"] = finite_or_null(r.vs_best->t);
            j["p_vs_best"] = finite_or_null(r.vs_best->p_two_sided);
        }
        out.push_back(std::move(j));
    }
    return out;
}

std::string verification_csv_header() {
    return "task,label,architecture,formula,runs_ok,runs,mean_test_accuracy,std_test_accuracy,t_vs_relu,p_vs_relu,"
           "t_vs_relu_same_architecture,p_vs_relu_same_architecture,best_baseline,t_vs_best,p_vs_best\n";
}

std::string verification_csv(std::span<const VerificationRow> rows, std::size_t seeds, const std::string& task) {
    auto t_text = [](const std::optional<WelchResult>& w) { return w ? fmt::format("{:.4f}", w->t) : ""; };
    auto p_text = [](const std::optional<WelchResult>& w) { return w ? fmt::format("{:.4g}", w->p_two_sided) : ""; };
    std::string csv;
    for (const auto& r : rows) {
        csv += fmt::format("{},{},{},{},{},{},{:.6f},{:.6f},{},{},{},{},{},{},{}\n", csv_quote(task), r.entry->label,
                           csv_quote(fitness::describe(r.architecture)), csv_quote(r.formula),
                           r.entry->accuracies.size(), seeds, r.summary.mean, r.summary.stddev, t_text(r.vs_relu),
                           p_text(r.vs_relu), t_text(r.vs_same_architecture), p_text(r.vs_same_architecture),
                           r.best_baseline, t_text(r.vs_best), p_text(r.vs_best));
    }
    return csv;
}

std::vector<Individual> functions_only(std::span<const Individual> hall_of_fame, std::size_t top) {
    std::vector<Individual> out(hall_of_fame.begin(), hall_of_fame.begin() + std::min(top, hall_of_fame.size()));
    for (auto& e : out) e.genome.architecture.reset();
    return out;
}

} // namespace actforge::evolution
