// Program compilation: value numbering (CSE) over the simplified tree, then
// register allocation with reuse after last use.
#include "actforge/core/error.hpp"
#include "actforge/expr/printer.hpp"
#include "actforge/expr/program.hpp"
#include "actforge/expr/simplify.hpp"

#include <bit>
#include <fmt/format.h>
#include <map>
#include <tuple>

namespace actforge::expr {
namespace {

enum class ValueKind { X, Const, Param, Temp };

struct Value {
    explicit Value(ValueKind k, Op o = Op::Var) : kind(k), op(o) {}
    ValueKind kind;
    Op op;
    int a = -1;
    int b = -1;
    double constant = 0.0;
    std::uint16_t param = 0;
    std::vector<TangentKind> tangents;
    std::size_t last_use = 0;
    std::uint16_t reg = 0;
};

} // namespace

Program::Program(const Tree& tree) {
    tree.validate();
    const Tree s = simplify(tree);
    num_params_ = s.parameters.size();
    dirs_ = 1 + num_params_;

    std::vector<Value> values;
    std::map<std::tuple<int, int, int, std::uint64_t>, int> known; // (op, a, b, payload) -> value
    auto intern = [&](Value v, std::tuple<int, int, int, std::uint64_t> key) {
        if (auto it = known.find(key); it != known.end()) return it->second;
        values.push_back(std::move(v));
        const int id = static_cast<int>(values.size()) - 1;
        known.emplace(key, id);
        return id;
    };

    Value x(ValueKind::X);
    x.tangents.assign(dirs_, TangentKind::Zero);
    x.tangents[0] = TangentKind::One;
    intern(std::move(x), {static_cast<int>(Op::Var), -1, -1, 0});

    std::vector<int> stack;
    for (const Node& n : s.nodes) {
        switch (n.op) {
        case Op::Var: stack.push_back(0); continue;
        case Op::Const: {
            Value c(ValueKind::Const);
            c.constant = n.value;
            c.tangents.assign(dirs_, TangentKind::Zero);
            stack.push_back(
                intern(std::move(c), {static_cast<int>(Op::Const), -1, -1, std::bit_cast<std::uint32_t>(n.value)}));
            continue;
        }
        case Op::Param: {
            Value p(ValueKind::Param);
            p.param = n.param;
            p.tangents.assign(dirs_, TangentKind::Zero);
            p.tangents[1 + n.param] = TangentKind::One;
            stack.push_back(intern(std::move(p), {static_cast<int>(Op::Param), n.param, -1, 0}));
            continue;
        }
        default: break;
        }
        Value v(ValueKind::Temp, n.op);
        if (arity(n.op) == 2) {
            v.b = stack.back();
            stack.pop_back();
        }
        v.a = stack.back();
        stack.pop_back();
        v.tangents.assign(dirs_, TangentKind::Zero);
        for (std::size_t d = 0; d < dirs_; ++d) {
            const bool depends = values[static_cast<std::size_t>(v.a)].tangents[d] != TangentKind::Zero ||
                                 (v.b >= 0 && values[static_cast<std::size_t>(v.b)].tangents[d] != TangentKind::Zero);
            v.tangents[d] = depends ? TangentKind::General : TangentKind::Zero;
        }
        const std::tuple<int, int, int, std::uint64_t> key{static_cast<int>(n.op), v.a, v.b, 0};
        stack.push_back(intern(std::move(v), key));
    }
    const int root = stack.back();

    // Liveness: the index of the last value that reads each value.
    for (std::size_t i = 0; i < values.size(); ++i) {
        for (int operand : {values[i].a, values[i].b}) {
            if (operand >= 0) values[static_cast<std::size_t>(operand)].last_use = i;
        }
    }
    values[static_cast<std::size_t>(root)].last_use = values.size();

    // Pinned registers: x, then constants and parameters (loaded once per
    // call or per block); temporaries share the rest.
    std::uint16_t next_reg = 1;
    for (Value& v : values) {
        if (v.kind == ValueKind::Const) {
            v.reg = next_reg++;
            consts_.push_back({v.reg, v.constant});
        } else if (v.kind == ValueKind::Param) {
            v.reg = next_reg++;
            param_loads_.push_back({v.reg, v.param});
        }
    }
    std::vector<std::uint16_t> free_regs;
    for (std::size_t i = 0; i < values.size(); ++i) {
        Value& v = values[i];
        if (v.kind != ValueKind::Temp) continue;
        if (free_regs.empty()) {
            v.reg = next_reg++;
        } else {
            v.reg = free_regs.back();
            free_regs.pop_back();
        }
        const Value& a = values[static_cast<std::size_t>(v.a)];
        const Value* b = v.b >= 0 ? &values[static_cast<std::size_t>(v.b)] : nullptr;
        code_.push_back({v.op, v.reg, a.reg, b ? b->reg : std::uint16_t{0}});
        for (std::size_t d = 0; d < dirs_; ++d) kinds_.push_back(v.tangents[d]);
        for (std::size_t d = 0; d < dirs_; ++d) kinds_.push_back(a.tangents[d]);
        for (std::size_t d = 0; d < dirs_; ++d) kinds_.push_back(b ? b->tangents[d] : TangentKind::Zero);
        // Free operands read for the last time; the destination was taken
        // first, so no instruction writes a register it reads.
        if (a.kind == ValueKind::Temp && a.last_use == i) free_regs.push_back(a.reg);
        if (b && v.b != v.a && b->kind == ValueKind::Temp && b->last_use == i) free_regs.push_back(b->reg);
    }
    num_regs_ = next_reg;
    root_ = values[static_cast<std::size_t>(root)].reg;
    root_kinds_ = values[static_cast<std::size_t>(root)].tangents;
}

std::string Program::disassemble() const {
    std::string out;
    for (const auto& c : consts_) out += fmt::format("r{} = {}\n", c.reg, c.value);
    for (const auto& p : param_loads_) out += fmt::format("r{} = theta{}\n", p.reg, p.param);
    for (const auto& ins : code_) {
        const Primitive& p = primitive(ins.op);
        if (p.arity == 1)
            out += fmt::format("r{} = {} r{}\n", ins.dst, p.name, ins.a);
        else
            out += fmt::format("r{} = {} r{}, r{}\n", ins.dst, p.name, ins.a, ins.b);
    }
    out += fmt::format("return r{}\n", root_);
    return out;
}

} // namespace actforge::expr
