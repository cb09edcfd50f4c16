#include "actforge/fitness/teacher.hpp"

#include "actforge/core/error.hpp"
#include "actforge/core/rng.hpp"
#include "actforge/expr/parser.hpp"
#include "actforge/expr/program.hpp"

#include <cmath>
#include <fmt/format.h>
#include <limits>
#include <string>

namespace actforge::fitness {
namespace {

using MatrixD = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// A column whose spread is below this is constant: float rounding, not signal.
constexpr double kMinSpread = 1e-9;

void check_shape(const TeacherShape& shape) {
    if (shape.inputs == 0 || shape.hidden.empty() || shape.classes < 2 || shape.examples < shape.classes) {
        throw Error(fmt::format("teacher: needs inputs, a hidden layer, at least 2 classes and as many examples "
                                "(got {} inputs, {} layers, {} classes, {} examples)",
                                shape.inputs, shape.hidden.size(), shape.classes, shape.examples));
    }
    if (shape.examples > std::numeric_limits<std::uint32_t>::max()) {
        throw Error(fmt::format("teacher: {} examples is more than a dataset can index", shape.examples));
    }
}

// Inputs of example i from Rng(seed).child(0).child(i).
MatrixD gaussian_inputs(const TeacherShape& shape, std::uint64_t seed) {
    MatrixD x(static_cast<Eigen::Index>(shape.examples), static_cast<Eigen::Index>(shape.inputs));
    const Rng root = Rng(seed).child(0);
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
        Rng rng = root.child(static_cast<std::uint64_t>(i));
        for (Eigen::Index j = 0; j < x.cols(); ++j) x(i, j) = rng.normal();
    }
    return x;
}

// `in` times a Gaussian weight matrix, then each column standardised over
// the rows to spread `spread` around offset(rng): the layer's scale then
// does not depend on the function that produced `in`.
template <typename Offset>
MatrixD standardised_layer(const MatrixD& in, std::size_t width, double spread, Rng& rng, Offset offset) {
    MatrixD w(in.cols(), static_cast<Eigen::Index>(width));
    for (Eigen::Index i = 0; i < w.size(); ++i) w.data()[i] = rng.normal();
    MatrixD z = in * w;
    for (Eigen::Index j = 0; j < z.cols(); ++j) {
        const double mean = z.col(j).mean();
        const double sd = std::sqrt((z.col(j).array() - mean).square().mean());
        if (!(sd > kMinSpread)) {
            throw Error("the formula is constant on the teacher's pre-activations, so it cannot label data");
        }
        z.col(j) = ((z.col(j).array() - mean) * (spread / sd) + offset(rng)).matrix();
    }
    return z;
}

// The activation applied element-wise (in double, with the tree's
// parameters at their initial values).
MatrixD activate(const expr::Program& program, const expr::Tree& tree, const MatrixD& z) {
    std::vector<double> values;
    for (const expr::Parameter& p : tree.parameters) values.push_back(p.value);
    std::vector<expr::ParamBinding<double>> bindings;
    for (const double& v : values) bindings.push_back({&v, 1, 1});
    expr::Scratch<double> scratch;
    MatrixD out(z.rows(), z.cols());
    const std::span<const double> x(z.data(), static_cast<std::size_t>(z.size()));
    if (!program.evaluate<double>(x, bindings, out.data(), scratch)) {
        throw Error("the formula is not finite on the teacher's pre-activations (mostly within -4 to 4, a few to +-8)");
    }
    return out;
}

std::vector<std::int32_t> argmax_labels(const MatrixD& logits) {
    std::vector<std::int32_t> labels(static_cast<std::size_t>(logits.rows()));
    for (Eigen::Index i = 0; i < logits.rows(); ++i) {
        Eigen::Index best = 0;
        logits.row(i).maxCoeff(&best);
        labels[static_cast<std::size_t>(i)] = static_cast<std::int32_t>(best);
    }
    return labels;
}

} // namespace

Dataset teacher_dataset(const expr::Tree& activation, const TeacherShape& shape, std::uint64_t seed) {
    check_shape(shape);
    const expr::Program program(activation);
    const MatrixD x = gaussian_inputs(shape, seed);
    Rng rng = Rng(seed).child(1);
    const double max_offset = shape.max_offset;
    MatrixD h = x;
    for (std::size_t width : shape.hidden) {
        const MatrixD z = standardised_layer(h, width, shape.preactivation_std, rng,
                                             [max_offset](Rng& r) { return r.uniform(-max_offset, max_offset); });
        h = activate(program, activation, z);
    }
    // Centred, unit-spread logits: no class wins by the scale of its column.
    const MatrixD logits = standardised_layer(h, shape.classes, 1.0, rng, [](Rng&) { return 0.0; });
    Dataset d;
    d.name = "teacher";
    d.features = x.cast<float>();
    d.labels = argmax_labels(logits);
    d.num_classes = shape.classes;
    d.validate();
    return d;
}

std::optional<std::string_view> teacher_formula(std::string_view dataset) {
    if (!dataset.starts_with(kTeacherPrefix)) return std::nullopt;
    return dataset.substr(kTeacherPrefix.size());
}

expr::Tree parse_teacher_formula(std::string_view dataset) {
    const std::optional<std::string_view> formula = teacher_formula(dataset);
    if (!formula) throw Error(fmt::format("'{}' is not a teacher:FORMULA task", dataset));
    try {
        return expr::parse(*formula);
    } catch (const ParseError& e) {
        // The message is "column N: reason"; the reason is kept, the column
        // moved past the prefix so it points into what the user typed.
        const std::string what = e.what();
        const std::size_t colon = what.find(": ");
        throw ParseError(e.column() + kTeacherPrefix.size(),
                         colon == std::string::npos ? what : what.substr(colon + 2));
    }
}

Dataset teacher_task_data(std::string_view dataset, std::uint64_t seed) {
    const expr::Tree formula = parse_teacher_formula(dataset);
    try {
        return teacher_dataset(formula, TeacherShape{}, seed);
    } catch (const Error& e) {
        throw Error(fmt::format("{}: {}", dataset, e.what()));
    }
}

TaskSpec teacher_preset(std::string_view dataset) {
    (void)parse_teacher_formula(dataset);
    TaskSpec s;
    s.dataset = std::string(dataset);
    s.train_size = 0;
    s.val_size = 0;
    s.hidden = TeacherShape{}.hidden;
    s.training.epochs = 30;
    s.training.batch_size = 32;
    s.training.lr = 5e-3f;
    return s;
}

} // namespace actforge::fitness
