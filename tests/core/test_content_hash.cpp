// ContentHash tells equal data from different data, whatever the data's size.
#include "actforge/core/content_hash.hpp"

#include <doctest/doctest.h>
#include <set>
#include <string>
#include <vector>

using namespace actforge;

TEST_CASE("ContentHash: equal streams hash equal; a flipped bit, a cut or the length changes it") {
    const std::string text = "The quick brown fox jumps over the lazy dog, 0123456789";
    CHECK(ContentHash().add(text).value() == ContentHash().add(text).value());
    std::set<std::uint64_t> seen{ContentHash().add(text).value()};
    for (std::size_t i = 0; i < text.size(); ++i) {
        std::string flipped = text;
        flipped[i] = static_cast<char>(flipped[i] ^ 1);
        CHECK(seen.insert(ContentHash().add(flipped).value()).second);
    }
    // The same bytes cut into other add() calls, or one zero byte more.
    CHECK(seen.insert(ContentHash().add(text.substr(0, 10)).add(text.substr(10)).value()).second);
    CHECK(seen.insert(ContentHash().add(text + std::string(1, '\0')).value()).second);
    CHECK(seen.insert(ContentHash().add("").value()).second);
    CHECK(seen.insert(ContentHash().value()).second);
    CHECK(ContentHash().add(std::uint64_t{1}).value() != ContentHash().add(std::uint64_t{2}).value());
}
