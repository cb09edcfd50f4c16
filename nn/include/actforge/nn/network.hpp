#pragma once
// A feed-forward network: a sequence of layers with one output buffer and one
// gradient buffer per layer, reused from batch to batch.
//
// Buffers are sized by the first forward() at a batch size; while the batch
// size stays the same nothing is allocated again (the trainer keeps it
// constant). The gradient with respect to the network input is never
// computed: the first layer gets grad_in == nullptr.
#include "actforge/core/rng.hpp"
#include "actforge/nn/activation.hpp"
#include "actforge/nn/init.hpp"
#include "actforge/nn/layer.hpp"
#include "actforge/nn/recurrent.hpp"

#include <memory>
#include <span>
#include <vector>

namespace actforge::nn {

class Network {
public:
    explicit Network(std::size_t input_size = 0) : input_size_(input_size) {}

    // Appends a layer; throws actforge::Error if it does not accept the
    // current output width.
    Layer& add(std::unique_ptr<Layer> layer);
    // The same for an activation layer, which activation_layers() then
    // lists: a network knows its activations by how they were added, never
    // by inspecting layer types.
    ActivationLayer& add(std::unique_ptr<ActivationLayer> layer);
    // The same for a recurrent layer whose φ is a compiled candidate: φ is
    // listed among the activation layers at this point of the network.
    RecurrentLayer& add(std::unique_ptr<RecurrentLayer> layer);

    // Runs every layer; the result stays valid until the next forward().
    // `in` must stay alive and unchanged until backward().
    const Matrix& forward(const Matrix& in);
    // Backpropagates d loss / d logits of the last forward(), filling every
    // parameter gradient.
    void backward(const Matrix& grad_logits);

    // All layers' parameters in layer order, named "<layer index>.<name>".
    [[nodiscard]] std::vector<ParamRef> parameters();
    void zero_grad();
    void set_training(bool training);
    [[nodiscard]] bool saw_non_finite() const;
    void clear_non_finite();

    [[nodiscard]] std::size_t input_size() const noexcept { return input_size_; }
    [[nodiscard]] std::size_t output_size() const noexcept { return widths_.empty() ? input_size_ : widths_.back(); }
    [[nodiscard]] std::size_t num_layers() const noexcept { return layers_.size(); }
    [[nodiscard]] Layer& layer(std::size_t i) { return *layers_.at(i); }
    [[nodiscard]] const Layer& layer(std::size_t i) const { return *layers_.at(i); }
    // The activation layers in network order (input side first).
    [[nodiscard]] std::span<ActivationLayer* const> activation_layers() noexcept { return activations_; }
    [[nodiscard]] std::span<const ActivationLayer* const> activation_layers() const noexcept { return activations_; }
    // Total number of trainable scalars.
    [[nodiscard]] std::size_t num_parameters();

private:
    std::size_t input_size_;
    std::vector<std::unique_ptr<Layer>> layers_;
    std::vector<std::size_t> widths_; // output width of each layer
    std::vector<Matrix> outputs_;     // outputs_[i]: output of layer i
    std::vector<Matrix> grads_;       // grads_[i]: d loss / d outputs_[i], i < last
    const Matrix* input_ = nullptr;
    std::vector<ActivationLayer*> activations_; // those of layers_ added as activations, in order
};

// Appends the activation layer `spec` describes, of `width` columns in
// units of unit_size: spec.make_layer's kind when it has one, else an
// ActivationLayer of its Program, which activation_layers() then lists.
// The network builders (make_mlp, make_cnn, make_rnn) add theirs so.
void add_activation(Network& net, const ActivationSpec& spec, std::size_t width, std::size_t unit_size,
                    ParamSharing sharing);

// Dense -> ActivationLayer for each hidden size, then a Dense output layer
// (logits). `activations` holds one spec per hidden layer, or a single spec
// used by all of them (each layer still learns its own parameters). Dense
// layer i is initialised from rng.child(i) (rng itself does not advance), so
// its weights do not depend on the other layers' sizes. Throws
// actforge::Error on inconsistent arguments.
[[nodiscard]] Network make_mlp(std::size_t input_size, std::span<const std::size_t> hidden_sizes,
                               std::size_t output_size, std::span<const ActivationSpec> activations,
                               ParamSharing sharing, Init init, Rng& rng);

} // namespace actforge::nn
