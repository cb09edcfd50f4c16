#pragma once
// Weight initialisers. All are the *uniform* variants, U(-limit, limit):
//   He     (He et al. 2015)       limit = sqrt(6 / fan_in)   for ReLU-like units
//   Xavier (Glorot & Bengio 2010) limit = sqrt(6 / (fan_in + fan_out))
//   LeCun  (LeCun et al. 1998)    limit = sqrt(3 / fan_in)   unit-variance outputs
// Each keeps the variance of the uniform distribution equal to the variance
// of the normal variant of the same name.
#include "actforge/core/rng.hpp"
#include "actforge/nn/tensor.hpp"

namespace actforge::nn {

enum class Init { He, Xavier, LeCun };

[[nodiscard]] float init_limit(Init init, std::size_t fan_in, std::size_t fan_out);

// Fills a (fan_in x fan_out) weight matrix in row-major order from rng.
void initialize(Matrix& weights, Init init, Rng& rng);

} // namespace actforge::nn
