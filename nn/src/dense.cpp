#include "actforge/nn/dense.hpp"

#include "actforge/core/error.hpp"

#include <fmt/format.h>

namespace actforge::nn {

Dense::Dense(std::size_t in, std::size_t out, Init init, Rng& rng) {
    if (in == 0 || out == 0) throw Error(fmt::format("dense layer needs positive sizes, got {} x {}", in, out));
    const auto rows = static_cast<Eigen::Index>(in);
    const auto cols = static_cast<Eigen::Index>(out);
    weights_.resize(rows, cols);
    initialize(weights_, init, rng);
    bias_ = RowVector::Zero(cols);
    if (const double b = bias_limit(init, in); b > 0) {
        for (Eigen::Index j = 0; j < cols; ++j) bias_[j] = static_cast<float>(rng.uniform(-b, b));
    }
    weights_grad_ = Matrix::Zero(rows, cols);
    bias_grad_ = RowVector::Zero(cols);
}

void Dense::forward(const Matrix& in, Matrix& out) {
    if (in.cols() != weights_.rows()) {
        throw Error(fmt::format("dense layer takes {} input(s), got {}", in_size(), in.cols()));
    }
    out.resize(in.rows(), weights_.cols());
    out.noalias() = in * weights_;
    out.rowwise() += bias_;
}

void Dense::backward(const Matrix& in, const Matrix& /*out*/, const Matrix& grad_out, Matrix* grad_in) {
    weights_grad_.noalias() = in.transpose() * grad_out;
    bias_grad_.noalias() = grad_out.colwise().sum();
    if (grad_in != nullptr) {
        grad_in->resize(in.rows(), in.cols());
        grad_in->noalias() = grad_out * weights_.transpose();
    }
}

std::vector<ParamRef> Dense::parameters() {
    return {
        {weights_.data(), weights_grad_.data(), static_cast<std::size_t>(weights_.size()), "weight", true},
        {bias_.data(), bias_grad_.data(), static_cast<std::size_t>(bias_.size()), "bias", false},
    };
}

void Dense::zero_grad() {
    weights_grad_.setZero();
    bias_grad_.setZero();
}

std::size_t Dense::output_size(std::size_t input_size) const {
    if (input_size != in_size()) {
        throw Error(fmt::format("dense layer takes {} input(s), got {}", in_size(), input_size));
    }
    return out_size();
}

} // namespace actforge::nn
