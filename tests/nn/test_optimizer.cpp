#include "actforge/core/error.hpp"
#include "actforge/nn/optimizer.hpp"
#include "actforge/nn/schedule.hpp"

#include <cmath>
#include <doctest/doctest.h>

using namespace actforge;
using namespace actforge::nn;

namespace {

// Parameters and gradients held outside any layer.
struct Params {
    std::vector<float> value;
    std::vector<float> grad;
    std::vector<ParamRef> refs(bool decay = true) { return {{value.data(), grad.data(), value.size(), "p", decay}}; }
};

// Gradient of the quadratic 0.5 * sum(a_i * p_i^2).
void quadratic_grad(Params& p, const std::vector<float>& a) {
    for (std::size_t i = 0; i < a.size(); ++i) p.grad[i] = a[i] * p.value[i];
}

} // namespace

TEST_CASE("Adam's first step moves each weight by about lr * sign(grad)") {
    Params p{std::vector<float>(6, 0.0f), {1e-3f, -2e-2f, 0.5f, -3.0f, 40.0f, -1e-4f}};
    auto refs = p.refs();
    Adam adam;
    const float lr = 1e-3f;
    adam.step(refs, lr);
    for (std::size_t i = 0; i < p.value.size(); ++i) {
        CAPTURE(i);
        CHECK(p.value[i] == doctest::Approx(-lr * std::copysign(1.0f, p.grad[i])).epsilon(1e-3));
    }
    CHECK(adam.steps() == 1);
}

TEST_CASE("Adam and AdamW weight decay") {
    Params p{{1.0f, 1.0f}, {0.0f, 0.0f}};
    SUBCASE("AdamW shrinks decayed weights without a gradient") {
        Params q = p;
        auto decayed = p.refs(true);
        auto kept = q.refs(false);
        Adam adamw({.weight_decay = 0.1f}, true);
        Adam adamw2({.weight_decay = 0.1f}, true);
        adamw.step(decayed, 0.5f);
        adamw2.step(kept, 0.5f);
        CHECK(p.value[0] == doctest::Approx(0.95));
        CHECK(q.value[0] == 1.0f);
    }
    SUBCASE("coupled L2 decay acts through the moments") {
        auto refs = p.refs(true);
        Adam adam({.weight_decay = 0.1f}, false);
        adam.step(refs, 0.01f);
        // g = 0.1 * p, so the first step is about -lr.
        CHECK(p.value[0] == doctest::Approx(0.99).epsilon(1e-4));
    }
}

TEST_CASE("SGD momentum and Nesterov follow the torch.optim.SGD update") {
    Params p{{1.0f}, {0.0f}};
    auto refs = p.refs();
    SUBCASE("heavy ball") {
        Sgd sgd({.momentum = 0.9f});
        p.grad[0] = 1.0f;
        sgd.step(refs, 0.1f); // v = 1, p = 0.9
        CHECK(p.value[0] == doctest::Approx(0.9));
        p.grad[0] = 0.9f;
        sgd.step(refs, 0.1f); // v = 0.9 + 0.9 = 1.8, p = 0.72
        CHECK(p.value[0] == doctest::Approx(0.72));
    }
    SUBCASE("nesterov") {
        Sgd sgd({.momentum = 0.9f, .nesterov = true});
        p.grad[0] = 1.0f;
        sgd.step(refs, 0.1f); // v = 1, p -= 0.1 * (1 + 0.9)
        CHECK(p.value[0] == doctest::Approx(0.81));
    }
}

TEST_CASE("SGD with momentum converges on an ill-conditioned quadratic") {
    const std::vector<float> a{1.0f, 25.0f};
    for (bool nesterov : {false, true}) {
        CAPTURE(nesterov);
        Params p{{3.0f, -2.0f}, {0.0f, 0.0f}};
        auto refs = p.refs();
        Sgd sgd({.momentum = 0.9f, .nesterov = nesterov});
        for (int step = 0; step < 400; ++step) {
            quadratic_grad(p, a);
            sgd.step(refs, 0.03f);
        }
        CHECK(std::abs(p.value[0]) < 1e-3);
        CHECK(std::abs(p.value[1]) < 1e-3);
    }
    // Momentum is what makes the flat direction fast: after 100 steps plain
    // SGD has p0 = 3 * 0.97^100 = 0.14, heavy ball contracts by about
    // sqrt(0.9) per step.
    Params plain{{3.0f, -2.0f}, {0.0f, 0.0f}};
    Params heavy = plain;
    auto rp = plain.refs();
    auto rh = heavy.refs();
    Sgd s0;
    Sgd s1({.momentum = 0.9f});
    for (int step = 0; step < 100; ++step) {
        quadratic_grad(plain, a);
        s0.step(rp, 0.03f);
        quadratic_grad(heavy, a);
        s1.step(rh, 0.03f);
    }
    CHECK(std::abs(plain.value[0]) == doctest::Approx(3.0 * std::pow(0.97, 100)).epsilon(1e-3));
    CHECK(std::abs(heavy.value[0]) < 0.2 * std::abs(plain.value[0]));
}

TEST_CASE("optimizer state is keyed by index and checked") {
    Params p{{1.0f, 2.0f}, {0.1f, 0.1f}};
    Params q{{1.0f}, {0.1f}};
    auto refs = p.refs();
    auto other = q.refs();
    Adam adam;
    adam.step(refs, 0.1f);
    CHECK_THROWS_AS(adam.step(other, 0.1f), Error);
    Sgd sgd({.momentum = 0.5f});
    sgd.step(refs, 0.1f);
    CHECK_THROWS_AS(sgd.step(other, 0.1f), Error);
}

TEST_CASE("gradient clipping by global norm") {
    std::vector<float> v1{0.0f}, g1{3.0f}, v2{0.0f}, g2{4.0f};
    std::vector<ParamRef> refs{{v1.data(), g1.data(), 1, "a", true}, {v2.data(), g2.data(), 1, "b", true}};
    CHECK(grad_norm(refs) == doctest::Approx(5.0));
    CHECK(clip_grad_norm(refs, 0.0f) == doctest::Approx(5.0));
    CHECK(g1[0] == 3.0f);
    CHECK(clip_grad_norm(refs, 10.0f) == doctest::Approx(5.0));
    CHECK(g1[0] == 3.0f);
    CHECK(clip_grad_norm(refs, 1.0f) == doctest::Approx(5.0));
    CHECK(g1[0] == doctest::Approx(0.6));
    CHECK(g2[0] == doctest::Approx(0.8));
}

TEST_CASE("learning-rate schedules") {
    CHECK(scheduled_lr(Schedule::Constant, 0.1f, 50, 100) == 0.1f);
    CHECK(scheduled_lr(Schedule::Cosine, 0.1f, 0, 100) == doctest::Approx(0.1));
    CHECK(scheduled_lr(Schedule::Cosine, 0.1f, 50, 100) == doctest::Approx(0.05));
    CHECK(scheduled_lr(Schedule::Cosine, 0.1f, 100, 100) == doctest::Approx(0.0));
    CHECK(scheduled_lr(Schedule::Cosine, 0.1f, 25, 100) > scheduled_lr(Schedule::Cosine, 0.1f, 75, 100));
}
