// Scratch: the per-thread working memory of Program::evaluate.
#include "actforge/expr/program.hpp"

#include <cstdint>

namespace actforge::expr {

template <typename T> T* Scratch<T>::reserve(std::size_t count) {
    constexpr std::size_t kAlignElems = 64 / sizeof(T);
    if (buffer_.size() < count + kAlignElems) {
        buffer_.assign(count + kAlignElems, T(0));
        const auto addr = reinterpret_cast<std::uintptr_t>(buffer_.data());
        offset_ = ((64 - addr % 64) % 64) / sizeof(T);
    }
    return buffer_.data() + offset_;
}

template <typename T> T** Scratch<T>::pointers(std::size_t count) {
    if (pointers_.size() < count) pointers_.resize(count);
    return pointers_.data();
}

template class Scratch<float>;
template class Scratch<double>;

} // namespace actforge::expr
