#include "network_export.hpp"

#include "network_export_parts.hpp"

#include "actforge/evolution/genome/candidate_text.hpp"
#include "actforge/fitness/task_network.hpp"
#include "actforge/nn/cnn.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace actforge::cli {

std::string activation_class(const CandidateExport& c, std::size_t l) {
    return c.layers.size() == 1 ? "Activation()" : fmt::format("Activation{}()", l + 1);
}

std::string weight_bound_code(nn::Init init, std::string_view fan_out) {
    switch (init) {
    case nn::Init::He: return "math.sqrt(6.0 / fan_in)";
    case nn::Init::Xavier: return fmt::format("math.sqrt(6.0 / (fan_in + {}))", fan_out);
    case nn::Init::LeCun: return "math.sqrt(3.0 / fan_in)";
    case nn::Init::Torch: return "math.sqrt(1.0 / fan_in)";
    }
    return {};
}

std::string init_code(nn::Init init) {
    if (init == nn::Init::Torch) return "    # Scored with PyTorch's default initialisation: nothing to change.\n";
    const std::string bound = weight_bound_code(init, "fan_out");
    return fmt::format("    # Scored with {}-uniform weights and zero biases, not PyTorch's default: apply them.\n"
                       "    import math\n"
                       "    for m in net.modules():\n"
                       "        if isinstance(m, (torch.nn.Linear, torch.nn.Conv2d)):\n"
                       "            fan_in = m.weight[0].numel()\n"
                       "            fan_out = m.weight.shape[0] * m.weight[0][0].numel()\n"
                       "            bound = {}\n"
                       "            with torch.no_grad():\n"
                       "                m.weight.uniform_(-bound, bound)\n"
                       "                m.bias.zero_()\n",
                       nn::to_string(init), bound);
}

namespace {

std::string pytorch_network(const CandidateExport& c) {
    if (c.cell) return pytorch_recurrent_network(c);
    const nn::CnnSpec block; // the conv blocks the evaluator builds
    std::string out;
    std::string layers;
    std::string prev;
    std::size_t l = 0;
    const std::string dense = c.hidden.empty() ? "no hidden layer" : fmt::format("{}", fmt::join(c.hidden, "-"));
    if (!c.conv_channels.empty()) {
        out += "\n\ndef build_network(in_channels, height, width, num_classes):\n";
        out += fmt::format("    \"\"\"The scored CNN: conv {}, then dense {}.\"\"\"\n", fmt::join(c.conv_channels, "-"),
                           dense);
        prev = "in_channels";
        for (std::size_t ch : c.conv_channels) {
            layers += fmt::format("        torch.nn.Conv2d({}, {}, {}, stride={}, padding={}), {},{}\n", prev, ch,
                                  block.kernel, block.stride, block.padding, activation_class(c, l++),
                                  block.pool > 1 ? fmt::format(" torch.nn.MaxPool2d({}),", block.pool) : "");
            prev = std::to_string(ch);
        }
        // The feature count after the blocks, as the blocks shrink the image.
        out += fmt::format("    h, w = height, width\n    for _ in range({}):\n", c.conv_channels.size());
        out += fmt::format("        h, w = (h + {0} - {1}) // {2} + 1, (w + {0} - {1}) // {2} + 1\n", 2 * block.padding,
                           block.kernel, block.stride);
        if (block.pool > 1) out += fmt::format("        h, w = h // {0}, w // {0}\n", block.pool);
        out += fmt::format("    features = {} * h * w\n", prev);
        layers += "        torch.nn.Flatten(),\n";
        prev = "features";
    } else {
        out += "\n\ndef build_network(in_features, num_classes):\n";
        out += fmt::format("    \"\"\"The scored MLP: dense {}.\"\"\"\n", dense);
        prev = "in_features";
    }
    for (std::size_t h : c.hidden) {
        layers += fmt::format("        torch.nn.Linear({}, {}), {},\n", prev, h, activation_class(c, l++));
        prev = std::to_string(h);
    }
    layers += fmt::format("        torch.nn.Linear({}, num_classes),\n", prev);
    out += fmt::format("    net = torch.nn.Sequential(\n{}    )\n", layers);
    out += init_code(c.init);
    out += "    return net\n";
    return out + training_constants(c);
}

} // namespace

CandidateExport candidate_export(const evolution::Individual& e, const evolution::CampaignConfig& c,
                                 bool initial_parameters) {
    CandidateExport out;
    out.layers = evolution::trained_functions(e, initial_parameters);
    out.conv_channels = c.task.conv_channels;
    out.cell = c.task.cell;
    out.clip_norm = c.task.training.clip_norm;
    out.steps = fitness::declared_steps(c.task);
    const fitness::Architecture a = e.genome.architecture.value_or(fitness::default_architecture(c.task));
    out.hidden = a.hidden;
    out.learning_rate = a.learning_rate;
    out.training = fitness::training_config(c.task, a, 0);
    out.init = c.task.init;
    out.own_architecture = e.genome.architecture.has_value();
    return out;
}

std::string print_candidate(const CandidateExport& c, expr::Format format) {
    const std::size_t n = c.layers.size();
    auto per_line = [&](auto&& print_one) {
        std::string out;
        for (std::size_t l = 0; l < n; ++l) out += print_one(c.layers[l], l) + "\n";
        return out;
    };
    switch (format) {
    case expr::Format::Infix: // what `actforge eval --activations` takes
        return evolution::formulas(evolution::Genome{c.layers, std::nullopt}) + "\n";
    case expr::Format::Latex:
        return per_line([&](const expr::Tree& t, std::size_t l) {
            return n == 1 ? expr::to_latex(t) : fmt::format("f_{{{}}}(x) = {}", l + 1, expr::to_latex(t));
        });
    case expr::Format::Sympy: return per_line([&](const expr::Tree& t, std::size_t) { return expr::to_sympy(t); });
    case expr::Format::Pytorch: return expr::to_pytorch(std::span<const expr::Tree>(c.layers)) + pytorch_network(c);
    case expr::Format::Cpp: return expr::to_cpp(std::span<const expr::Tree>(c.layers));
    case expr::Format::Json: {
        if (n == 1 && !c.own_architecture) return expr::to_json(c.layers.front());
        nlohmann::json j{{"conv_channels", c.conv_channels}, {"hidden", c.hidden}, {"lr", c.learning_rate}};
        // A recurrent network: the cell (hidden[0] its state) and the steps a row is read as.
        if (c.cell) {
            j["cell"] = nn::to_string(*c.cell);
            j["steps"] = c.steps;
        }
        j["layers"] = nlohmann::json::array();
        for (const auto& t : c.layers) j["layers"].push_back(nlohmann::json::parse(expr::to_json(t)));
        return j.dump(2) + "\n";
    }
    }
    return {};
}

} // namespace actforge::cli
