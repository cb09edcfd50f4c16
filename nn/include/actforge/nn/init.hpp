#pragma once
// Weight initialisers. All are the *uniform* variants, U(-limit, limit):
//   He     (He et al. 2015)       limit = sqrt(6 / fan_in)   for ReLU-like units
//   Xavier (Glorot & Bengio 2010) limit = sqrt(6 / (fan_in + fan_out))
//   LeCun  (LeCun et al. 1998)    limit = sqrt(3 / fan_in)   unit-variance outputs
//   Torch  (PyTorch's default for Linear and Conv2d: kaiming_uniform_ with
//          a = sqrt(5))           limit = sqrt(1 / fan_in), and the biases
//          U(-1/sqrt(fan_in), 1/sqrt(fan_in)) too (bias_limit); the others
//          start biases at zero.
// He, Xavier and LeCun keep the variance of the uniform distribution equal
// to the variance of the normal variant of the same name.
#include "actforge/core/rng.hpp"
#include "actforge/nn/tensor.hpp"

#include <string_view>

namespace actforge::nn {

enum class Init { He, Xavier, LeCun, Torch };

// "he", "xavier", "lecun", "torch".
[[nodiscard]] std::string_view to_string(Init init) noexcept;
// Throws actforge::Error listing the choices.
[[nodiscard]] Init init_from_string(std::string_view name);

[[nodiscard]] float init_limit(Init init, std::size_t fan_in, std::size_t fan_out);
// The biases' limit: 0 (biases start at zero) except for Torch.
[[nodiscard]] float bias_limit(Init init, std::size_t fan_in);

// Fills a (fan_in x fan_out) weight matrix in row-major order from rng.
void initialize(Matrix& weights, Init init, Rng& rng);

} // namespace actforge::nn
