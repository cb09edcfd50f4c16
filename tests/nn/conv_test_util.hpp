#pragma once
// Reference code for the convolution tests: convolution and pooling by
// their definitions, one-sided differences for kinked functions, and inputs
// without ties.
#include "actforge/expr/parser.hpp"
#include "actforge/nn/cnn.hpp"
#include "actforge/nn/minibatch.hpp"
#include "actforge/nn/pooling.hpp"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <numeric>
#include <vector>

namespace actforge::nn::test {

struct ConvCase {
    ImageShape in;
    std::size_t out_channels, kernel, stride, padding;
};

// Pixel (c, y, x) of image row n, 0 outside the image (zero padding).
inline double pixel(const Matrix& m, Eigen::Index n, ImageShape s, long c, long y, long x) {
    if (y < 0 || x < 0 || y >= long(s.height) || x >= long(s.width)) return 0.0;
    return m(n, (c * long(s.height) + y) * long(s.width) + x);
}

// The six loops of the definition (per example), in double.
inline Matrix naive_conv(const Matrix& x, Conv2d& conv) {
    const ConvGeometry& g = conv.geometry();
    const ImageShape o = conv.output_shape();
    const long k = long(g.kernel), s = long(g.stride), p = long(g.padding);
    Matrix y(x.rows(), Eigen::Index(o.size()));
    for (Eigen::Index n = 0; n < x.rows(); ++n) {
        Eigen::Index j = 0;
        for (long oc = 0; oc < long(o.channels); ++oc) {
            for (long oy = 0; oy < long(o.height); ++oy) {
                for (long ox = 0; ox < long(o.width); ++ox) {
                    double sum = conv.bias()[oc];
                    for (long c = 0; c < long(g.in.channels); ++c) {
                        for (long ky = 0; ky < k; ++ky) {
                            for (long kx = 0; kx < k; ++kx) {
                                sum += double(conv.weights()(oc, (c * k + ky) * k + kx)) *
                                       pixel(x, n, g.in, c, oy * s + ky - p, ox * s + kx - p);
                            }
                        }
                    }
                    y(n, j++) = float(sum);
                }
            }
        }
    }
    return y;
}

// Pooling by its definition: max or mean of each window, channel by channel.
inline Matrix naive_pool(const Matrix& x, ImageShape in, long k, long s, bool max) {
    const long oh = (long(in.height) - k) / s + 1;
    const long ow = (long(in.width) - k) / s + 1;
    Matrix y(x.rows(), Eigen::Index(in.channels) * oh * ow);
    for (Eigen::Index n = 0; n < x.rows(); ++n) {
        Eigen::Index j = 0;
        for (long c = 0; c < long(in.channels); ++c) {
            for (long oy = 0; oy < oh; ++oy) {
                for (long ox = 0; ox < ow; ++ox) {
                    double acc = max ? -1e30 : 0.0;
                    for (long ky = 0; ky < k; ++ky) {
                        for (long kx = 0; kx < k; ++kx) {
                            const double v = pixel(x, n, in, c, oy * s + ky, ox * s + kx);
                            acc = max ? std::max(acc, v) : acc + v / double(k * k);
                        }
                    }
                    y(n, j++) = float(acc);
                }
            }
        }
    }
    return y;
}

// Of the forward and backward differences of loss() in v, the one closer to
// `analytic`.
template <typename Loss> double closer_one_sided(float& v, float h, Loss&& loss, double analytic) {
    const float old = v;
    const double l0 = loss();
    v = old + h;
    const double right = (loss() - l0) / (double(v) - double(old));
    v = old - h;
    const double left = (l0 - loss()) / (double(old) - double(v));
    v = old;
    return std::abs(right - analytic) < std::abs(left - analytic) ? right : left;
}

inline std::vector<ActivationSpec> specs(std::initializer_list<const char*> formulas) {
    std::vector<ActivationSpec> out;
    for (const char* f : formulas) out.push_back(make_activation(expr::parse(f)));
    return out;
}

// Distinct values a unit apart (a shuffled 0..n-1, centred): max pooling has
// no ties, and a step of 0.25 never changes which element wins.
inline Matrix distinct_matrix(Eigen::Index rows, Eigen::Index cols, Rng& rng) {
    std::vector<std::uint32_t> perm(static_cast<std::size_t>(rows * cols));
    std::iota(perm.begin(), perm.end(), 0u);
    shuffle(perm, rng);
    Matrix m(rows, cols);
    for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = float(perm[std::size_t(i)]) - float(m.size()) / 2;
    return m;
}

inline const ConvCase conv_cases[] = {
    {{1, 5, 5}, 2, 3, 1, 0}, {{3, 7, 6}, 4, 3, 1, 1}, {{2, 7, 7}, 3, 3, 2, 0},
    {{3, 8, 5}, 2, 3, 2, 1}, {{2, 6, 6}, 3, 2, 2, 1}, {{2, 3, 1}, 2, 1, 2, 1}, // last: taps reading padding only
};

} // namespace actforge::nn::test
