#pragma once
// Reader of the IDX format, the file format of MNIST and Fashion-MNIST:
//
//   magic   0x00 0x00 <element type> <number of dimensions>
//   dims    one big-endian uint32 per dimension, the first counts items
//   data    the elements, row-major, nothing after them
//
// Only unsigned bytes (type 0x08) are read: images and labels of the MNIST
// family. Files may be plain or gzip-compressed; gzip is recognised by its
// magic bytes 1f 8b, not by the file name. Every problem (missing, truncated
// or oversized file, wrong magic, mismatched counts, labels out of range) is
// an actforge::Error that names the file.
#include "actforge/fitness/dataset.hpp"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace actforge::fitness {

inline constexpr std::uint8_t kIdxUnsignedByte = 0x08;

struct IdxArray {
    std::vector<std::uint32_t> dims;
    std::vector<std::uint8_t> data; // product of dims bytes

    // Number of items (the first dimension).
    [[nodiscard]] std::size_t count() const noexcept { return dims.empty() ? 0 : dims.front(); }
    // Elements per item (the product of the other dimensions).
    [[nodiscard]] std::size_t item_size() const noexcept;
};

[[nodiscard]] IdxArray read_idx(const std::filesystem::path& path);

// An image file (n x d1 x ... , at least 2 dimensions) and its label file
// (n) as a classification dataset: pixels scaled to [0, 1], one image per
// row, labels checked to lie in [0, num_classes). A 3-dimensional image file
// (n x height x width) also sets Dataset::image to 1 x height x width.
[[nodiscard]] Dataset read_idx_dataset(const std::filesystem::path& images, const std::filesystem::path& labels,
                                       std::size_t num_classes, std::string name);

} // namespace actforge::fitness
