// checkpoint.json of a campaign folder, read as a resume reads it: the
// campaign state, then the strategy it names restored from its saved state.
// Each step either succeeds or throws actforge::Error; a state that reads
// survives its own round trip.
#include "actforge/evolution/campaign/campaign_config.hpp"
#include "actforge/evolution/campaign/campaign_state.hpp"
#include "actforge/evolution/strategies/strategy.hpp"
#include "fuzz_support.hpp"

using namespace actforge;
using namespace actforge::evolution;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const nlohmann::json j = nlohmann::json::parse(fuzz::as_text(data, size), nullptr, false);
    if (j.is_discarded()) return 0;
    CampaignState state;
    if (!fuzz::returns_or_refuses([&] { state = campaign_state_from_json(j, 20); })) return 0;
    const nlohmann::json saved = to_json(state);
    CampaignState again;
    if (!fuzz::returns_or_refuses([&] { again = campaign_state_from_json(saved, 20); })) {
        fuzz::fail("a checkpoint that was read does not read back: " + saved.dump());
    }
    if (to_json(again) != saved) fuzz::fail("a checkpoint changed in its round trip: " + saved.dump());
    CampaignConfig config;
    if (!fuzz::returns_or_refuses([&] { config.strategy = strategy_kind_from_string(state.strategy); })) return 0;
    fuzz::returns_or_refuses([&] { make_strategy(config)->restore(state.strategy_state); });
    return 0;
}
