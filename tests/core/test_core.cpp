#include "actforge/core/atomic_file.hpp"
#include "actforge/core/error.hpp"
#include "actforge/core/rng.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

using namespace actforge;

TEST_CASE("Rng: same seed, same stream; children independent of the parent's use") {
    Rng a(42), b(42), c(43);
    for (int i = 0; i < 100; ++i) {
        const auto va = a();
        CHECK(va == b());
        CHECK(va != c());
    }
    Rng parent(7);
    const Rng before = parent.child(3);
    for (int i = 0; i < 10; ++i) parent();
    Rng after = parent.child(3);
    Rng first = before;
    CHECK(first() == after());
    std::set<std::uint64_t> firsts;
    for (std::uint64_t i = 0; i < 1000; ++i) firsts.insert(Rng(7).child(i)());
    CHECK(firsts.size() == 1000);
}

TEST_CASE("Rng: ranges and moments") {
    Rng r(1);
    double sum = 0, sq = 0;
    std::array<int, 7> counts{};
    for (int i = 0; i < 70000; ++i) {
        const double u = r.uniform();
        REQUIRE(u >= 0.0);
        REQUIRE(u < 1.0);
        const auto k = r.below(7);
        REQUIRE(k < 7);
        ++counts[k];
        const double z = r.normal();
        sum += z;
        sq += z * z;
    }
    CHECK(sum / 70000 == doctest::Approx(0.0).epsilon(0.02));
    CHECK(sq / 70000 == doctest::Approx(1.0).epsilon(0.02));
    for (int c : counts) CHECK(c == doctest::Approx(10000).epsilon(0.05));
    Rng s(5);
    s.uniform();
    Rng t(0);
    t.restore(s.seed(), s.state());
    CHECK(t() == s());
}

TEST_CASE("atomic write replaces the whole file or nothing") {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / "actforge_test_atomic";
    fs::remove_all(dir);
    fs::create_directories(dir);
    const fs::path file = dir / "state.json";
    write_file_atomically(file, "first");
    write_file_atomically(file, "second, longer");
    std::ifstream in(file);
    std::stringstream ss;
    ss << in.rdbuf();
    CHECK(ss.str() == "second, longer");
    std::size_t entries = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++entries;
    CHECK(entries == 1); // no temporary left behind
    CHECK_THROWS_AS(write_file_atomically(dir / "missing" / "x.json", "data"), Error);
    fs::remove_all(dir);
}
