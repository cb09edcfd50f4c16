#include "actforge/evolution/backends/wire_format.hpp"

#include "actforge/core/error.hpp"

#include <cstring>
#include <fmt/format.h>
#include <type_traits>

namespace actforge::evolution {
namespace {

template <typename T>
concept Plain = std::is_trivially_copyable_v<T>;

// Appends values as their bytes; a string or vector is its length, then its elements.
class Writer {
public:
    template <Plain T> Writer& value(const T& v) {
        const auto* p = reinterpret_cast<const std::byte*>(&v);
        out_.insert(out_.end(), p, p + sizeof(T));
        return *this;
    }
    template <Plain T> Writer& values(std::span<const T> v) {
        value(static_cast<std::uint64_t>(v.size()));
        const auto bytes = std::as_bytes(v);
        out_.insert(out_.end(), bytes.begin(), bytes.end());
        return *this;
    }
    Writer& text(std::string_view s) { return values(std::span<const char>(s)); }
    [[nodiscard]] Bytes take() { return std::move(out_); }

private:
    Bytes out_;
};

// Reads what a Writer wrote, in the same order; throws on bytes cut short.
class Reader {
public:
    Reader(std::span<const std::byte> in, const char* what) : in_(in), what_(what) {}

    template <Plain T> T value() {
        T v;
        std::memcpy(&v, take(sizeof(T)).data(), sizeof(T));
        return v;
    }
    template <Plain T> std::vector<T> values() {
        const auto count = value<std::uint64_t>();
        if (count > (in_.size() - at_) / sizeof(T)) throw damaged();
        std::vector<T> v(count);
        if (count > 0) std::memcpy(v.data(), take(count * sizeof(T)).data(), count * sizeof(T));
        return v;
    }
    std::string text() {
        const std::vector<char> chars = values<char>();
        return {chars.begin(), chars.end()};
    }
    // Throws unless every byte was read.
    void finish() const {
        if (at_ != in_.size()) throw damaged();
    }

private:
    std::span<const std::byte> take(std::size_t n) {
        if (n > in_.size() - at_) throw damaged();
        const auto part = in_.subspan(at_, n);
        at_ += n;
        return part;
    }
    [[nodiscard]] Error damaged() const {
        return Error(
            fmt::format("a {} message of {} bytes is damaged or from another actforge build", what_, in_.size()));
    }

    std::span<const std::byte> in_;
    std::size_t at_ = 0;
    const char* what_;
};

template <typename Enum> Enum enum_from(std::uint8_t raw, Enum last, const char* what) {
    if (raw > static_cast<std::uint8_t>(last))
        throw Error(fmt::format("a message names an unknown {} ({})", what, raw));
    return static_cast<Enum>(raw);
}

void write_job(Writer& w, const EvaluationJob& job) {
    w.text(job.formulas).value(static_cast<std::uint8_t>(job.architecture.has_value()));
    if (job.architecture) {
        const std::vector<std::uint64_t> hidden(job.architecture->hidden.begin(), job.architecture->hidden.end());
        w.values(std::span<const std::uint64_t>(hidden)).value(job.architecture->learning_rate);
    }
    w.value(job.seed).value(job.budget).value(static_cast<std::uint8_t>(job.split));
    w.value(static_cast<std::uint8_t>(job.full_training_split)).value(static_cast<std::uint64_t>(job.task));
}

EvaluationJob read_job(Reader& r) {
    EvaluationJob job;
    job.formulas = r.text();
    if (r.value<std::uint8_t>() != 0) {
        fitness::Architecture a;
        for (const std::uint64_t width : r.values<std::uint64_t>()) a.hidden.push_back(width);
        a.learning_rate = r.value<float>();
        job.architecture = std::move(a);
    }
    job.seed = r.value<std::uint64_t>();
    job.budget = r.value<double>();
    job.split = enum_from(r.value<std::uint8_t>(), fitness::ScoredSplit::Test, "split");
    job.full_training_split = r.value<std::uint8_t>() != 0;
    job.task = r.value<std::uint64_t>();
    return job;
}

void write_score(Writer& w, const fitness::Score& s) {
    w.value(static_cast<std::uint8_t>(s.status)).value(s.accuracy).value(s.loss).value(s.train_loss).value(s.seconds);
    w.text(s.message).value(static_cast<std::uint64_t>(s.learned_parameters.size()));
    for (const auto& layer : s.learned_parameters) w.values(std::span<const float>(layer));
    w.value(static_cast<std::uint64_t>(s.n)).value(s.accuracy_std).values(std::span<const double>(s.task_accuracies));
}

fitness::Score read_score(Reader& r) {
    fitness::Score s;
    s.status = enum_from(r.value<std::uint8_t>(), fitness::ScoreStatus::Invalid, "score status");
    s.accuracy = r.value<double>();
    s.loss = r.value<double>();
    s.train_loss = r.value<double>();
    s.seconds = r.value<double>();
    s.message = r.text();
    const auto layers = r.value<std::uint64_t>();
    for (std::uint64_t i = 0; i < layers; ++i) s.learned_parameters.push_back(r.values<float>());
    s.n = r.value<std::uint64_t>();
    s.accuracy_std = r.value<double>();
    s.task_accuracies = r.values<double>();
    return s;
}

} // namespace

Bytes encode(const JobMessage& m) {
    Writer w;
    w.value(m.slot);
    write_job(w, m.job);
    return w.take();
}

Bytes encode(const ResultMessage& m) {
    Writer w;
    w.value(m.slot).value(static_cast<std::uint8_t>(m.score.has_value()));
    if (m.score) {
        write_score(w, *m.score);
    } else {
        w.text(m.error);
    }
    return w.take();
}

Bytes encode(const WorkerHello& m) {
    Writer w;
    // The build first: a reader of another build can still tell it apart.
    w.text(m.binary).text(m.host).value(m.threads).values(std::span<const std::uint64_t>(m.fingerprints));
    w.text(m.error);
    return w.take();
}

JobMessage decode_job(std::span<const std::byte> bytes) {
    Reader r(bytes, "job");
    JobMessage m;
    m.slot = r.value<std::uint64_t>();
    m.job = read_job(r);
    r.finish();
    return m;
}

ResultMessage decode_result(std::span<const std::byte> bytes) {
    Reader r(bytes, "result");
    ResultMessage m;
    m.slot = r.value<std::uint64_t>();
    if (r.value<std::uint8_t>() != 0) {
        m.score = read_score(r);
    } else {
        m.error = r.text();
    }
    r.finish();
    return m;
}

WorkerHello decode_hello(std::span<const std::byte> bytes) {
    Reader r(bytes, "start-up");
    WorkerHello m;
    m.binary = r.text();
    m.host = r.text();
    m.threads = r.value<std::uint64_t>();
    m.fingerprints = r.values<std::uint64_t>();
    m.error = r.text();
    r.finish();
    return m;
}

} // namespace actforge::evolution
