#include "actforge/core/content_hash.hpp"

#include "actforge/core/rng.hpp"

#include <cstring>

namespace actforge {

// Eight bytes at a time through the SplitMix64 mixer; the tail is padded
// with zeros, and the length goes in last, so "ab" + "" and "a" + "b" differ.
ContentHash& ContentHash::add(std::span<const std::byte> bytes) noexcept {
    std::size_t i = 0;
    for (; i + 8 <= bytes.size(); i += 8) {
        std::uint64_t word = 0;
        std::memcpy(&word, bytes.data() + i, 8);
        state_ = mix64(state_ ^ word);
    }
    if (i < bytes.size()) {
        std::uint64_t tail = 0;
        std::memcpy(&tail, bytes.data() + i, bytes.size() - i);
        state_ = mix64(state_ ^ tail);
    }
    return add(static_cast<std::uint64_t>(bytes.size()));
}

ContentHash& ContentHash::add(std::uint64_t value) noexcept {
    state_ = mix64(state_ ^ mix64(value));
    return *this;
}

} // namespace actforge
