#include "actforge/core/error.hpp"
#include "actforge/nn/loss.hpp"
#include "gradcheck.hpp"

#include <cmath>
#include <doctest/doctest.h>

using namespace actforge;
using namespace actforge::nn;
using namespace actforge::nn::test;

TEST_CASE("softmax cross-entropy values, including extreme logits") {
    Matrix logits(3, 3);
    logits << 0, 0, 0, 1000, 0, -1000, -1000, 0, 1000;
    const std::vector<std::int32_t> labels{1, 0, 0};
    // Row 0: log 3. Row 1: ~0. Row 2: 2000 (exp(-2000) would underflow naively).
    CHECK(SoftmaxCrossEntropy::loss(logits, labels) == doctest::Approx((std::log(3.0) + 0.0 + 2000.0) / 3.0));
    Matrix grad;
    const float l = SoftmaxCrossEntropy::loss_and_grad(logits, labels, grad);
    CHECK(std::isfinite(l));
    CHECK(grad.allFinite());
    CHECK(grad(0, 1) == doctest::Approx((1.0 / 3.0 - 1.0) / 3.0));
    CHECK(grad(2, 0) == doctest::Approx(-1.0 / 3.0));
    CHECK(grad(2, 2) == doctest::Approx(1.0 / 3.0));
    for (Eigen::Index r = 0; r < 3; ++r) CHECK(grad.row(r).sum() == doctest::Approx(0.0).epsilon(1e-6));
}

TEST_CASE("softmax cross-entropy gradient matches central differences") {
    Rng rng(21);
    Matrix logits = random_matrix(6, 5, rng, 2.0);
    const std::vector<std::int32_t> labels{0, 4, 2, 2, 1, 3};
    Matrix grad;
    SoftmaxCrossEntropy::loss_and_grad(logits, labels, grad);
    std::vector<double> fd;
    std::vector<double> an;
    for (Eigen::Index i = 0; i < logits.size(); ++i) {
        auto loss = [&] { return static_cast<double>(SoftmaxCrossEntropy::loss(logits, labels)); };
        fd.push_back(central_difference(logits.data()[i], 1e-2f, loss));
        an.push_back(grad.data()[i]);
    }
    CHECK(relative_error(an, fd) < 1e-3);
    CHECK(worst_element(an, fd, 1e-4, 1e-2) <= 1.0);
}

TEST_CASE("softmax cross-entropy reads only labelled rows") {
    Rng rng(2);
    Matrix logits = random_matrix(4, 3, rng);
    const std::vector<std::int32_t> labels{2, 0};
    const float before = SoftmaxCrossEntropy::loss(logits, labels);
    logits.bottomRows(2).setConstant(std::nanf(""));
    CHECK(SoftmaxCrossEntropy::loss(logits, labels) == before);
    Matrix grad;
    CHECK(SoftmaxCrossEntropy::loss_and_grad(logits, labels, grad) == before);
    CHECK(grad.bottomRows(2).isZero());
    CHECK(count_correct(logits, labels) <= 2);

    const std::vector<std::int32_t> bad{3};
    CHECK_THROWS_AS((void)SoftmaxCrossEntropy::loss(logits, bad), Error);
    const std::vector<std::int32_t> too_many(5, 0);
    CHECK_THROWS_AS((void)SoftmaxCrossEntropy::loss(logits, too_many), Error);
}

TEST_CASE("count_correct counts argmax hits") {
    Matrix logits(3, 2);
    logits << 1, 2, 3, -1, 0, 5;
    const std::vector<std::int32_t> labels{1, 0, 0};
    CHECK(count_correct(logits, labels) == 2);
}

TEST_CASE("mean squared error value and gradient") {
    Matrix pred(1, 2);
    pred << 1, 2;
    const Matrix zero = Matrix::Zero(1, 2);
    CHECK(MeanSquaredError::loss(pred, zero) == doctest::Approx(2.5)); // (1 + 4) / 2, as torch

    Rng rng(8);
    Matrix p = random_matrix(4, 3, rng);
    const Matrix t = random_matrix(4, 3, rng);
    Matrix grad;
    MeanSquaredError::loss_and_grad(p, t, grad);
    std::vector<double> fd;
    std::vector<double> an;
    for (Eigen::Index i = 0; i < p.size(); ++i) {
        auto loss = [&] { return static_cast<double>(MeanSquaredError::loss(p, t)); };
        fd.push_back(central_difference(p.data()[i], 1e-2f, loss));
        an.push_back(grad.data()[i]);
    }
    CHECK(relative_error(an, fd) < 1e-3);
    CHECK_THROWS_AS((void)MeanSquaredError::loss(p, pred), Error);
}
