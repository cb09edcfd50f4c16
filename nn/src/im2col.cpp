// im2col / col2im: the patch matrix of a zero-padded sliding window.
//
// Both walk the patch matrix row by row (one (channel, ky, kx) per row); for
// a fixed kernel offset the output positions whose input pixel lies inside
// the image form one contiguous range per axis, so the padding is handled by
// filling the ends of that range instead of testing every element, and for
// stride 1 the inner loop is a straight copy.
#include "actforge/core/error.hpp"
#include "actforge/nn/conv2d.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace actforge::nn {

std::size_t window_positions(std::size_t extent, std::size_t kernel, std::size_t stride, std::size_t padding) {
    if (kernel == 0 || stride == 0) throw Error("window needs a positive kernel and stride");
    if (extent == 0 || kernel > extent + 2 * padding) {
        throw Error(fmt::format("window of {} does not fit an extent of {} padded by {}", kernel, extent, padding));
    }
    return (extent + 2 * padding - kernel) / stride + 1;
}

ConvGeometry::ConvGeometry(ImageShape input, std::size_t k, std::size_t s, std::size_t p)
    : in(input), kernel(k), stride(s), padding(p) {
    if (in.channels == 0) throw Error("window needs at least one input channel");
    out = {in.channels, window_positions(in.height, k, s, p), window_positions(in.width, k, s, p)};
}

namespace {

// Output positions o in [lo, hi) whose input index o*stride + offset -
// padding lies in [0, extent); lo <= hi <= positions.
struct Range {
    std::size_t lo;
    std::size_t hi;
};

Range valid_range(std::size_t offset, std::size_t extent, std::size_t positions, std::size_t stride,
                  std::size_t padding) {
    const std::size_t lo = offset >= padding ? 0 : (padding - offset + stride - 1) / stride;
    // Largest o with o*stride + offset - padding <= extent - 1.
    const std::size_t hi =
        extent - 1 + padding < offset ? 0 : std::min(positions, (extent - 1 + padding - offset) / stride + 1);
    return {std::min(lo, hi), hi};
}

} // namespace

void im2col(const float* image, const ConvGeometry& g, float* col) {
    const std::size_t ow = g.out.width;
    const std::size_t plane = g.out.plane();
    const std::size_t k = g.kernel;
    const std::size_t s = g.stride;
    for (std::size_t c = 0; c < g.in.channels; ++c) {
        const float* channel = image + c * g.in.plane();
        for (std::size_t ky = 0; ky < k; ++ky) {
            const Range ys = valid_range(ky, g.in.height, g.out.height, s, g.padding);
            for (std::size_t kx = 0; kx < k; ++kx) {
                const Range xs = valid_range(kx, g.in.width, ow, s, g.padding);
                const std::size_t n = xs.hi - xs.lo;
                float* dst = col + ((c * k + ky) * k + kx) * plane;
                if (n == 0) { // this tap reads padding only
                    std::fill(dst, dst + plane, 0.0f);
                    continue;
                }
                std::fill(dst, dst + ys.lo * ow, 0.0f);
                std::fill(dst + ys.hi * ow, dst + plane, 0.0f);
                for (std::size_t oy = ys.lo; oy < ys.hi; ++oy) {
                    // Both indices are >= 0 inside the valid ranges.
                    const float* src = channel + (oy * s + ky - g.padding) * g.in.width + (xs.lo * s + kx - g.padding);
                    float* row = dst + oy * ow;
                    std::fill(row, row + xs.lo, 0.0f);
                    if (s == 1) {
                        std::copy(src, src + n, row + xs.lo);
                    } else {
                        for (std::size_t i = 0; i < n; ++i) row[xs.lo + i] = src[i * s];
                    }
                    std::fill(row + xs.hi, row + ow, 0.0f);
                }
            }
        }
    }
}

void col2im(const float* col, const ConvGeometry& g, float* image) {
    std::fill(image, image + g.in.size(), 0.0f);
    const std::size_t ow = g.out.width;
    const std::size_t plane = g.out.plane();
    const std::size_t k = g.kernel;
    const std::size_t s = g.stride;
    for (std::size_t c = 0; c < g.in.channels; ++c) {
        float* channel = image + c * g.in.plane();
        for (std::size_t ky = 0; ky < k; ++ky) {
            const Range ys = valid_range(ky, g.in.height, g.out.height, s, g.padding);
            for (std::size_t kx = 0; kx < k; ++kx) {
                const Range xs = valid_range(kx, g.in.width, ow, s, g.padding);
                const std::size_t n = xs.hi - xs.lo;
                if (n == 0) continue;
                const float* src = col + ((c * k + ky) * k + kx) * plane;
                // Entries outside the valid ranges read padding: no pixel.
                for (std::size_t oy = ys.lo; oy < ys.hi; ++oy) {
                    float* dst = channel + (oy * s + ky - g.padding) * g.in.width + (xs.lo * s + kx - g.padding);
                    const float* row = src + oy * ow + xs.lo;
                    for (std::size_t i = 0; i < n; ++i) dst[i * s] += row[i];
                }
            }
        }
    }
}

} // namespace actforge::nn
