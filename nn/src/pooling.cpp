#include "actforge/nn/pooling.hpp"

#include "actforge/core/error.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace actforge::nn {

namespace {


// Calls f(o, i0) for every output index o of one image, with i0 the input
// index of the top-left element of o's window.
template <typename F> void for_each_window(const ConvGeometry& g, F&& f) {
    std::size_t o = 0;
    for (std::size_t c = 0; c < g.in.channels; ++c) {
        for (std::size_t oy = 0; oy < g.out.height; ++oy) {
            const std::size_t row = c * g.in.plane() + oy * g.stride * g.in.width;
            for (std::size_t ox = 0; ox < g.out.width; ++ox) f(o++, row + ox * g.stride);
        }
    }
}

} // namespace

Pool2d::Pool2d(const char* name, ImageShape in, std::size_t kernel, std::size_t stride)
    : name_(name), geometry_(in, kernel, stride == 0 ? kernel : stride, 0) {}

void Pool2d::check_input(std::size_t cols) const {
    const ConvGeometry& g = geometry_;
    if (cols != g.in.size()) {
        throw Error(fmt::format("{} takes {}x{}x{} = {} input(s), got {}", name_, g.in.channels, g.in.height,
                                g.in.width, g.in.size(), cols));
    }
}

void Pool2d::check_backward(const Matrix& in, const Matrix& grad_out) const {
    check_input(static_cast<std::size_t>(in.cols()));
    if (grad_out.rows() != in.rows() || grad_out.cols() != eigen_index(geometry_.out.size())) {
        throw Error(fmt::format("{} backward: gradient of shape {}x{} for output of shape {}x{}", name_,
                                grad_out.rows(), grad_out.cols(), in.rows(), geometry_.out.size()));
    }
}

std::size_t Pool2d::output_size(std::size_t input_size) const {
    check_input(input_size);
    return geometry_.out.size();
}

MaxPool2d::MaxPool2d(ImageShape in, std::size_t kernel, std::size_t stride)
    : Pool2d("max pool", in, kernel, stride), row_max_(in.size()), row_arg_(in.size()), window_max_(in.size()),
      window_arg_(in.size()) {}

// Separable: a window's maximum is the maximum over its k rows of each
// row's maximum over k columns. Both passes run over the whole image as one
// flat array: long loops the compiler vectorizes, where rows of 7-28
// outputs would leave it scalar (measured 6x slower). Positions whose
// window straddles a row end are computed too and never read. The strict >
// keeps the earlier element on ties, so the two passes select the first
// maximum in row-major window order, as a window-by-window scan would.
void MaxPool2d::pool_image(const float* x, float* y, std::uint32_t* arg) {
    const ConvGeometry& g = geometry_;
    const std::size_t k = g.kernel;
    const std::size_t w = g.in.width;
    // Every window's top-left index is below nv (k <= height, so nv > 0).
    const std::size_t nh = g.in.size() - (k - 1);
    const std::size_t nv = nh - (k - 1) * w;
    float* const rmax = row_max_.data();
    std::uint32_t* const rarg = row_arg_.data();
    float* const wmax = window_max_.data();
    std::uint32_t* const warg = window_arg_.data();
    // take: bitwise | and selects, not branches, since which element wins
    // is data. A NaN wins, so it propagates as in torch.
    for (std::size_t j = 0; j < nh; ++j) {
        rmax[j] = x[j];
        rarg[j] = static_cast<std::uint32_t>(j);
    }
    for (std::size_t kx = 1; kx < k; ++kx) {
        for (std::size_t j = 0; j < nh; ++j) {
            const float v = x[j + kx];
            const bool take = (v > rmax[j]) | (v != v);
            rmax[j] = take ? v : rmax[j];
            rarg[j] = take ? static_cast<std::uint32_t>(j + kx) : rarg[j];
        }
    }
    std::copy(rmax, rmax + nv, wmax);
    std::copy(rarg, rarg + nv, warg);
    for (std::size_t ky = 1; ky < k; ++ky) {
        for (std::size_t j = 0; j < nv; ++j) {
            const float v = rmax[j + ky * w];
            const bool take = (v > wmax[j]) | (v != v);
            wmax[j] = take ? v : wmax[j];
            warg[j] = take ? rarg[j + ky * w] : warg[j];
        }
    }
    for_each_window(g, [&](std::size_t o, std::size_t i0) {
        y[o] = wmax[i0];
        arg[o] = warg[i0];
    });
}

void MaxPool2d::forward(const Matrix& in, Matrix& out) {
    check_input(static_cast<std::size_t>(in.cols()));
    const std::size_t size = geometry_.out.size();
    out.resize(in.rows(), eigen_index(size));
    const std::size_t needed = static_cast<std::size_t>(in.rows()) * size;
    if (argmax_.size() < needed) argmax_.resize(needed);
    batch_ = in.rows();
    for (Eigen::Index n = 0; n < in.rows(); ++n) {
        pool_image(in.row(n).data(), out.row(n).data(), argmax_.data() + static_cast<std::size_t>(n) * size);
    }
}

void MaxPool2d::backward(const Matrix& in, const Matrix& /*out*/, const Matrix& grad_out, Matrix* grad_in) {
    check_backward(in, grad_out);
    if (batch_ != in.rows()) throw Error("max pool backward needs a forward of the same batch");
    if (grad_in == nullptr) return;
    grad_in->setZero(in.rows(), in.cols());
    const std::size_t size = geometry_.out.size();
    for (Eigen::Index n = 0; n < in.rows(); ++n) {
        const float* g = grad_out.row(n).data();
        float* gi = grad_in->row(n).data();
        const std::uint32_t* arg = argmax_.data() + static_cast<std::size_t>(n) * size;
        for (std::size_t o = 0; o < size; ++o) gi[arg[o]] += g[o];
    }
}

AvgPool2d::AvgPool2d(ImageShape in, std::size_t kernel, std::size_t stride)
    : Pool2d("average pool", in, kernel, stride) {}

void AvgPool2d::forward(const Matrix& in, Matrix& out) {
    check_input(static_cast<std::size_t>(in.cols()));
    out.resize(in.rows(), eigen_index(geometry_.out.size()));
    const std::size_t k = geometry_.kernel;
    const std::size_t w = geometry_.in.width;
    const float scale = 1.0f / static_cast<float>(k * k);
    for (Eigen::Index n = 0; n < in.rows(); ++n) {
        const float* x = in.row(n).data();
        float* y = out.row(n).data();
        for_each_window(geometry_, [&](std::size_t o, std::size_t i0) {
            float sum = 0.0f;
            for (std::size_t ky = 0; ky < k; ++ky) {
                for (std::size_t kx = 0; kx < k; ++kx) sum += x[i0 + ky * w + kx];
            }
            y[o] = sum * scale;
        });
    }
}

void AvgPool2d::backward(const Matrix& in, const Matrix& /*out*/, const Matrix& grad_out, Matrix* grad_in) {
    check_backward(in, grad_out);
    if (grad_in == nullptr) return;
    grad_in->setZero(in.rows(), in.cols());
    const std::size_t k = geometry_.kernel;
    const std::size_t w = geometry_.in.width;
    const float scale = 1.0f / static_cast<float>(k * k);
    for (Eigen::Index n = 0; n < in.rows(); ++n) {
        const float* g = grad_out.row(n).data();
        float* gi = grad_in->row(n).data();
        for_each_window(geometry_, [&](std::size_t o, std::size_t i0) {
            const float share = g[o] * scale;
            for (std::size_t ky = 0; ky < k; ++ky) {
                for (std::size_t kx = 0; kx < k; ++kx) gi[i0 + ky * w + kx] += share;
            }
        });
    }
}

} // namespace actforge::nn
