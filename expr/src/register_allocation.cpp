// Liveness and register allocation over the value graph.
#include "compile_passes.hpp"

namespace actforge::expr::detail {

void mark_last_uses(ValueGraph& graph) {
    std::vector<Value>& values = graph.values;
    for (std::size_t i = 0; i < values.size(); ++i) {
        for (int operand : {values[i].a, values[i].b}) {
            if (operand >= 0) values[static_cast<std::size_t>(operand)].last_use = i;
        }
    }
    values[static_cast<std::size_t>(graph.root)].last_use = values.size();
}

std::size_t allocate_registers(ValueGraph& graph) {
    std::vector<Value>& values = graph.values;
    std::uint16_t next_reg = 1;
    for (Value& v : values) {
        if (v.kind == ValueKind::Const || v.kind == ValueKind::Param) v.reg = next_reg++;
    }
    std::vector<std::uint16_t> free_regs; // reused last freed, first
    for (std::size_t i = 0; i < values.size(); ++i) {
        Value& v = values[i];
        if (v.kind != ValueKind::Temp) continue;
        if (free_regs.empty()) {
            v.reg = next_reg++;
        } else {
            v.reg = free_regs.back();
            free_regs.pop_back();
        }
        // Free operands read for the last time; the destination was taken
        // first, so no instruction writes a register it reads.
        const Value& a = values[static_cast<std::size_t>(v.a)];
        if (a.kind == ValueKind::Temp && a.last_use == i) free_regs.push_back(a.reg);
        if (v.b >= 0 && v.b != v.a) {
            const Value& b = values[static_cast<std::size_t>(v.b)];
            if (b.kind == ValueKind::Temp && b.last_use == i) free_regs.push_back(b.reg);
        }
    }
    return next_reg;
}

} // namespace actforge::expr::detail
