#pragma once
// The tables discover prints at the end of a campaign.
#include "actforge/evolution/campaign/campaign_state.hpp"

#include <vector>

namespace actforge::cli {

// Search scores: rank (or `order`), validation accuracy and loss, with the
// cost and architecture when `with_cost`.
void print_candidates(const std::vector<evolution::Individual>& entries, std::size_t top, bool with_cost,
                      const char* order);

// The verified hall of fame: verified mean ± std over n seeds, the best
// baseline on the candidate's own network, the difference and Welch's p;
// then the baselines themselves.
void print_verified(const evolution::CampaignState& state, std::size_t top, bool with_cost);

// Multi-task fitness: each shown candidate's accuracy on every task (the
// verified mean where verified, else the search score), a column per task.
void print_task_columns(const std::vector<evolution::Individual>& entries, std::size_t top,
                        const std::vector<std::string>& task_names);

} // namespace actforge::cli
