// hall_of_fame.json of a campaign folder (its entries and Pareto front, or
// the older plain list of entries): read or refused with actforge::Error; a
// hall that reads survives its own round trip.
#include "actforge/evolution/campaign/hall_of_fame.hpp"
#include "fuzz_support.hpp"

using namespace actforge;
using namespace actforge::evolution;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const nlohmann::json j = nlohmann::json::parse(fuzz::as_text(data, size), nullptr, false);
    if (j.is_discarded()) return 0;
    HallOfFame hall;
    if (!fuzz::returns_or_refuses([&] { hall = HallOfFame::from_json(j, 20); })) return 0;
    const nlohmann::json saved = hall.to_json();
    HallOfFame again;
    if (!fuzz::returns_or_refuses([&] { again = HallOfFame::from_json(saved, 20); })) {
        fuzz::fail("a hall of fame that was read does not read back: " + saved.dump());
    }
    if (again.to_json() != saved) fuzz::fail("a hall of fame changed in its round trip: " + saved.dump());
    (void)hall.to_csv();
    (void)hall.pareto_csv();
    return 0;
}
