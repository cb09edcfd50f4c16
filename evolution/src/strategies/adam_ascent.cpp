#include "actforge/evolution/strategies/adam_ascent.hpp"

#include "actforge/core/error.hpp"
#include "actforge/core/json.hpp"

#include <cmath>
#include <fmt/format.h>

namespace actforge::evolution {

AdamAscent::AdamAscent(Eigen::Index size, double beta1, double beta2, double eps)
    : beta1_(beta1), beta2_(beta2), eps_(eps), m_(Eigen::VectorXd::Zero(size)), v_(Eigen::VectorXd::Zero(size)) {}

void AdamAscent::ascend(Eigen::VectorXd& theta, const Eigen::VectorXd& grad, double lr) {
    if (grad.size() != m_.size() || theta.size() != m_.size()) throw Error("Adam: sizes differ from its state");
    ++t_;
    const double t = static_cast<double>(t_);
    m_ = beta1_ * m_ + (1.0 - beta1_) * grad;
    v_ = beta2_ * v_ + (1.0 - beta2_) * grad.cwiseProduct(grad);
    const double bias1 = 1.0 - std::pow(beta1_, t);
    const double bias2 = 1.0 - std::pow(beta2_, t);
    theta.array() += lr * (m_.array() / bias1) / ((v_.array() / bias2).sqrt() + eps_);
}

nlohmann::json AdamAscent::save() const { return {{"m", vector_to_json(m_)}, {"v", vector_to_json(v_)}, {"t", t_}}; }

void AdamAscent::restore(const nlohmann::json& state) {
    try {
        Eigen::VectorXd m = vector_from_json(state.at("m"));
        Eigen::VectorXd v = vector_from_json(state.at("v"));
        if (m.size() != m_.size() || v.size() != v_.size()) {
            throw Error(fmt::format("Adam state of {} weights, not {}", m.size(), m_.size()));
        }
        t_ = json_number<std::uint64_t>(state.at("t"));
        m_ = std::move(m);
        v_ = std::move(v);
    } catch (const nlohmann::json::exception& e) {
        throw Error(fmt::format("malformed Adam state: {}", e.what()));
    }
}

nlohmann::json vector_to_json(const Eigen::VectorXd& v) {
    nlohmann::json out = nlohmann::json::array();
    for (Eigen::Index i = 0; i < v.size(); ++i) out.push_back(v[i]);
    return out;
}

Eigen::VectorXd vector_from_json(const nlohmann::json& j) {
    if (!j.is_array()) throw Error("expected an array of numbers");
    Eigen::VectorXd v(static_cast<Eigen::Index>(j.size()));
    for (std::size_t i = 0; i < j.size(); ++i) v[static_cast<Eigen::Index>(i)] = j[i].get<double>();
    return v;
}

} // namespace actforge::evolution
