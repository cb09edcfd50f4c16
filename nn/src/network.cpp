#include "actforge/nn/network.hpp"

#include "actforge/core/error.hpp"

#include <fmt/format.h>

namespace actforge::nn {

Layer& Network::add(std::unique_ptr<Layer> layer) {
    if (!layer) throw Error("network: null layer");
    widths_.push_back(layer->output_size(output_size()));
    layers_.push_back(std::move(layer));
    outputs_.emplace_back();
    grads_.emplace_back();
    return *layers_.back();
}

ActivationLayer& Network::add(std::unique_ptr<ActivationLayer> layer) {
    ActivationLayer* raw = layer.get();
    add(std::unique_ptr<Layer>(std::move(layer)));
    activations_.push_back(raw);
    return *raw;
}

RecurrentLayer& Network::add(std::unique_ptr<RecurrentLayer> layer) {
    RecurrentLayer* raw = layer.get();
    add(std::unique_ptr<Layer>(std::move(layer)));
    if (ActivationLayer* phi = raw->candidate_activation(); phi != nullptr) activations_.push_back(phi);
    return *raw;
}

void add_activation(Network& net, const ActivationSpec& spec, std::size_t width, std::size_t unit_size,
                    ParamSharing sharing) {
    if (spec.make_layer) {
        net.add(spec.make_layer(width, unit_size, sharing));
    } else {
        net.add(std::make_unique<ActivationLayer>(spec.program, spec.initial_params, sharing, width, spec.names,
                                                  unit_size));
    }
}

const Matrix& Network::forward(const Matrix& in) {
    if (layers_.empty()) throw Error("network has no layers");
    if (static_cast<std::size_t>(in.cols()) != input_size_) {
        throw Error(fmt::format("network takes {} input feature(s), got {}", input_size_, in.cols()));
    }
    input_ = &in;
    const Matrix* x = &in;
    for (std::size_t i = 0; i < layers_.size(); ++i) {
        layers_[i]->forward(*x, outputs_[i]);
        x = &outputs_[i];
    }
    return outputs_.back();
}

void Network::backward(const Matrix& grad_logits) {
    if (input_ == nullptr) throw Error("network backward before forward");
    const Matrix& logits = outputs_.back();
    if (grad_logits.rows() != logits.rows() || grad_logits.cols() != logits.cols()) {
        throw Error(fmt::format("gradient of shape {}x{} for logits of shape {}x{}", grad_logits.rows(),
                                grad_logits.cols(), logits.rows(), logits.cols()));
    }
    for (std::size_t i = layers_.size(); i-- > 0;) {
        const Matrix& in = i == 0 ? *input_ : outputs_[i - 1];
        const Matrix& grad_out = i + 1 == layers_.size() ? grad_logits : grads_[i];
        Matrix* grad_in = i == 0 ? nullptr : &grads_[i - 1];
        layers_[i]->backward(in, outputs_[i], grad_out, grad_in);
    }
}

std::vector<ParamRef> Network::parameters() {
    std::vector<ParamRef> all;
    for (std::size_t i = 0; i < layers_.size(); ++i) {
        for (ParamRef& p : layers_[i]->parameters()) {
            p.name = fmt::format("{}.{}", i, p.name);
            all.push_back(std::move(p));
        }
    }
    return all;
}

void Network::zero_grad() {
    for (auto& l : layers_) l->zero_grad();
}

void Network::set_training(bool training) {
    for (auto& l : layers_) l->set_training(training);
}

bool Network::saw_non_finite() const {
    for (const auto& l : layers_) {
        if (l->saw_non_finite()) return true;
    }
    return false;
}

void Network::clear_non_finite() {
    for (auto& l : layers_) l->clear_non_finite();
}

std::size_t Network::num_parameters() {
    std::size_t n = 0;
    for (const ParamRef& p : parameters()) n += p.size;
    return n;
}

} // namespace actforge::nn
