#include "actforge/evolution/darts/darts_settings.hpp"

#include "actforge/core/error.hpp"

#include <cmath>
#include <fmt/format.h>

namespace actforge::evolution {

const char* cell_name(DartsCell cell) noexcept { return cell == DartsCell::CoreUnit ? "core-unit" : "unary"; }

DartsCell parse_cell(const std::string& name) {
    if (name == "unary") return DartsCell::Unary;
    if (name == "core-unit") return DartsCell::CoreUnit;
    throw Error(fmt::format("--cell {}: choose unary (one function of x) or core-unit (b(u1(x), u2(x)))", name));
}

void DartsSettings::validate() const {
    if (!(temperature_start > 0.0 && temperature_end > 0.0 && std::isfinite(temperature_start) &&
          std::isfinite(temperature_end))) {
        throw Error(fmt::format("--temperature {}:{}: both ends must be positive", temperature_start, temperature_end));
    }
    if (!(arch_lr > 0.0 && std::isfinite(arch_lr))) throw Error("--arch-lr must be positive");
    if (!(arch_beta1 >= 0.0 && arch_beta1 < 1.0)) throw Error("the alpha optimizer's beta1 must be in [0, 1)");
    if (!(arch_weight_decay >= 0.0)) throw Error("the alpha weight decay must not be negative");
    if (!(arch_fraction > 0.0 && arch_fraction < 1.0)) {
        throw Error(fmt::format("--arch-fraction {} must be between 0 and 1", arch_fraction));
    }
    if (!(clamp > 0.0f)) throw Error("the mixture clamp must be positive");
    if (top == 0) throw Error("--top must be at least 1");
}

std::size_t DartsSettings::warm_epochs_of(std::size_t training_epochs) const {
    const std::size_t warm = warm_epochs.value_or(training_epochs / 4);
    if (warm >= training_epochs) {
        throw Error(fmt::format("--warm-epochs {} leaves no search epoch of {}", warm, training_epochs));
    }
    return warm;
}

nlohmann::json to_json(const DartsSettings& s) {
    return {{"primitives", s.primitives},
            {"functions", s.functions},
            {"cell", cell_name(s.cell)},
            {"per_layer", s.per_layer},
            {"epochs", s.epochs},
            {"warm_epochs", s.warm_epochs ? nlohmann::json(*s.warm_epochs) : nlohmann::json(nullptr)},
            {"temperature", {s.temperature_start, s.temperature_end}},
            {"arch_lr", s.arch_lr},
            {"arch_beta1", s.arch_beta1},
            {"arch_weight_decay", s.arch_weight_decay},
            {"arch_fraction", s.arch_fraction},
            {"clamp", s.clamp},
            {"standardize", s.standardize},
            {"hold_input_spread", s.hold_input_spread},
            {"top", s.top},
            {"shrink_every", s.shrink_every},
            {"seed", s.seed}};
}

} // namespace actforge::evolution
