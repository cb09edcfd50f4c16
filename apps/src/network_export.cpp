#include "network_export.hpp"

#include "candidate_text.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace actforge::cli {
namespace {

// Name of the activation module class for hidden activation layer l.
std::string activation_class(const CandidateExport& c, std::size_t l) {
    return c.layers.size() == 1 ? "Activation()" : fmt::format("Activation{}()", l + 1);
}

std::string pytorch_network(const CandidateExport& c) {
    const bool cnn = !c.conv_channels.empty();
    std::string layers;
    std::string doc = cnn ? "" : "in_features";
    std::size_t l = 0;
    std::string out;
    if (cnn) {
        out += "\n\ndef build_network(in_channels, height, width, num_classes):\n";
        std::string prev = "in_channels";
        for (std::size_t ch : c.conv_channels) {
            layers += fmt::format("        torch.nn.Conv2d({}, {}, 3, padding=1), {}, torch.nn.MaxPool2d(2),\n", prev,
                                  ch, activation_class(c, l++));
            prev = std::to_string(ch);
        }
        std::string shrink = "height", shrink_w = "width";
        for (std::size_t i = 0; i < c.conv_channels.size(); ++i) {
            shrink = fmt::format("({} // 2)", shrink);
            shrink_w = fmt::format("({} // 2)", shrink_w);
        }
        out += fmt::format("    \"\"\"The scored CNN: conv {} -> dense {} -> num_classes.\"\"\"\n",
                           fmt::join(c.conv_channels, "-"), fmt::join(c.hidden, "-"));
        out += fmt::format("    features = {} * {} * {}\n", prev, shrink, shrink_w);
        layers += "        torch.nn.Flatten(),\n";
        prev = "features";
        for (std::size_t h : c.hidden) {
            layers += fmt::format("        torch.nn.Linear({}, {}), {},\n", prev, h, activation_class(c, l++));
            prev = std::to_string(h);
        }
        layers += fmt::format("        torch.nn.Linear({}, num_classes),\n", prev);
    } else {
        out += "\n\ndef build_network(in_features, num_classes):\n";
        out += fmt::format("    \"\"\"The scored MLP: in_features -> {} -> num_classes.\"\"\"\n",
                           c.hidden.empty() ? "(no hidden layer)" : fmt::format("{}", fmt::join(c.hidden, " -> ")));
        std::string prev = "in_features";
        for (std::size_t h : c.hidden) {
            layers += fmt::format("        torch.nn.Linear({}, {}), {},\n", prev, h, activation_class(c, l++));
            prev = std::to_string(h);
        }
        layers += fmt::format("        torch.nn.Linear({}, num_classes),\n", prev);
    }
    out += fmt::format("    return torch.nn.Sequential(\n{}    )\n", layers);
    out += fmt::format("\n\n# The learning rate the candidate was scored with (Adam unless the task said otherwise).\n"
                       "LEARNING_RATE = {:.6g}\n",
                       c.learning_rate);
    return out;
}

} // namespace

CandidateExport candidate_export(const evolution::Individual& e, const evolution::CampaignConfig& c,
                                 bool initial_parameters) {
    CandidateExport out;
    out.layers = trained_functions(e, initial_parameters);
    out.conv_channels = c.task.conv_channels;
    const fitness::Architecture a = e.genome.architecture.value_or(fitness::default_architecture(c.task));
    out.hidden = a.hidden;
    out.learning_rate = a.learning_rate;
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
    case expr::Format::Infix: {
        // What `actforge eval --activations` takes.
        std::string out;
        for (const auto& t : c.layers) out += (out.empty() ? "" : "; ") + expr::to_infix(t);
        return out + "\n";
    }
    case expr::Format::Latex:
        return per_line([&](const expr::Tree& t, std::size_t l) {
            return n == 1 ? expr::to_latex(t) : fmt::format("f_{{{}}}(x) = {}", l + 1, expr::to_latex(t));
        });
    case expr::Format::Sympy: return per_line([&](const expr::Tree& t, std::size_t) { return expr::to_sympy(t); });
    case expr::Format::Pytorch: return expr::to_pytorch(std::span<const expr::Tree>(c.layers)) + pytorch_network(c);
    case expr::Format::Cpp: return expr::to_cpp(std::span<const expr::Tree>(c.layers));
    case expr::Format::Json: {
        nlohmann::json j{{"conv_channels", c.conv_channels}, {"hidden", c.hidden}, {"lr", c.learning_rate}};
        j["layers"] = nlohmann::json::array();
        for (const auto& t : c.layers) j["layers"].push_back(nlohmann::json::parse(expr::to_json(t)));
        return j.dump(2) + "\n";
    }
    }
    return {};
}

} // namespace actforge::cli
