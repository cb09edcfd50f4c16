#include "actforge/fitness/fashion_mnist.hpp"
#include "actforge/fitness/idx_reader.hpp"
#include "fitness_test_util.hpp"

#include <algorithm>
#include <cstdlib>
#include <doctest/doctest.h>
#include <optional>
#include <string>
#include <zlib.h>

using namespace actforge::fitness;
using actforge::fitness::test::contains;
using actforge::fitness::test::error_of;
using actforge::fitness::test::TempDir;

namespace {

// Sets ACTFORGE_FASHION_MNIST_DIR for one scope and restores it after.
class DirOverride {
public:
    explicit DirOverride(const std::string& value) {
        const std::string name(kFashionMnistDirVariable);
        if (const char* old = std::getenv(name.c_str())) old_ = old;
        ::setenv(name.c_str(), value.c_str(), 1);
    }
    DirOverride(const DirOverride&) = delete;
    DirOverride& operator=(const DirOverride&) = delete;
    ~DirOverride() {
        const std::string name(kFashionMnistDirVariable);
        if (old_)
            ::setenv(name.c_str(), old_->c_str(), 1);
        else
            ::unsetenv(name.c_str());
    }

private:
    std::optional<std::string> old_;
};

void write_idx_gz(const std::filesystem::path& path, std::vector<std::uint8_t> bytes) {
    gzFile f = gzopen(path.string().c_str(), "wb");
    REQUIRE(f != nullptr);
    REQUIRE(gzwrite(f, bytes.data(), static_cast<unsigned>(bytes.size())) == static_cast<int>(bytes.size()));
    REQUIRE(gzclose(f) == Z_OK);
}

} // namespace

TEST_CASE("Fashion-MNIST test part: 10000 images of 28x28, 1000 per class") {
    if (!fashion_mnist_available("test")) {
        MESSAGE("Fashion-MNIST not found in " << fashion_mnist_dir().string()
                                              << "; skipped (apt-get install dataset-fashion-mnist)");
        return;
    }
    const Dataset d = load_fashion_mnist("test");
    CHECK(d.name == "fashion-mnist-test");
    REQUIRE(d.size() == 10000);
    REQUIRE(d.num_features() == 784);
    CHECK(d.image == ImageShape{1, 28, 28});
    CHECK(d.num_classes == 10);
    CHECK(d.class_names.front() == "T-shirt/top");
    // std::minmax_element rather than Eigen's minCoeff: GCC 12 warns inside
    // its own AVX-512 headers for the latter.
    const auto [lo, hi] = std::minmax_element(d.features.data(), d.features.data() + d.features.size());
    CHECK(*lo == 0.0f);
    CHECK(*hi == 1.0f);
    const std::vector<std::size_t> counts = DatasetView(d).class_counts();
    CHECK(std::all_of(counts.begin(), counts.end(), [](std::size_t c) { return c == 1000; }));
    CHECK(std::all_of(d.labels.begin(), d.labels.end(), [](std::int32_t l) { return l >= 0 && l <= 9; }));
}

TEST_CASE("Fashion-MNIST splits: validation held out of train, official test set") {
    if (!fashion_mnist_available("train") || !fashion_mnist_available("test")) {
        MESSAGE("Fashion-MNIST not installed; skipped");
        return;
    }
    const SplitData s = load_fashion_mnist_splits(5000, 7);
    CHECK(s.splits.train.size() == 55000);
    CHECK(s.splits.validation.size() == 5000);
    CHECK(s.splits.test.size() == 10000);
    CHECK(&s.splits.train.dataset() == s.data.get());
    CHECK(&s.splits.validation.dataset() == s.data.get());
    CHECK(&s.splits.test.dataset() == s.test_data.get());
    CHECK(s.data->size() == 60000);
    std::vector<char> used(60000, 0);
    for (const auto r : s.splits.train.rows()) ++used[r];
    for (const auto r : s.splits.validation.rows()) ++used[r];
    CHECK(std::all_of(used.begin(), used.end(), [](char u) { return u == 1; }));
}

TEST_CASE("ACTFORGE_FASHION_MNIST_DIR redirects the loader") {
    TempDir dir("fashion-override");
    SUBCASE("a folder without the files: the error says how to install them") {
        DirOverride env(dir.path().string());
        CHECK_FALSE(fashion_mnist_available("test"));
        const std::string msg = error_of([] { (void)load_fashion_mnist("test"); });
        CHECK(contains(msg, "apt-get install dataset-fashion-mnist"));
        CHECK(contains(msg, dir.path().string()));
        CHECK(contains(msg, "t10k-images-idx3-ubyte.gz"));
    }
    SUBCASE("a folder with small files in the same format") {
        // Two 1x2 "images" with labels 9 and 3.
        write_idx_gz(dir / "t10k-images-idx3-ubyte.gz",
                     {0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 2, 0, 51, 255, 0});
        write_idx_gz(dir / "t10k-labels-idx1-ubyte.gz", {0, 0, 8, 1, 0, 0, 0, 2, 9, 3});
        DirOverride env(dir.path().string());
        CHECK(fashion_mnist_dir() == dir.path());
        const Dataset d = load_fashion_mnist("test");
        REQUIRE(d.size() == 2);
        CHECK(d.labels == std::vector<std::int32_t>{9, 3});
        CHECK(d.features(0, 1) == doctest::Approx(0.2));
        CHECK(d.class_names[9] == "Ankle boot");
    }
}

TEST_CASE("an unknown Fashion-MNIST part is an error") {
    CHECK(contains(error_of([] { (void)load_fashion_mnist("validation"); }), "use 'train' or 'test'"));
}
