#include "actforge/nn/activation.hpp"

#include "actforge/core/error.hpp"

#include <fmt/format.h>

namespace actforge::nn {

ActivationLayer::ActivationLayer(std::shared_ptr<const expr::Program> program, std::vector<float> initial_params,
                                 ParamSharing sharing, std::size_t width, std::vector<std::string> names,
                                 std::size_t unit_size)
    : program_(std::move(program)), sharing_(sharing), width_(width), unit_size_(unit_size), names_(std::move(names)) {
    if (!program_) throw Error("activation layer needs a program");
    if (width_ == 0) throw Error("activation layer needs a positive width");
    if (unit_size_ == 0 || width_ % unit_size_ != 0) {
        throw Error(
            fmt::format("activation layer of width {}: units of {} columns do not divide it", width_, unit_size_));
    }
    num_params_ = program_->num_parameters();
    if (initial_params.size() != num_params_) {
        throw Error(fmt::format("activation takes {} parameter(s), {} initial value(s) given", num_params_,
                                initial_params.size()));
    }
    if (!names_.empty() && names_.size() != num_params_) {
        throw Error(fmt::format("activation takes {} parameter(s), {} name(s) given", num_params_, names_.size()));
    }
    const std::size_t p = period();
    theta_.resize(static_cast<Eigen::Index>(num_params_ * p));
    theta_grad_ = Vector::Zero(theta_.size());
    for (std::size_t k = 0; k < num_params_; ++k) std::fill_n(theta_.data() + k * p, p, initial_params[k]);
    // theta_ never reallocates after this point, so the bindings stay valid.
    for (std::size_t k = 0; k < num_params_; ++k) bindings_.push_back({theta_.data() + k * p, p, unit_size_});
    if (sharing_ == ParamSharing::PerNeuron && unit_size_ > 1) column_sums_.resize(static_cast<Eigen::Index>(width_));
}

void ActivationLayer::forward(const Matrix& in, Matrix& out) {
    if (static_cast<std::size_t>(in.cols()) != width_) {
        throw Error(fmt::format("activation layer has width {}, got {}", width_, in.cols()));
    }
    out.resize(in.rows(), in.cols());
    const std::span<const float> x(in.data(), static_cast<std::size_t>(in.size()));
    bool finite = true;
    if (training_) {
        df_.resize(in.rows(), in.cols());
        dtheta_.resize(static_cast<Eigen::Index>(num_params_), in.size());
        expr::Derivatives<float> d;
        d.f = out.data();
        d.df = df_.data();
        d.dtheta = num_params_ > 0 ? dtheta_.data() : nullptr;
        d.dtheta_stride = static_cast<std::size_t>(in.size());
        finite = program_->evaluate<float>(x, bindings_, d, scratch_);
        have_derivatives_ = true;
    } else {
        finite = program_->evaluate<float>(x, bindings_, out.data(), scratch_);
        have_derivatives_ = false;
    }
    non_finite_ = non_finite_ || !finite;
}

void ActivationLayer::backward(const Matrix& in, const Matrix& /*out*/, const Matrix& grad_out, Matrix* grad_in) {
    if (!have_derivatives_ || df_.rows() != grad_out.rows() || df_.cols() != grad_out.cols()) {
        throw Error("activation backward needs a training-mode forward of the same batch");
    }
    if (grad_in != nullptr) {
        grad_in->resize(in.rows(), in.cols());
        grad_in->array() = grad_out.array() * df_.array();
    }
    const Eigen::Index n = grad_out.rows();
    const auto w = static_cast<Eigen::Index>(width_);
    for (std::size_t k = 0; k < num_params_; ++k) {
        const Eigen::Map<const Matrix> dk(dtheta_.data() + k * static_cast<std::size_t>(dtheta_.cols()), n, w);
        if (sharing_ == ParamSharing::PerLayer) {
            theta_grad_[static_cast<Eigen::Index>(k)] = (grad_out.array() * dk.array()).sum();
        } else if (unit_size_ == 1) {
            Eigen::Map<RowVector> g(theta_grad_.data() + k * width_, w);
            g.noalias() = (grad_out.array() * dk.array()).colwise().sum().matrix();
        } else {
            // Per channel: the columns of a unit are one parameter's uses.
            column_sums_.noalias() = (grad_out.array() * dk.array()).colwise().sum().matrix();
            const std::size_t units = width_ / unit_size_;
            const auto u = static_cast<Eigen::Index>(unit_size_);
            for (std::size_t j = 0; j < units; ++j)
                theta_grad_[static_cast<Eigen::Index>(k * units + j)] =
                    column_sums_.segment(static_cast<Eigen::Index>(j) * u, u).sum();
        }
    }
}

std::vector<ParamRef> ActivationLayer::parameters() {
    std::vector<ParamRef> refs;
    const std::size_t p = period();
    for (std::size_t k = 0; k < num_params_; ++k) {
        std::string name = names_.empty() ? fmt::format("theta{}", k) : names_[k];
        refs.push_back({theta_.data() + k * p, theta_grad_.data() + k * p, p, std::move(name), false});
    }
    return refs;
}

void ActivationLayer::zero_grad() { theta_grad_.setZero(); }

std::size_t ActivationLayer::output_size(std::size_t input_size) const {
    if (input_size != width_) throw Error(fmt::format("activation layer has width {}, got {}", width_, input_size));
    return width_;
}

std::vector<float> ActivationLayer::parameter_means() const {
    std::vector<float> means(num_params_);
    const std::size_t p = period();
    for (std::size_t k = 0; k < num_params_; ++k) {
        double sum = 0.0;
        for (std::size_t j = 0; j < p; ++j) sum += theta_.data()[k * p + j];
        means[k] = static_cast<float>(sum / static_cast<double>(p));
    }
    return means;
}

ActivationSpec make_activation(const expr::Tree& tree) {
    ActivationSpec spec;
    spec.program = std::make_shared<const expr::Program>(tree);
    for (const expr::Parameter& p : tree.parameters) {
        spec.initial_params.push_back(p.value);
        spec.names.push_back(p.name);
    }
    return spec;
}

} // namespace actforge::nn
