#include "actforge/fitness/fashion_mnist.hpp"

#include "actforge/core/error.hpp"
#include "actforge/fitness/idx_reader.hpp"

#include <cstdlib>
#include <fmt/format.h>
#include <optional>
#include <string>

namespace actforge::fitness {
namespace {

struct PartFiles {
    std::filesystem::path images;
    std::filesystem::path labels;
};

// File name prefix of a part: the IDX distribution calls the test part "t10k".
std::string_view prefix_of(std::string_view part) {
    if (part == "train") return "train";
    if (part == "test") return "t10k";
    throw Error(fmt::format("unknown Fashion-MNIST part '{}'; use 'train' or 'test'", part));
}

// The compressed file if present, else the uncompressed one, else nothing.
std::optional<std::filesystem::path> find_file(const std::filesystem::path& dir, const std::string& stem) {
    std::error_code ec;
    for (const std::string& name : {stem + ".gz", stem}) {
        const std::filesystem::path p = dir / name;
        if (std::filesystem::is_regular_file(p, ec)) return p;
    }
    return std::nullopt;
}

std::optional<PartFiles> find_part(std::string_view part) {
    const std::filesystem::path dir = fashion_mnist_dir();
    const std::string prefix(prefix_of(part));
    auto images = find_file(dir, prefix + "-images-idx3-ubyte");
    auto labels = find_file(dir, prefix + "-labels-idx1-ubyte");
    if (!images || !labels) return std::nullopt;
    return PartFiles{*images, *labels};
}

} // namespace

const std::array<std::string_view, kFashionMnistClasses>& fashion_mnist_class_names() {
    static constexpr std::array<std::string_view, kFashionMnistClasses> names = {
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"};
    return names;
}

std::filesystem::path fashion_mnist_dir() {
    const std::string variable(kFashionMnistDirVariable);
    const char* dir = std::getenv(variable.c_str());
    if (dir != nullptr && *dir != '\0') return dir;
    return std::filesystem::path(kFashionMnistDefaultDir);
}

bool fashion_mnist_available(std::string_view part) { return find_part(part).has_value(); }

Dataset load_fashion_mnist(std::string_view part) {
    const std::string prefix(prefix_of(part));
    const auto files = find_part(part);
    if (!files) {
        const std::filesystem::path dir = fashion_mnist_dir();
        const bool overridden = dir != std::filesystem::path(kFashionMnistDefaultDir);
        throw Error(fmt::format(
            "Fashion-MNIST {} files not found: expected {}/{}-images-idx3-ubyte.gz and {}-labels-idx1-ubyte.gz{}. "
            "Install Debian's package with `apt-get install dataset-fashion-mnist`{}",
            part, dir.string(), prefix, prefix,
            overridden ? fmt::format(" ({} is set)", kFashionMnistDirVariable) : std::string(),
            overridden
                ? fmt::format(" and unset {}, or point it at a folder holding the files", kFashionMnistDirVariable)
                : fmt::format(", or set {} to a folder holding the files", kFashionMnistDirVariable)));
    }
    Dataset d =
        read_idx_dataset(files->images, files->labels, kFashionMnistClasses, "fashion-mnist-" + std::string(part));
    d.class_names.assign(fashion_mnist_class_names().begin(), fashion_mnist_class_names().end());
    return d;
}

SplitData load_fashion_mnist_splits(std::size_t validation_count, std::uint64_t seed) {
    return make_split_data(load_fashion_mnist("train"), validation_count, load_fashion_mnist("test"), seed);
}

} // namespace actforge::fitness
