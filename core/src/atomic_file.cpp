#include "actforge/core/atomic_file.hpp"

#include "actforge/core/error.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

namespace actforge {

void write_file_atomically(const std::filesystem::path& target, std::string_view content) {
    namespace fs = std::filesystem;
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::string name = ".";
    name += target.filename().string();
    name += ".tmpXXXXXX";
    std::string tmpl = (dir / name).string();
    const int fd = ::mkstemp(tmpl.data());
    if (fd < 0) {
        throw Error(fmt::format("cannot create a temporary file in '{}': {}", dir.string(), std::strerror(errno)));
    }
    auto fail = [&](const char* step) {
        const int err = errno;
        ::close(fd);
        ::unlink(tmpl.c_str());
        throw Error(fmt::format("cannot write '{}' ({}): {}", target.string(), step, std::strerror(err)));
    };
    const char* data = content.data();
    std::size_t left = content.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, data, left);
        if (n < 0) {
            if (errno == EINTR) continue;
            fail("write");
        }
        data += n;
        left -= static_cast<std::size_t>(n);
    }
    if (::fchmod(fd, 0644) != 0) fail("chmod");
    if (::fsync(fd) != 0) fail("fsync");
    if (::close(fd) != 0) {
        ::unlink(tmpl.c_str());
        throw Error(fmt::format("cannot write '{}' (close): {}", target.string(), std::strerror(errno)));
    }
    if (::rename(tmpl.c_str(), target.c_str()) != 0) {
        const int err = errno;
        ::unlink(tmpl.c_str());
        throw Error(fmt::format("cannot replace '{}': {}", target.string(), std::strerror(err)));
    }
}

} // namespace actforge
