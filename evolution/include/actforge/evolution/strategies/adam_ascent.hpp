#pragma once
// Adam (Kingma & Ba 2015) on one flat vector of doubles, climbing an
// objective (the policy gradient), with its whole state in JSON so that a
// resumed search takes exactly the steps the uninterrupted one would.
// (nn's Adam trains networks in float and keeps no checkpointable state.)
#include <cstdint>
#include <Eigen/Dense>
#include <nlohmann/json.hpp>

namespace actforge::evolution {

class AdamAscent {
public:
    AdamAscent() = default;
    explicit AdamAscent(Eigen::Index size, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8);

    // theta += lr * m_hat / (sqrt(v_hat) + eps), after folding `grad` into
    // the moments.
    void ascend(Eigen::VectorXd& theta, const Eigen::VectorXd& grad, double lr);

    [[nodiscard]] std::uint64_t steps() const noexcept { return t_; }

    // {"m": [...], "v": [...], "t": n}; doubles are written so they read back exactly.
    [[nodiscard]] nlohmann::json save() const;
    // Throws actforge::Error when malformed or of another size.
    void restore(const nlohmann::json& state);

private:
    double beta1_ = 0.9;
    double beta2_ = 0.999;
    double eps_ = 1e-8;
    Eigen::VectorXd m_;
    Eigen::VectorXd v_;
    std::uint64_t t_ = 0;
};

// A vector as a JSON array of numbers and back (nlohmann writes the
// shortest text that reads back to the same double).
[[nodiscard]] nlohmann::json vector_to_json(const Eigen::VectorXd& v);
[[nodiscard]] Eigen::VectorXd vector_from_json(const nlohmann::json& j);

} // namespace actforge::evolution
