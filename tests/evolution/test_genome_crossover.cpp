// Genome crossover: the child has the receiver's layers, functions move
// within and across layers, and co-design genes come from either parent.
#include "actforge/evolution/operators/genome_variation.hpp"
#include "genome_test_util.hpp"

#include <doctest/doctest.h>

using namespace actforge;
using namespace actforge::evolution;

namespace {

// One unary operation per donor layer that appears nowhere else, so a
// child's function shows which donor layer it took material from.
const std::vector<std::string> kMarkers{"sin", "atan", "erf", "asinh", "cos"};

bool has_marker(const expr::Tree& t, const std::string& marker) {
    return expr::to_infix(t).find(marker + "(") != std::string::npos;
}

} // namespace

TEST_CASE("per-layer crossover takes functions from the same layer and from other layers") {
    for (const test::GenomeCase& c : test::genome_cases()) {
        if (!c.config.per_layer) continue;
        CAPTURE(c.name);
        const GenomeVariation v(c.config);
        const Genome receiver = v.seeded(expr::parse("tanh(x)"));
        Genome donor = receiver;
        REQUIRE(donor.activations.size() <= kMarkers.size());
        for (std::size_t i = 0; i < donor.activations.size(); ++i) {
            donor.activations[i] = expr::parse(kMarkers[i] + "(x) + x");
        }
        REQUIRE(v.valid(donor));
        Rng rng(8);
        int same_layer = 0;
        int across_layers = 0;
        for (int n = 0; n < 2000; ++n) {
            const Genome child = v.crossover(rng, receiver, donor);
            REQUIRE(v.valid(child));
            REQUIRE(child.activations.size() == receiver.activations.size());
            // Either whole layers swap at equal indices, or one layer
            // receives a graft: never more than one layer is new.
            int new_layers = 0;
            for (std::size_t i = 0; i < child.activations.size(); ++i) {
                const expr::Tree& t = child.activations[i];
                new_layers += !(t == receiver.activations[i]) && !(t == donor.activations[i]);
                for (std::size_t j = 0; j < donor.activations.size(); ++j) {
                    if (has_marker(t, kMarkers[j])) (i == j ? same_layer : across_layers) += 1;
                }
            }
            CHECK(new_layers <= 1);
        }
        CHECK(same_layer > 100);
        CHECK(across_layers > 100);
    }
}

TEST_CASE("crossover keeps the receiver's depth and mixes widths and learning rate from both parents") {
    for (const test::GenomeCase& c : test::genome_cases()) {
        if (!c.config.codesign) continue;
        CAPTURE(c.name);
        const GenomeVariation v(c.config);
        Rng rng(12);
        int deeper_donor = 0;
        int shallower_donor = 0;
        int donor_width = 0;
        int donor_rate = 0;
        for (int n = 0; n < 3000; ++n) {
            const Genome receiver = v.random(rng);
            const Genome donor = v.random(rng);
            const Genome child = v.crossover(rng, receiver, donor);
            REQUIRE(v.valid(child));
            const auto& r = receiver.architecture->hidden;
            const auto& d = donor.architecture->hidden;
            const auto& h = child.architecture->hidden;
            deeper_donor += d.size() > r.size();
            shallower_donor += d.size() < r.size();
            // The child's functions fit the receiver's depth.
            REQUIRE(h.size() == r.size());
            REQUIRE(child.activations.size() == receiver.activations.size());
            for (std::size_t i = 0; i < h.size(); ++i) {
                if (i < d.size()) {
                    REQUIRE((h[i] == r[i] || h[i] == d[i]));
                    donor_width += h[i] != r[i];
                } else {
                    REQUIRE(h[i] == r[i]); // the donor has no such layer
                }
            }
            const float lr = child.architecture->learning_rate;
            REQUIRE((lr == receiver.architecture->learning_rate || lr == donor.architecture->learning_rate));
            donor_rate += lr != receiver.architecture->learning_rate;
        }
        // Parents of different depths met both ways, and both genes moved.
        CHECK(deeper_donor > 300);
        CHECK(shallower_donor > 300);
        CHECK(donor_width > 300);
        CHECK(donor_rate > 300);
    }
}
