// Exact gradient of a weighted log-probability plus entropy of one token
// sequence, by backpropagation through time. The tokens are fixed, so the
// objective is a smooth function of the weights; tests compare it with
// central finite differences.
#include "actforge/core/error.hpp"
#include "actforge/evolution/strategies/lstm_policy.hpp"
#include "strategies/lstm_policy_detail.hpp"

namespace actforge::evolution {
namespace {

using Eigen::VectorXd;

// d/dlogits of logp_weight * log p[token] + entropy_weight * H, where
// dH/dlogit_k = -p_k (log p_k + H).
VectorXd logit_gradient(const detail::StepCache& s, std::size_t token, double logp_weight, double entropy_weight) {
    VectorXd d = -logp_weight * s.p;
    d[static_cast<Eigen::Index>(token)] += logp_weight;
    d -= entropy_weight * s.p.cwiseProduct((s.log_p.array() + s.entropy).matrix());
    return d;
}

// Backpropagates one LSTM step: given dL/dh and dL/dc at its outputs, adds
// to the LSTM and embedding gradients and returns dL/dh_prev, dL/dc_prev.
std::pair<VectorXd, VectorXd> lstm_backward(const detail::Weights<const double>& w, detail::Weights<double>& g,
                                            const detail::StepCache& s, const VectorXd& dh, const VectorXd& dc_next) {
    const Eigen::Index n = w.hidden;
    const VectorXd dc = dh.cwiseProduct(s.o).cwiseProduct((1.0 - s.tanh_c.array().square()).matrix()) + dc_next;
    VectorXd dz(4 * n);
    dz.segment(0, n) = dc.cwiseProduct(s.g).cwiseProduct(s.i.cwiseProduct((1.0 - s.i.array()).matrix()));
    dz.segment(n, n) = dc.cwiseProduct(s.c_prev).cwiseProduct(s.f.cwiseProduct((1.0 - s.f.array()).matrix()));
    dz.segment(2 * n, n) = dc.cwiseProduct(s.i).cwiseProduct((1.0 - s.g.array().square()).matrix());
    dz.segment(3 * n, n) = dh.cwiseProduct(s.tanh_c).cwiseProduct(s.o.cwiseProduct((1.0 - s.o.array()).matrix()));
    g.lstm.leftCols(n).noalias() += dz * s.input.transpose();
    g.lstm.rightCols(n).noalias() += dz * s.h_prev.transpose();
    g.bias += dz;
    g.embedding.col(static_cast<Eigen::Index>(s.row)).noalias() += w.lstm.leftCols(n).transpose() * dz;
    return {w.lstm.rightCols(n).transpose() * dz, dc.cwiseProduct(s.f)};
}

} // namespace

SequenceStats LstmPolicy::accumulate_gradient(const std::vector<std::size_t>& tokens, double logp_weight,
                                              double entropy_weight, VectorXd& grad) const {
    if (grad.size() != theta_.size()) throw Error("the gradient's size differs from the policy's");
    const std::vector<detail::StepCache> caches = forward(tokens);
    const detail::Weights<const double> w(theta_.data(), shape_, head_start_, lstm_start_);
    detail::Weights<double> g(grad.data(), shape_, head_start_, lstm_start_);
    const auto n = static_cast<Eigen::Index>(shape_.hidden);
    VectorXd dh_next = VectorXd::Zero(n);
    VectorXd dc_next = VectorXd::Zero(n);
    for (std::size_t t = steps(); t-- > 0;) {
        const detail::StepCache& s = caches[t];
        const VectorXd dlogits = logit_gradient(s, tokens[t], logp_weight, entropy_weight);
        g.heads[t].noalias() += dlogits * s.h.transpose();
        g.head_bias[t] += dlogits;
        const VectorXd dh = w.heads[t].transpose() * dlogits + dh_next;
        std::tie(dh_next, dc_next) = lstm_backward(w, g, s, dh, dc_next);
    }
    return detail::stats_of(caches, tokens);
}

} // namespace actforge::evolution
