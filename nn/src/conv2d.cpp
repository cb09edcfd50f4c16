#include "actforge/nn/conv2d.hpp"

#include "actforge/core/error.hpp"

#include <fmt/format.h>

namespace actforge::nn {

namespace {


} // namespace

Conv2d::Conv2d(ImageShape in, std::size_t out_channels, std::size_t kernel, std::size_t stride, std::size_t padding,
               Init init, Rng& rng) {
    if (out_channels == 0) throw Error("conv layer needs at least one output channel");
    geometry_ = ConvGeometry(in, kernel, stride, padding);
    out_ = {out_channels, geometry_.out.height, geometry_.out.width};
    const std::size_t patch = geometry_.patch_size();
    weights_.resize(eigen_index(out_channels), eigen_index(patch));
    // fan_in = C*k*k, not the matrix's row count as initialize() assumes.
    const double limit = init_limit(init, patch, out_channels * kernel * kernel);
    for (Eigen::Index i = 0; i < weights_.size(); ++i) {
        weights_.data()[i] = static_cast<float>(rng.uniform(-limit, limit));
    }
    bias_ = Vector::Zero(eigen_index(out_channels));
    if (const double b = bias_limit(init, patch); b > 0) {
        for (Eigen::Index j = 0; j < bias_.size(); ++j) bias_[j] = static_cast<float>(rng.uniform(-b, b));
    }
    weights_grad_ = Matrix::Zero(weights_.rows(), weights_.cols());
    bias_grad_ = Vector::Zero(bias_.size());
    col_.resize(eigen_index(patch), eigen_index(out_.plane()));
    dcol_.resize(col_.rows(), col_.cols());
}

void Conv2d::check_width(Eigen::Index cols) const {
    if (cols != eigen_index(geometry_.in.size())) {
        throw Error(fmt::format("conv layer takes {}x{}x{} = {} input(s), got {}", geometry_.in.channels,
                                geometry_.in.height, geometry_.in.width, geometry_.in.size(), cols));
    }
}

void Conv2d::forward(const Matrix& in, Matrix& out) {
    check_width(in.cols());
    out.resize(in.rows(), eigen_index(out_.size()));
    for (Eigen::Index n = 0; n < in.rows(); ++n) {
        im2col(in.row(n).data(), geometry_, col_.data());
        // The example's output row, viewed as out_channels x plane.
        Eigen::Map<Matrix> y(out.row(n).data(), weights_.rows(), col_.cols());
        y.noalias() = weights_ * col_;
        y.colwise() += bias_;
    }
}

void Conv2d::backward(const Matrix& in, const Matrix& /*out*/, const Matrix& grad_out, Matrix* grad_in) {
    check_width(in.cols());
    if (grad_out.rows() != in.rows() || grad_out.cols() != eigen_index(out_.size())) {
        throw Error(fmt::format("conv backward: gradient of shape {}x{} for output of shape {}x{}", grad_out.rows(),
                                grad_out.cols(), in.rows(), out_.size()));
    }
    weights_grad_.setZero();
    bias_grad_.setZero();
    if (grad_in != nullptr) grad_in->resize(in.rows(), in.cols());
    for (Eigen::Index n = 0; n < in.rows(); ++n) {
        const Eigen::Map<const Matrix> g(grad_out.row(n).data(), weights_.rows(), col_.cols());
        im2col(in.row(n).data(), geometry_, col_.data());
        weights_grad_.noalias() += g * col_.transpose();
        bias_grad_.noalias() += g.rowwise().sum();
        if (grad_in != nullptr) {
            dcol_.noalias() = weights_.transpose() * g;
            col2im(dcol_.data(), geometry_, grad_in->row(n).data());
        }
    }
}

std::vector<ParamRef> Conv2d::parameters() {
    return {
        {weights_.data(), weights_grad_.data(), static_cast<std::size_t>(weights_.size()), "weight", true},
        {bias_.data(), bias_grad_.data(), static_cast<std::size_t>(bias_.size()), "bias", false},
    };
}

void Conv2d::zero_grad() {
    weights_grad_.setZero();
    bias_grad_.setZero();
}

std::size_t Conv2d::output_size(std::size_t input_size) const {
    check_width(eigen_index(input_size));
    return out_.size();
}

} // namespace actforge::nn
