#pragma once
// A 64-bit hash of a stream of bytes: to tell whether two processes hold
// the same data (a task's examples, the program's own binary) without
// sending the data. Not cryptographic: it guards against mistakes (another
// file, another build), not against an adversary.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace actforge {

class ContentHash {
public:
    // Feeds bytes; the hash depends on every byte and on how the stream was
    // cut into add() calls (each call adds its length).
    ContentHash& add(std::span<const std::byte> bytes) noexcept;
    ContentHash& add(std::string_view text) noexcept { return add(std::as_bytes(std::span(text))); }
    ContentHash& add(std::uint64_t value) noexcept;

    [[nodiscard]] std::uint64_t value() const noexcept { return state_; }

private:
    std::uint64_t state_ = 0x6163746f7267ULL;
};

} // namespace actforge
