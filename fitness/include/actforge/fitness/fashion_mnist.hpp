#pragma once
// Fashion-MNIST (Xiao, Rasul & Vollgraf 2017): 28x28 grey images of 10 kinds
// of clothing, 60000 for training and 10000 for test, as shipped by Debian's
// dataset-fashion-mnist package in IDX format, gzip-compressed.
#include "actforge/fitness/dataset.hpp"
#include "actforge/fitness/split.hpp"

#include <array>
#include <cstdint>
#include <filesystem>
#include <string_view>

namespace actforge::fitness {

inline constexpr std::string_view kFashionMnistDefaultDir = "/usr/share/datasets/fashion-mnist";
// Environment variable naming another folder with the same four files
// (compressed "*-ubyte.gz" or uncompressed "*-ubyte").
inline constexpr std::string_view kFashionMnistDirVariable = "ACTFORGE_FASHION_MNIST_DIR";
inline constexpr std::size_t kFashionMnistClasses = 10;
inline constexpr std::size_t kFashionMnistSide = 28; // pixels per image row and column

[[nodiscard]] const std::array<std::string_view, kFashionMnistClasses>& fashion_mnist_class_names();

// The folder the files are read from: $ACTFORGE_FASHION_MNIST_DIR if set and
// non-empty, else the Debian package's folder.
[[nodiscard]] std::filesystem::path fashion_mnist_dir();

// Whether both files of `part` ("train" or "test") are present.
[[nodiscard]] bool fashion_mnist_available(std::string_view part = "test");

// part "train": the 60000 training images; "test": the 10000 test images.
// Features are the 784 pixels scaled to [0, 1]; Dataset::image is 1x28x28.
// A missing file is an Error that says how to install it.
[[nodiscard]] Dataset load_fashion_mnist(std::string_view part);

// The standard protocol: train and validation (a seeded held-out part of
// `validation_count` images) from the 60000 training images, test = the
// official 10000 test images, which the search never sees.
[[nodiscard]] SplitData load_fashion_mnist_splits(std::size_t validation_count, std::uint64_t seed);

} // namespace actforge::fitness
