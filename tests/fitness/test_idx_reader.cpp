#include "actforge/fitness/idx_reader.hpp"
#include "fitness_test_util.hpp"

#include <cstdint>
#include <doctest/doctest.h>
#include <fstream>
#include <iterator>
#include <vector>
#include <zlib.h>

using namespace actforge::fitness;
using actforge::fitness::test::contains;
using actforge::fitness::test::error_of;
using actforge::fitness::test::TempDir;

namespace {

std::vector<std::uint8_t> idx_bytes(const std::vector<std::uint32_t>& dims, const std::vector<std::uint8_t>& data,
                                    std::uint8_t type = kIdxUnsignedByte) {
    std::vector<std::uint8_t> out = {0, 0, type, static_cast<std::uint8_t>(dims.size())};
    for (const std::uint32_t d : dims) {
        for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<std::uint8_t>(d >> shift));
    }
    out.insert(out.end(), data.begin(), data.end());
    return out;
}

void write_plain(const std::filesystem::path& path, const std::vector<std::uint8_t>& bytes) {
    actforge::fitness::test::write_text(path,
                                        std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

void write_gzip(const std::filesystem::path& path, const std::vector<std::uint8_t>& bytes) {
    gzFile f = gzopen(path.string().c_str(), "wb");
    REQUIRE(f != nullptr);
    REQUIRE(gzwrite(f, bytes.data(), static_cast<unsigned>(bytes.size())) == static_cast<int>(bytes.size()));
    REQUIRE(gzclose(f) == Z_OK);
}

const std::vector<std::uint32_t> kDims = {3, 2, 2};
const std::vector<std::uint8_t> kPixels = {0, 255, 128, 1, 2, 3, 4, 5, 250, 251, 252, 253};

} // namespace

TEST_CASE("IDX files round-trip exactly, plain and gzip-compressed") {
    TempDir dir("idx-roundtrip");
    write_plain(dir / "plain-idx3-ubyte", idx_bytes(kDims, kPixels));
    write_gzip(dir / "packed-idx3-ubyte.gz", idx_bytes(kDims, kPixels));
    // Detection is by content, not by name.
    write_gzip(dir / "misnamed", idx_bytes(kDims, kPixels));
    for (const char* name : {"plain-idx3-ubyte", "packed-idx3-ubyte.gz", "misnamed"}) {
        CAPTURE(name);
        const IdxArray a = read_idx(dir / name);
        CHECK(a.dims == kDims);
        CHECK(a.data == kPixels);
        CHECK(a.count() == 3);
        CHECK(a.item_size() == 4);
    }
}

TEST_CASE("read_idx_dataset scales pixels to [0, 1] and keeps labels and shape") {
    TempDir dir("idx-dataset");
    write_gzip(dir / "images.gz", idx_bytes(kDims, kPixels));
    write_plain(dir / "labels", idx_bytes({3}, {2, 0, 1}));
    const Dataset d = read_idx_dataset(dir / "images.gz", dir / "labels", 3, "tiny");
    CHECK(d.name == "tiny");
    REQUIRE(d.size() == 3);
    REQUIRE(d.num_features() == 4);
    CHECK(d.num_classes == 3);
    CHECK(d.image == ImageShape{1, 2, 2});
    CHECK(d.labels == std::vector<std::int32_t>{2, 0, 1});
    for (std::size_t i = 0; i < kPixels.size(); ++i) {
        CHECK(d.features.data()[i] == static_cast<float>(kPixels[i]) / 255.0f);
    }
    CHECK(d.features(0, 1) == 1.0f);
    CHECK(d.features(0, 0) == 0.0f);
}

TEST_CASE("malformed IDX files are errors that name the file") {
    TempDir dir("idx-bad");
    const auto path = [&](const char* name) { return (dir / name).string(); };

    SUBCASE("truncated data, plain and gzip") {
        std::vector<std::uint8_t> bytes = idx_bytes(kDims, kPixels);
        bytes.resize(bytes.size() - 3);
        write_plain(dir / "short", bytes);
        write_gzip(dir / "short.gz", bytes);
        for (const char* name : {"short", "short.gz"}) {
            const std::string msg = error_of([&] { (void)read_idx(dir / name); });
            CHECK(contains(msg, "truncated"));
            CHECK(contains(msg, path(name)));
        }
    }
    SUBCASE("a gzip stream cut short") {
        write_gzip(dir / "full.gz", idx_bytes(kDims, kPixels));
        std::ifstream in(dir / "full.gz", std::ios::binary);
        std::vector<std::uint8_t> gz((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        gz.resize(gz.size() / 2);
        write_plain(dir / "cut.gz", gz);
        const std::string msg = error_of([&] { (void)read_idx(dir / "cut.gz"); });
        CHECK(contains(msg, path("cut.gz")));
        CHECK((contains(msg, "truncated") || contains(msg, "corrupt")));
    }
    SUBCASE("a header declaring far more data than the file holds is refused as truncated") {
        // 3 x 655360 x 2 bytes declared, 12 present (found by fuzz_idx: the
        // declared size used to be allocated up front).
        write_plain(dir / "huge", idx_bytes({3, 0x000A0000, 2}, kPixels));
        write_plain(dir / "petabytes", idx_bytes({0x00EA0000, 0x10000000, 2}, kPixels));
        for (const char* name : {"huge", "petabytes"}) {
            const std::string msg = error_of([&] { (void)read_idx(dir / name); });
            CHECK(contains(msg, "truncated"));
            CHECK(contains(msg, "it holds 12"));
        }
    }
    SUBCASE("truncated header") {
        write_plain(dir / "header", {0, 0, 8, 3, 0, 0});
        CHECK(contains(error_of([&] { (void)read_idx(dir / "header"); }), "ends inside"));
    }
    SUBCASE("wrong magic") {
        write_plain(dir / "zip", {'P', 'K', 3, 4, 0, 0, 0, 0});
        const std::string msg = error_of([&] { (void)read_idx(dir / "zip"); });
        CHECK(contains(msg, "not an IDX file"));
        CHECK(contains(msg, path("zip")));
    }
    SUBCASE("unsupported element type") {
        write_plain(dir / "floats", idx_bytes({1}, {0, 0, 0, 0}, 0x0D));
        CHECK(contains(error_of([&] { (void)read_idx(dir / "floats"); }), "only unsigned bytes"));
    }
    SUBCASE("bytes after the data") {
        std::vector<std::uint8_t> bytes = idx_bytes(kDims, kPixels);
        bytes.push_back(7);
        write_plain(dir / "long", bytes);
        CHECK(contains(error_of([&] { (void)read_idx(dir / "long"); }), "bytes after"));
    }
    SUBCASE("empty and missing files") {
        write_plain(dir / "empty", {});
        CHECK(contains(error_of([&] { (void)read_idx(dir / "empty"); }), "is empty"));
        const std::string msg = error_of([&] { (void)read_idx(dir / "absent"); });
        CHECK(contains(msg, "cannot open"));
        CHECK(contains(msg, path("absent")));
    }
    SUBCASE("image and label counts differ") {
        write_plain(dir / "images", idx_bytes(kDims, kPixels));
        write_plain(dir / "labels", idx_bytes({4}, {0, 1, 0, 1}));
        const std::string msg = error_of([&] { (void)read_idx_dataset(dir / "images", dir / "labels", 2, "x"); });
        CHECK(contains(msg, "do not match"));
        CHECK(contains(msg, path("images")));
        CHECK(contains(msg, path("labels")));
    }
    SUBCASE("label out of range") {
        write_plain(dir / "images", idx_bytes(kDims, kPixels));
        write_plain(dir / "labels", idx_bytes({3}, {0, 10, 1}));
        const std::string msg = error_of([&] { (void)read_idx_dataset(dir / "images", dir / "labels", 10, "x"); });
        CHECK(contains(msg, "label 10 of item 1"));
        CHECK(contains(msg, path("labels")));
    }
    SUBCASE("labels with more than one dimension") {
        write_plain(dir / "images", idx_bytes(kDims, kPixels));
        write_plain(dir / "labels", idx_bytes({3, 1}, {0, 1, 1}));
        CHECK(
            contains(error_of([&] { (void)read_idx_dataset(dir / "images", dir / "labels", 2, "x"); }), "expected 1"));
    }
}
