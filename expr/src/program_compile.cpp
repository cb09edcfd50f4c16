// Program compilation: the passes in compile_passes.hpp, then the tape
// emitted from the allocated value graph.
#include "actforge/expr/printer.hpp"
#include "actforge/expr/program.hpp"
#include "actforge/expr/simplify.hpp"
#include "compile_passes.hpp"

#include <fmt/format.h>

namespace actforge::expr {

Program::Program(const Tree& tree) {
    tree.validate();
    const Tree s = simplify(tree);
    num_params_ = s.parameters.size();
    dirs_ = 1 + num_params_;
    detail::ValueGraph graph = detail::number_values(s, dirs_);
    detail::mark_last_uses(graph);
    num_regs_ = detail::allocate_registers(graph);
    emit(graph);
}

Program::Instruction Program::instruction(const detail::ValueGraph& graph, const detail::Value& v) {
    const detail::Value& a = graph.values[static_cast<std::size_t>(v.a)];
    const detail::Value* b = v.b >= 0 ? &graph.values[static_cast<std::size_t>(v.b)] : nullptr;
    Instruction ins{v.op, v.reg, a.reg, b ? b->reg : std::uint16_t{0}, b != nullptr, false, false, kNoDirection, 0, 0};
    ins.first_update = static_cast<std::uint32_t>(updates_.size());
    std::size_t nonzero_a = 0;
    std::uint32_t one_dir = 0;
    for (std::size_t d = 0; d < dirs_; ++d) {
        const TangentKind ka = a.tangents[d];
        const TangentKind kb = b ? b->tangents[d] : TangentKind::Zero;
        ins.need_pa = ins.need_pa || ka != TangentKind::Zero;
        ins.need_pb = ins.need_pb || kb != TangentKind::Zero;
        nonzero_a += ka != TangentKind::Zero;
        if (ka == TangentKind::One) one_dir = static_cast<std::uint32_t>(d);
        if (v.tangents[d] != TangentKind::Zero) updates_.push_back({static_cast<std::uint32_t>(d), ka, kb});
    }
    ins.end_update = static_cast<std::uint32_t>(updates_.size());
    if (!ins.binary && nonzero_a == 1 && a.tangents[one_dir] == TangentKind::One) ins.direct = one_dir;
    return ins;
}

void Program::emit(const detail::ValueGraph& graph) {
    using detail::Value;
    using detail::ValueKind;
    for (const Value& v : graph.values) {
        if (v.kind == ValueKind::Const) consts_.push_back({v.reg, v.constant});
        if (v.kind == ValueKind::Param) param_loads_.push_back({v.reg, v.param});
    }
    for (const Value& v : graph.values) {
        if (v.kind == ValueKind::Temp) code_.push_back(instruction(graph, v));
    }
    const Value& root = graph.values[static_cast<std::size_t>(graph.root)];
    root_ = root.reg;
    root_kinds_ = root.tangents;
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
