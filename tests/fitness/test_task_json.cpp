// A task's description in a campaign folder: it round-trips, and a CNN
// task from before per-channel parameters is refused rather than silently
// trained differently.
#include "actforge/core/error.hpp"
#include "actforge/fitness/task_json.hpp"

#include <doctest/doctest.h>

using namespace actforge;
using namespace actforge::fitness;

TEST_CASE("a task description round-trips") {
    TaskSpec spec = task_preset("fashion-mnist-cnn");
    spec.sharing = nn::ParamSharing::PerNeuron;
    spec.hidden = {32, 16};
    spec.training.lr = 3e-3f;
    const TaskSpec back = task_spec_from_json(task_spec_to_json(spec));
    CHECK(back.conv_channels == spec.conv_channels);
    CHECK(back.hidden == spec.hidden);
    CHECK(back.sharing == spec.sharing);
    CHECK(back.training.lr == spec.training.lr);
    CHECK(task_spec_to_json(back) == task_spec_to_json(spec));
}

TEST_CASE("per-neuron conv parameters of earlier versions (per pixel) are refused") {
    TaskSpec spec = task_preset("fashion-mnist-cnn");
    spec.sharing = nn::ParamSharing::PerNeuron;
    nlohmann::json old = task_spec_to_json(spec);
    old.erase("conv_param_unit");
    CHECK_THROWS_WITH_AS((void)task_spec_from_json(old), doctest::Contains("one per channel"), Error);
    // Per-layer parameters and MLPs mean the same as before.
    spec.sharing = nn::ParamSharing::PerLayer;
    nlohmann::json per_layer = task_spec_to_json(spec);
    per_layer.erase("conv_param_unit");
    CHECK_NOTHROW((void)task_spec_from_json(per_layer));
    TaskSpec mlp = task_preset("fashion-mnist");
    mlp.sharing = nn::ParamSharing::PerNeuron;
    nlohmann::json old_mlp = task_spec_to_json(mlp);
    old_mlp.erase("conv_param_unit");
    CHECK_NOTHROW((void)task_spec_from_json(old_mlp));
}
