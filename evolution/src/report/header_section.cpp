// The report's header: what was searched, when, for how long, and how many
// candidates were trained, failed or answered from known scores.
#include "actforge/evolution/genome/primitive_set.hpp"
#include "actforge/evolution/plots/plots.hpp"
#include "actforge/evolution/report/html.hpp"
#include "actforge/evolution/report/report.hpp"
#include "report_text.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace actforge::evolution::report {
namespace {

using Facts = std::vector<std::pair<std::string, std::string>>; // term, HTML

std::string task_text(const CampaignConfig& c) {
    const fitness::TaskSpec& t = c.task;
    const std::string names = c.multi_task() ? fmt::format("{} (fitness: mean gain over ReLU across the tasks)",
                                                           fmt::join(c.task_names, ", "))
                                             : t.dataset;
    return fmt::format("{}; {} training and {} validation examples{}, data seed {}", names,
                       t.train_size == 0 ? "all" : std::to_string(t.train_size),
                       t.val_size == 0 ? "all" : std::to_string(t.val_size),
                       t.label_column.empty() ? "" : fmt::format(", label column {}", t.label_column), t.data_seed);
}

std::string strategy_text(const CampaignConfig& c) {
    switch (c.strategy) {
    case StrategyKind::GeneticAlgorithm:
        return fmt::format(
            "genetic algorithm (ga): population {} on {} island{}, tournament {}, {} elite{} per island, "
            "crossover rate {}, {} migrant{} every {} generations",
            c.population, c.islands, c.islands == 1 ? "" : "s", c.tournament_size, c.elites, c.elites == 1 ? "" : "s",
            c.crossover_rate, c.migrants, c.migrants == 1 ? "" : "s", c.migration_interval);
    case StrategyKind::RegularizedEvolution:
        return fmt::format("regularized (aging) evolution: population {}, tournament {}", c.population,
                           c.tournament_size);
    case StrategyKind::RandomSearch: return fmt::format("random search: {} formulas per generation", c.population);
    case StrategyKind::RlController:
        return fmt::format("RL controller: LSTM of {} units, {} core unit{}, {} formulas per update, {} (lr {}, "
                           "entropy weight {})",
                           c.rl.hidden, c.rl.core_units, c.rl.core_units == 1 ? "" : "s",
                           c.rl.batch_size == 0 ? c.population : c.rl.batch_size,
                           c.rl.ppo_epochs == 0 ? "REINFORCE" : fmt::format("PPO, {} epochs", c.rl.ppo_epochs),
                           c.rl.learning_rate, c.rl.entropy_weight);
    case StrategyKind::Darts:
        return "differentiable search (DARTS): a softmax mixture of functions trained by gradient, its strongest "
               "functions retrained and verified as the candidates below (darts.json holds its settings)";
    }
    return "";
}

std::string search_space_text(const CampaignConfig& c) {
    std::string out = fmt::format("primitives {}; at most {} nodes, depth {}, {} learnable parameter{}",
                                  PrimitiveSet::parse_or_default(c.primitives).to_string(), c.limits.max_nodes,
                                  c.limits.max_depth, c.limits.max_params, c.limits.max_params == 1 ? "" : "s");
    if (c.per_layer) out += "; one function per hidden layer";
    if (c.codesign) {
        const ArchitectureSpace& a = c.architecture;
        out += fmt::format("; co-design: {}-{} dense layers of widths {}, learning rate {:.3g} to {:.3g}", a.min_layers,
                           a.max_layers, fmt::join(a.widths, ", "), a.min_learning_rate, a.max_learning_rate);
    }
    if (c.codesign || c.cost_weight > 0) out += fmt::format("; cost {}, weight {}", to_string(c.cost), c.cost_weight);
    if (!c.seed_formulas.empty()) out += fmt::format("; seeded with {}", fmt::join(c.seed_formulas, "; "));
    return out;
}

std::string budget_text(const CampaignConfig& c) {
    std::string out = fmt::format("{} generations", c.generations);
    if (c.time_budget_seconds > 0) out += fmt::format(", time budget {}", report_text::duration(c.time_budget_seconds));
    if (c.max_evaluations > 0) out += fmt::format(", at most {} trainings", c.max_evaluations);
    out += fmt::format("; a score is the mean of {} training{}", c.eval_seeds, c.eval_seeds == 1 ? "" : "s");
    if (c.rungs > 1) out += fmt::format("; successive halving over {} rungs (eta {})", c.rungs, c.eta);
    out += c.verify_seeds == 0 ? std::string("; no verification")
                               : fmt::format("; the top {} verified with {} seeds against {}", c.verify_top,
                                             c.verify_seeds, fmt::join(c.baselines, ", "));
    return out;
}

std::string commands_html(const std::vector<CampaignSession>& sessions) {
    if (sessions.empty()) return "not recorded (sessions.jsonl is missing; the settings above come from config.json)";
    // One line per run of the campaign: the first started it, the others resumed or extended it.
    std::string out;
    for (std::size_t i = 0; i < sessions.size(); ++i) {
        out += fmt::format("<div>{}: <code>{}</code></div>", xml_escape(sessions[i].started),
                           xml_escape(sessions[i].command));
    }
    return out;
}

// Where the campaign is: generations completed, and trainings logged since.
std::string state_text(const CampaignSnapshot& s) {
    const std::size_t done = s.checkpoint ? s.checkpoint->generation : 0;
    std::string out = fmt::format("{} of {} generations completed", done, s.config.generations);
    const auto after = std::count_if(s.log.trainings.begin(), s.log.trainings.end(),
                                     [&](const LoggedTraining& t) { return t.generation >= done; });
    if (after > 0)
        out += fmt::format("; {} training{} of generation {} logged since (still running, or stopped before it "
                           "completed)",
                           after, after == 1 ? "" : "s", done + 1);
    return out;
}

std::string trainings_text(const CampaignSnapshot& s) {
    const auto& t = s.log.trainings;
    const auto verification =
        std::count_if(t.begin(), t.end(), [](const LoggedTraining& l) { return l.key.rung == kVerificationRung; });
    const auto failed = std::count_if(t.begin(), t.end(), [](const LoggedTraining& l) { return !l.score.ok(); });
    std::string out = fmt::format("{} trainings logged ({} search, {} verification), {} failed", t.size(),
                                  static_cast<long>(t.size()) - verification, verification, failed);
    if (s.checkpoint) {
        const CampaignState& c = *s.checkpoint;
        out += fmt::format("; {} distinct candidates trained", c.candidates);
        out += c.proposals ? fmt::format(", {} of {} proposals answered with known scores (repeats and equal forms "
                                         "are trained once)",
                                         *c.proposals - std::min(*c.proposals, c.candidates), *c.proposals)
                           : std::string(", proposals answered with known scores not counted by this campaign's "
                                         "version");
    }
    return out;
}

std::string when_text(const CampaignSnapshot& s) {
    std::string out = s.sessions.empty() ? fmt::format("config.json written {}", s.config_written)
                                         : fmt::format("started {}", s.sessions.front().started);
    if (!s.checkpoint_written.empty()) out += fmt::format("; last generation saved {}", s.checkpoint_written);
    if (!s.log_written.empty()) out += fmt::format("; last training logged {}", s.log_written);
    return out;
}

} // namespace

std::string header_section(const CampaignSnapshot& s, const ReportOptions& options) {
    const CampaignConfig& c = s.config;
    Facts facts{{"task", xml_escape(task_text(c))},
                {"network", xml_escape(report_text::network(c.task))},
                {"strategy", xml_escape(strategy_text(c))},
                {"search space", xml_escape(search_space_text(c))},
                {"budget", xml_escape(budget_text(c))},
                {"seed", fmt::format("{}", c.seed)},
                {"command line", commands_html(s.sessions)},
                {"when", xml_escape(when_text(s))},
                {"duration", s.checkpoint ? xml_escape(report_text::duration(s.checkpoint->elapsed_seconds))
                                          : std::string("unknown before the first completed generation")},
                {"state", xml_escape(state_text(s))},
                {"trainings", xml_escape(trainings_text(s))}};
    std::string body = "<dl class=\"facts\">\n";
    for (const auto& [term, html] : facts) body += fmt::format("<dt>{}</dt><dd>{}</dd>\n", term, html);
    body += "</dl>\n";
    if (!options.generated.empty()) body += fmt::format("<p>Report made {}.</p>\n", xml_escape(options.generated));
    return section_html("campaign", "Campaign", body);
}

} // namespace actforge::evolution::report
