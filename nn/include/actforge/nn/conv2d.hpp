#pragma once
// 2-D convolution (cross-correlation, as torch.nn.Conv2d) over image rows.
//
// Layout: a batch is the usual row-major Matrix, one image a row, and a row
// is channel-major (C x H x W flattened, x fastest), as Fashion-MNIST rows
// are. A conv output row is again channel-major, so layers chain and a Dense
// layer reads a feature map directly: flattening is the identity.
//
// Per example: im2col copies the image's patches into a (C*k*k) x (OH*OW)
// buffer, and one GEMM with the (out_channels x C*k*k) weights writes the
// example's (out_channels x OH*OW) output block, which is exactly its
// channel-major output row. Backward recomputes the patches per example
// (cheaper than keeping a whole batch of them, and the buffer stays in
// cache):
//   dW      += grad_out_n * col_n^T
//   db      += row sums of grad_out_n
//   grad_in_n = col2im(W^T * grad_out_n)      (skipped when grad_in is null)
// Both buffers are sized in the constructor, so nothing is allocated per
// batch beyond the output Matrix (which Eigen resizes only when the batch
// size changes).
#include "actforge/core/rng.hpp"
#include "actforge/nn/init.hpp"
#include "actforge/nn/layer.hpp"

#include <cstddef>

namespace actforge::nn {

struct ImageShape {
    std::size_t channels = 0;
    std::size_t height = 0;
    std::size_t width = 0;

    [[nodiscard]] constexpr std::size_t size() const noexcept { return channels * height * width; }
    [[nodiscard]] constexpr std::size_t plane() const noexcept { return height * width; }
    friend constexpr bool operator==(const ImageShape&, const ImageShape&) = default;
};

// Number of window positions along one axis: (extent + 2 padding - kernel)
// / stride + 1, as torch computes it (floor). Throws actforge::Error when
// the window does not fit or kernel or stride is zero.
[[nodiscard]] std::size_t window_positions(std::size_t extent, std::size_t kernel, std::size_t stride,
                                           std::size_t padding);

// A sliding k x k window over an input image, zero-padded by `padding` on
// every side; `out` has the input's channels and the window positions.
struct ConvGeometry {
    ImageShape in;
    ImageShape out; // in.channels x window positions down x across
    std::size_t kernel = 1;
    std::size_t stride = 1;
    std::size_t padding = 0;

    ConvGeometry() = default;
    ConvGeometry(ImageShape input, std::size_t kernel, std::size_t stride, std::size_t padding);
    // Rows of the patch matrix: one per (channel, ky, kx), in that order.
    [[nodiscard]] std::size_t patch_size() const noexcept { return in.channels * kernel * kernel; }
};

// col (patch_size x out.plane(), row-major): col[(c,ky,kx)][(oy,ox)] =
// image[c][oy*stride - padding + ky][ox*stride - padding + kx], 0 outside.
void im2col(const float* image, const ConvGeometry& g, float* col);
// The adjoint of im2col: overwrites image (in.size() floats) with the sum,
// over every patch entry that reads a pixel, of that entry of col.
void col2im(const float* col, const ConvGeometry& g, float* image);

class Conv2d final : public Layer {
public:
    // Weights uniform from init with fan_in = C*k*k and fan_out =
    // out_channels*k*k (torch's convention); bias zero. Throws
    // actforge::Error on zero sizes or a kernel that does not fit.
    Conv2d(ImageShape in, std::size_t out_channels, std::size_t kernel, std::size_t stride, std::size_t padding,
           Init init, Rng& rng);

    void forward(const Matrix& in, Matrix& out) override;
    void backward(const Matrix& in, const Matrix& out, const Matrix& grad_out, Matrix* grad_in) override;
    std::vector<ParamRef> parameters() override;
    void zero_grad() override;
    [[nodiscard]] std::size_t output_size(std::size_t input_size) const override;

    [[nodiscard]] ImageShape input_shape() const noexcept { return geometry_.in; }
    [[nodiscard]] ImageShape output_shape() const noexcept { return out_; }
    [[nodiscard]] const ConvGeometry& geometry() const noexcept { return geometry_; }
    // weights()(o, (c*k + ky)*k + kx) is the tap of output channel o at
    // input channel c, kernel offset (ky, kx).
    [[nodiscard]] Matrix& weights() noexcept { return weights_; }
    [[nodiscard]] Vector& bias() noexcept { return bias_; }
    [[nodiscard]] const Matrix& weights_grad() const noexcept { return weights_grad_; }
    [[nodiscard]] const Vector& bias_grad() const noexcept { return bias_grad_; }

private:
    void check_width(Eigen::Index cols) const;

    ConvGeometry geometry_;
    ImageShape out_;      // out_channels x geometry_.out.height x geometry_.out.width
    Matrix weights_;      // out_channels x patch_size
    Vector bias_;         // out_channels
    Matrix weights_grad_; // same shapes
    Vector bias_grad_;
    Matrix col_;  // patch_size x out plane: one example's patches
    Matrix dcol_; // same shape: d loss / d col_
};

} // namespace actforge::nn
