// Max and average pooling against their definitions and central differences.
#include "actforge/core/error.hpp"
#include "actforge/nn/dense.hpp"
#include "actforge/nn/loss.hpp"
#include "actforge/nn/trainer.hpp"
#include "conv_test_util.hpp"
#include "gradcheck.hpp"

#include <doctest/doctest.h>
#include <limits>

using namespace actforge;
using namespace actforge::nn;
using namespace actforge::nn::test;

TEST_CASE("max and average pooling match naive code and central differences") {
    struct Case {
        ImageShape in;
        std::size_t kernel, stride;
    };
    for (const Case& c : {Case{{2, 6, 6}, 2, 2}, Case{{3, 7, 5}, 3, 2}, Case{{1, 5, 5}, 2, 1}}) {
        for (const bool max : {true, false}) {
            CAPTURE(max);
            CAPTURE(c.kernel);
            CAPTURE(c.stride);
            Rng rng(21);
            std::unique_ptr<Layer> pool;
            if (max)
                pool = std::make_unique<MaxPool2d>(c.in, c.kernel, c.stride);
            else
                pool = std::make_unique<AvgPool2d>(c.in, c.kernel, c.stride);
            Matrix in = distinct_matrix(3, Eigen::Index(c.in.size()), rng);
            Matrix out;
            pool->forward(in, out);
            CHECK(out.isApprox(naive_pool(in, c.in, long(c.kernel), long(c.stride), max)));
            const Matrix r = random_matrix(out.rows(), out.cols(), rng);
            Matrix grad_in;
            pool->backward(in, out, r, &grad_in);
            check_gradient(in.data(), grad_in.data(), in.size(), [&] {
                pool->forward(in, out);
                return weighted_sum(out, r);
            });
        }
    }
    MaxPool2d pool({1, 2, 2}, 2);
    Matrix in(1, 4);
    in << 1.0f, std::numeric_limits<float>::quiet_NaN(), 3.0f, 2.0f;
    Matrix out;
    pool.forward(in, out);
    CHECK(std::isnan(out(0, 0)));
}
