#include "actforge/fitness/idx_reader.hpp"

#include "actforge/core/error.hpp"
#include "actforge/core/memory.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fmt/format.h>
#include <limits>
#include <zlib.h>

namespace actforge::fitness {
namespace {

// Large reads: inflating in 8 MiB steps costs nothing over one call, and
// each step only zero-fills memory about to be overwritten.
constexpr std::size_t kChunk = std::size_t{8} << 20;
constexpr std::size_t kFirstStep = std::size_t{64} << 10;

// A plain or gzip-compressed file read sequentially. read() returns fewer
// bytes than asked only at the end of the data; I/O and decompression errors throw.
class ByteSource {
public:
    explicit ByteSource(const std::filesystem::path& path) : path_(path.string()) {
        std::FILE* probe = std::fopen(path_.c_str(), "rb");
        if (probe == nullptr) {
            throw Error(fmt::format("cannot open IDX file '{}': {}", path_, std::strerror(errno)));
        }
        unsigned char magic[2] = {0, 0};
        const std::size_t got = std::fread(magic, 1, 2, probe);
        gzip_ = got == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
        if (!gzip_) {
            std::rewind(probe);
            file_ = probe;
            return;
        }
        std::fclose(probe);
        gz_ = gzopen(path_.c_str(), "rb");
        if (gz_ == nullptr) throw Error(fmt::format("cannot open gzip file '{}'", path_));
        gzbuffer(gz_, 1U << 18);
    }
    ByteSource(const ByteSource&) = delete;
    ByteSource& operator=(const ByteSource&) = delete;
    ~ByteSource() {
        if (file_ != nullptr) std::fclose(file_);
        if (gz_ != nullptr) gzclose(gz_);
    }

    const std::string& path() const noexcept { return path_; }

    std::size_t read(std::uint8_t* out, std::size_t n) {
        std::size_t total = 0;
        while (total < n) {
            const std::size_t want = std::min(n - total, kChunk);
            std::size_t got = 0;
            if (gzip_) {
                const int r = gzread(gz_, out + total, static_cast<unsigned>(want));
                if (r < 0) {
                    int code = 0;
                    throw Error(fmt::format("gzip file '{}' is corrupt: {}", path_, gzerror(gz_, &code)));
                }
                got = static_cast<std::size_t>(r);
            } else {
                got = std::fread(out + total, 1, want, file_);
                if (got < want && std::ferror(file_) != 0) {
                    throw Error(fmt::format("cannot read IDX file '{}': {}", path_, std::strerror(errno)));
                }
            }
            total += got;
            if (got < want) break;
        }
        return total;
    }

private:
    std::string path_;
    bool gzip_ = false;
    std::FILE* file_ = nullptr;
    gzFile gz_ = nullptr;
};

std::uint32_t big_endian(const std::uint8_t* p) {
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | std::uint32_t{p[3]};
}

} // namespace

std::size_t IdxArray::item_size() const noexcept {
    std::size_t n = 1;
    for (std::size_t i = 1; i < dims.size(); ++i) n *= dims[i];
    return n;
}

IdxArray read_idx(const std::filesystem::path& path) {
    ByteSource in(path);
    const std::string& name = in.path();
    std::uint8_t magic[4];
    const std::size_t got = in.read(magic, 4);
    if (got == 0) throw Error(fmt::format("IDX file '{}' is empty", name));
    if (got < 4) throw Error(fmt::format("IDX file '{}' is truncated: it ends inside the 4-byte magic number", name));
    if (magic[0] != 0 || magic[1] != 0) {
        throw Error(fmt::format("'{}' is not an IDX file: its magic number starts {:02x} {:02x}, not 00 00", name,
                                magic[0], magic[1]));
    }
    if (magic[2] != kIdxUnsignedByte) {
        throw Error(fmt::format("IDX file '{}' has element type 0x{:02x}; only unsigned bytes (0x08) are supported",
                                name, magic[2]));
    }
    const std::size_t ndims = magic[3];
    if (ndims == 0) throw Error(fmt::format("IDX file '{}' declares 0 dimensions", name));

    IdxArray out;
    std::vector<std::uint8_t> header(4 * ndims);
    if (in.read(header.data(), header.size()) < header.size()) {
        throw Error(fmt::format("IDX file '{}' is truncated: it ends inside its {} dimension sizes", name, ndims));
    }
    std::size_t total = 1;
    for (std::size_t d = 0; d < ndims; ++d) {
        const std::uint32_t dim = big_endian(header.data() + 4 * d);
        out.dims.push_back(dim);
        if (dim != 0 && total > std::numeric_limits<std::size_t>::max() / dim) {
            throw Error(fmt::format("IDX file '{}' declares dimensions too large to address", name));
        }
        total *= dim;
    }

    // Memory grows with the data that arrives, never with what the header
    // declares: each step asks for at most as much as has arrived so far
    // (kFirstStep at first, kChunk at most), so a corrupt header claiming
    // petabytes fails below as truncated after reading what the file holds.
    while (out.data.size() < total) {
        const std::size_t before = out.data.size();
        const std::size_t want = std::min(total - before, std::clamp(before, kFirstStep, kChunk));
        if (out.data.capacity() < before + want) { // grow as vector would, huge pages before the first touch
            out.data.reserve(std::max(2 * out.data.capacity(), before + want));
            advise_huge_pages(out.data.data(), out.data.capacity());
        }
        out.data.resize(before + want);
        const std::size_t read = in.read(out.data.data() + before, want);
        if (read < want) {
            throw Error(fmt::format("IDX file '{}' is truncated: its header declares {} data bytes, it holds {}", name,
                                    total, before + read));
        }
    }
    std::uint8_t extra = 0;
    if (in.read(&extra, 1) != 0) {
        throw Error(fmt::format("IDX file '{}' has bytes after the {} data bytes its header declares; is it corrupt?",
                                name, total));
    }
    return out;
}

Dataset read_idx_dataset(const std::filesystem::path& images, const std::filesystem::path& labels,
                         std::size_t num_classes, std::string name) {
    if (num_classes == 0 || num_classes > 256) {
        throw Error(fmt::format("IDX labels are bytes: num_classes must be in 1..256, got {}", num_classes));
    }
    const IdxArray img = read_idx(images);
    const IdxArray lab = read_idx(labels);
    if (img.dims.size() < 2) {
        throw Error(fmt::format("IDX image file '{}' has {} dimension(s); expected count x height x width",
                                images.string(), img.dims.size()));
    }
    if (lab.dims.size() != 1) {
        throw Error(fmt::format("IDX label file '{}' has {} dimensions; expected 1 (one label per item)",
                                labels.string(), lab.dims.size()));
    }
    if (img.count() != lab.count()) {
        throw Error(fmt::format("IDX files do not match: '{}' holds {} images but '{}' holds {} labels",
                                images.string(), img.count(), labels.string(), lab.count()));
    }
    if (img.count() == 0 || img.item_size() == 0) {
        throw Error(fmt::format("IDX image file '{}' holds no image data", images.string()));
    }

    Dataset d;
    d.name = std::move(name);
    d.num_classes = num_classes;
    const auto rows = static_cast<Eigen::Index>(img.count());
    const auto cols = static_cast<Eigen::Index>(img.item_size());
    using Bytes = Eigen::Matrix<std::uint8_t, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    d.features.resize(rows, cols); // allocated, not yet touched: huge pages first (memory.hpp)
    advise_huge_pages(d.features.data(), static_cast<std::size_t>(d.features.size()) * sizeof(float));
    d.features.noalias() = Eigen::Map<const Bytes>(img.data.data(), rows, cols).cast<float>() / 255.0f;
    if (img.dims.size() == 3) d.image = ImageShape{1, img.dims[1], img.dims[2]};

    d.labels.resize(lab.data.size());
    for (std::size_t i = 0; i < lab.data.size(); ++i) {
        if (lab.data[i] >= num_classes) {
            throw Error(fmt::format("IDX label file '{}': label {} of item {} is outside 0..{}", labels.string(),
                                    lab.data[i], i, num_classes - 1));
        }
        d.labels[i] = lab.data[i];
    }
    d.validate();
    return d;
}

} // namespace actforge::fitness
