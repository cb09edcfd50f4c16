#include "report_text.hpp"

#include "actforge/fitness/task_json.hpp"

#include <cmath>
#include <fmt/format.h>

namespace actforge::evolution::report_text {

std::string percent(double fraction) {
    return std::isfinite(fraction) ? fmt::format("{:.2f}%", 100 * fraction) : "\u2013";
}

std::string points(double fraction) {
    return std::isfinite(fraction) ? fmt::format("{:+.2f}", 100 * fraction) : "\u2013";
}

std::string p_value(double p) { return std::isfinite(p) ? fmt::format("{:.3g}", p) : "\u2013"; }

std::string duration(double seconds) {
    if (!std::isfinite(seconds) || seconds < 0) return "\u2013";
    const auto s = static_cast<long long>(std::llround(seconds));
    if (s < 60) return fmt::format("{:.1f} s", seconds);
    if (s < 3600) return fmt::format("{} min {} s", s / 60, s % 60);
    return fmt::format("{} h {} min", s / 3600, (s % 3600) / 60);
}

std::string network(const fitness::TaskSpec& spec) {
    std::string shape;
    if (!spec.conv_channels.empty()) shape = fmt::format("conv {} \u2192 ", fmt::join(spec.conv_channels, ", "));
    if (spec.cell && !spec.hidden.empty()) {
        // hidden[0] is the cell's state; the rest is the dense head.
        shape += fmt::format("{} cell of {}", nn::to_string(*spec.cell), spec.hidden[0]);
        if (spec.hidden.size() > 1)
            shape += fmt::format(" \u2192 dense {}", fmt::join(spec.hidden.begin() + 1, spec.hidden.end(), "-"));
    } else {
        shape += spec.hidden.empty() ? "no hidden dense layer" : fmt::format("dense {}", fmt::join(spec.hidden, "-"));
    }
    const auto& t = spec.training;
    return fmt::format("{}; {} lr {:.3g}, batch {}, {} epoch{}, {} initialisation, parameters per {}", shape,
                       fitness::task_spec_to_json(spec).at("optimizer").get<std::string>(), t.lr, t.batch_size,
                       t.epochs, t.epochs == 1 ? "" : "s", nn::to_string(spec.init),
                       spec.sharing == nn::ParamSharing::PerNeuron ? "neuron" : "layer");
}

} // namespace actforge::evolution::report_text
