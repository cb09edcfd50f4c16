#pragma once
// Planted-answer tasks: data labelled by a fixed random "teacher" network
// whose hidden activation is a given formula, so the best activation for a
// student of the same shape is known (`--task teacher:FORMULA`).
//
// The teacher is built so that the activation matters: every hidden unit's
// pre-activation is rescaled over the data to a spread of about
// preactivation_std around a random offset in [-1, 1] (most values within
// +-4, where common functions differ; the tails of 20,000 examples reach
// about +-8), and the output logits are centred and
// scaled per class, so the classes (argmax of the logits) are of similar
// size whatever the formula's range. Labels carry no noise.
//
// The data depend only on (formula, shape, seed): inputs from
// Rng(seed).child(0).child(i) for example i, weights from
// Rng(seed).child(1). The per-unit rescaling uses statistics over all n
// examples, so unlike the other synthetic tasks a task of m < n examples is
// not the first m of a task of n.
#include "actforge/expr/tree.hpp"
#include "actforge/fitness/dataset.hpp"
#include "actforge/fitness/task.hpp"

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace actforge::fitness {

inline constexpr std::string_view kTeacherPrefix = "teacher:";

struct TeacherShape {
    std::size_t inputs = 12;                 // Gaussian N(0, 1) features
    std::vector<std::size_t> hidden{16, 16}; // the teacher's (and the student's) hidden widths
    std::size_t classes = 6;
    std::size_t examples = 20000;
    double preactivation_std = 1.5; // spread of each hidden unit's pre-activation
    double max_offset = 1.0;        // its mean is uniform in [-max_offset, max_offset]
};

// The labelled data. Throws actforge::Error when the formula is not finite
// on the teacher's pre-activations or is constant there (it cannot label).
[[nodiscard]] Dataset teacher_dataset(const expr::Tree& activation, const TeacherShape& shape, std::uint64_t seed);

// The formula of a dataset name "teacher:FORMULA", or nullopt for any other name.
[[nodiscard]] std::optional<std::string_view> teacher_formula(std::string_view dataset);

// The formula parsed; a formula that does not parse throws
// actforge::ParseError whose column counts from the start of `dataset`
// (the text after --task).
[[nodiscard]] expr::Tree parse_teacher_formula(std::string_view dataset);

// The data of the task "teacher:FORMULA" (the default shape); errors name
// the task.
[[nodiscard]] Dataset teacher_task_data(std::string_view dataset, std::uint64_t seed);

// The task preset of "teacher:FORMULA": the student has the teacher's
// hidden widths; a small budget that trains in a fraction of a second.
// Throws actforge::ParseError for a formula that does not parse.
[[nodiscard]] TaskSpec teacher_preset(std::string_view dataset);

} // namespace actforge::fitness
