// config.json of a campaign folder: campaign_config_from_json and validate
// either accept the document or throw actforge::Error; an accepted config
// survives its own round trip and resumes itself.
#include "actforge/evolution/campaign/campaign_config.hpp"
#include "fuzz_support.hpp"

using namespace actforge;
using namespace actforge::evolution;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const nlohmann::json j = nlohmann::json::parse(fuzz::as_text(data, size), nullptr, false);
    if (j.is_discarded()) return 0; // not JSON: the folder reader refuses it before any of ours runs
    CampaignConfig config;
    if (!fuzz::returns_or_refuses([&] { config = campaign_config_from_json(j); })) return 0;
    if (!fuzz::returns_or_refuses([&] { config.validate(); })) return 0;
    const nlohmann::json saved = to_json(config);
    CampaignConfig again;
    if (!fuzz::returns_or_refuses([&] { again = campaign_config_from_json(saved); })) {
        fuzz::fail("a valid config does not read back: " + saved.dump());
    }
    if (to_json(again) != saved) fuzz::fail("a config changed in its round trip: " + saved.dump());
    if (const std::string diff = resume_mismatch(config, again); !diff.empty()) {
        fuzz::fail("a config does not resume itself: " + diff);
    }
    return 0;
}
