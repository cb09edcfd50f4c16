// IDX files (plain or gzip), as Fashion-MNIST is read. The first byte
// chooses: even, the rest is one file for read_idx; odd, the rest is split
// at the offset in the next two bytes into an image file and a label file
// for read_idx_dataset. Either is read or refused with actforge::Error, and
// what is read holds as many bytes as its dimensions say.
#include "actforge/fitness/idx_reader.hpp"
#include "fuzz_support.hpp"

using namespace actforge;
using namespace actforge::fitness;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    const std::string_view rest = fuzz::as_text(data + 1, size - 1);
    if (data[0] % 2 == 0) {
        IdxArray a;
        if (!fuzz::returns_or_refuses([&] { a = read_idx(fuzz::scratch_file("a.idx", rest)); })) return 0;
        std::size_t bytes = a.dims.empty() ? 0 : 1;
        for (auto d : a.dims) bytes *= d;
        if (a.data.size() != bytes) fuzz::fail("the data size differs from the product of the dimensions");
        return 0;
    }
    if (rest.size() < 2) return 0;
    const std::size_t split = (static_cast<std::size_t>(static_cast<unsigned char>(rest[0])) << 8 |
                               static_cast<unsigned char>(rest[1])) % (rest.size() - 1);
    const std::string_view files = rest.substr(2);
    const auto images = fuzz::scratch_file("images.idx", files.substr(0, std::min(split, files.size())));
    const auto labels = fuzz::scratch_file("labels.idx", files.substr(std::min(split, files.size())));
    Dataset d;
    if (!fuzz::returns_or_refuses([&] { d = read_idx_dataset(images, labels, 10, "fuzz"); })) return 0;
    if (!fuzz::returns_or_refuses([&] { d.validate(); })) fuzz::fail("a dataset that was read is not valid");
    return 0;
}
