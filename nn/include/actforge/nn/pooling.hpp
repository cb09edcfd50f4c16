#pragma once
// Max and average pooling over channel-major image rows (see conv2d.hpp),
// channel by channel, without padding: the output plane has
// window_positions(extent, kernel, stride, 0) positions per axis (floor, as
// torch), so trailing pixels that no window covers are ignored.
//
// Max pooling records, per output element, the index of the input element
// it took (the first maximum of its window; a NaN wins, so it propagates as
// in torch), and backward routes each output gradient there. Average
// pooling spreads each output gradient evenly over its window. Windows may
// overlap (stride < kernel); the input gradient then sums their shares.
// Neither has parameters.
#include "actforge/nn/conv2d.hpp"
#include "actforge/nn/layer.hpp"

#include <cstdint>
#include <vector>

namespace actforge::nn {

// What both poolings share: the window geometry, no parameters, and the
// shape checks (messages name the pooling).
class Pool2d : public Layer {
public:
    std::vector<ParamRef> parameters() override { return {}; }
    void zero_grad() override {}
    [[nodiscard]] std::size_t output_size(std::size_t input_size) const override;

    [[nodiscard]] ImageShape input_shape() const noexcept { return geometry_.in; }
    [[nodiscard]] ImageShape output_shape() const noexcept { return geometry_.out; }

protected:
    // stride 0 means stride = kernel. Throws actforge::Error when the
    // window does not fit.
    Pool2d(const char* name, ImageShape in, std::size_t kernel, std::size_t stride);

    // Throw actforge::Error naming the pooling when `in` (and `grad_out`)
    // do not have this layer's shapes.
    void check_input(std::size_t cols) const;
    void check_backward(const Matrix& in, const Matrix& grad_out) const;

    const char* name_;
    ConvGeometry geometry_;
};

class MaxPool2d final : public Pool2d {
public:
    MaxPool2d(ImageShape in, std::size_t kernel, std::size_t stride = 0);

    void forward(const Matrix& in, Matrix& out) override;
    void backward(const Matrix& in, const Matrix& out, const Matrix& grad_out, Matrix* grad_in) override;

private:
    void pool_image(const float* x, float* y, std::uint32_t* arg);

    // One image's scratch (input size each): maximum and its index over k
    // columns, then over the k x k window, at every top-left position.
    std::vector<float> row_max_;
    std::vector<std::uint32_t> row_arg_;
    std::vector<float> window_max_;
    std::vector<std::uint32_t> window_arg_;
    // batch x output size: index within the input row of each output's
    // source element; resized only when the batch size grows.
    std::vector<std::uint32_t> argmax_;
    Eigen::Index batch_ = 0; // rows of the last forward
};

class AvgPool2d final : public Pool2d {
public:
    AvgPool2d(ImageShape in, std::size_t kernel, std::size_t stride = 0);

    void forward(const Matrix& in, Matrix& out) override;
    void backward(const Matrix& in, const Matrix& out, const Matrix& grad_out, Matrix* grad_in) override;
};

} // namespace actforge::nn
