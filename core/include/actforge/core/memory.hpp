#pragma once
#include <cstddef>

namespace actforge {

// Keeps the memory a training frees inside the process, for the next one.
//
// glibc serves blocks above its mmap threshold (128 KiB at start) with
// fresh mappings and unmaps them when freed, so every buffer of the first
// training in a process (weights, optimizer moments, minibatches) is
// touched page by page for the first time; it raises the threshold only
// after such a block is freed. First touches are page faults, and on a
// virtual machine each one is expensive: the first training in a process
// was the slowest (bench_train prints it against the later ones). This raises
// the threshold to 64 MiB and keeps up to 256 MiB of freed memory mapped,
// so the first training pays about as little as the later ones.
//
// A process-wide setting, so the program's main() calls it, not the
// library. No effect without glibc.
void retain_freed_memory() noexcept;

// Asks the kernel to back [data, data + bytes) with transparent huge pages
// (2 MiB) where it allows them on request (Linux, THP mode "madvise" or
// "always"). Call it on a large buffer before its first write: filling the
// 188 MB Fashion-MNIST matrix took about 46,000 page faults with 4 KiB
// pages. Only whole huge pages inside the buffer are advised; elsewhere, or
// when the kernel refuses, nothing changes.
void advise_huge_pages(void* data, std::size_t bytes) noexcept;

} // namespace actforge
