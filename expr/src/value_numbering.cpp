// Value numbering: one Value per distinct subexpression, with the kind of
// its tangent in every direction known before anything runs.
#include "compile_passes.hpp"

#include <bit>
#include <map>
#include <tuple>

namespace actforge::expr::detail {
namespace {

using Key = std::tuple<int, int, int, std::uint64_t>; // (op, a, b, payload)

// Zero in every direction but `one`, where it is exactly one (a leaf's
// tangent: dx/dx = 1, dtheta_k/dtheta_k = 1); one >= dirs for a constant.
std::vector<TangentKind> seed(std::size_t dirs, std::size_t one) {
    std::vector<TangentKind> t(dirs, TangentKind::Zero);
    if (one < dirs) t[one] = TangentKind::One;
    return t;
}

class Numbering {
public:
    explicit Numbering(ValueGraph& graph) : graph_(graph) {
        Value x(ValueKind::X);
        x.tangents = seed(graph_.dirs, 0);
        intern(std::move(x), {static_cast<int>(Op::Var), -1, -1, 0});
    }

    int leaf(const Node& n) {
        if (n.op == Op::Var) return 0;
        if (n.op == Op::Const) {
            Value c(ValueKind::Const);
            c.constant = n.value;
            c.tangents = seed(graph_.dirs, graph_.dirs);
            return intern(std::move(c), {static_cast<int>(Op::Const), -1, -1, std::bit_cast<std::uint32_t>(n.value)});
        }
        Value p(ValueKind::Param);
        p.param = n.param;
        p.tangents = seed(graph_.dirs, 1 + std::size_t{n.param});
        return intern(std::move(p), {static_cast<int>(Op::Param), n.param, -1, 0});
    }

    // An operation's tangent is general in every direction where an operand's
    // is nonzero, zero elsewhere.
    int operation(Op op, int a, int b) {
        Value v(ValueKind::Temp, op);
        v.a = a;
        v.b = b;
        v.tangents.assign(graph_.dirs, TangentKind::Zero);
        for (std::size_t d = 0; d < graph_.dirs; ++d) {
            const bool depends = tangent(a, d) != TangentKind::Zero || (b >= 0 && tangent(b, d) != TangentKind::Zero);
            v.tangents[d] = depends ? TangentKind::General : TangentKind::Zero;
        }
        return intern(std::move(v), {static_cast<int>(op), a, b, 0});
    }

private:
    [[nodiscard]] TangentKind tangent(int value, std::size_t d) const {
        return graph_.values[static_cast<std::size_t>(value)].tangents[d];
    }

    int intern(Value v, const Key& key) {
        if (auto it = known_.find(key); it != known_.end()) return it->second;
        graph_.values.push_back(std::move(v));
        const int id = static_cast<int>(graph_.values.size()) - 1;
        known_.emplace(key, id);
        return id;
    }

    ValueGraph& graph_;
    std::map<Key, int> known_;
};

} // namespace

ValueGraph number_values(const Tree& simplified, std::size_t dirs) {
    ValueGraph graph;
    graph.dirs = dirs;
    Numbering numbering(graph);
    std::vector<int> stack;
    for (const Node& n : simplified.nodes) {
        if (is_leaf(n.op)) {
            stack.push_back(numbering.leaf(n));
            continue;
        }
        int b = -1;
        if (arity(n.op) == 2) {
            b = stack.back();
            stack.pop_back();
        }
        const int a = stack.back();
        stack.pop_back();
        stack.push_back(numbering.operation(n.op, a, b));
    }
    graph.root = stack.back();
    return graph;
}

} // namespace actforge::expr::detail
