// LaTeX, SymPy, PyTorch, C++ and JSON exports.
#include "actforge/core/error.hpp"
#include "actforge/expr/printer.hpp"
#include "actforge/expr/reference_eval.hpp"
#include "template_printer.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <span>
#include <vector>

namespace actforge::expr {
namespace {

using detail::render_template;
using detail::TemplateStyle;

std::string latex_number(float v) {
    std::string s = format_number(v);
    const auto e = s.find('e');
    if (e == std::string::npos) return s;
    const int exponent = std::stoi(s.substr(e + 1));
    return fmt::format("{} \\cdot 10^{{{}}}", s.substr(0, e), exponent);
}

std::string latex_name(std::string_view name) {
    if (name.size() == 1) return std::string(name);
    std::string escaped;
    for (char c : name) {
        if (c == '_')
            escaped += "\\_";
        else
            escaped += c;
    }
    return "\\mathit{" + escaped + "}";
}

// A C++ float literal for v ("2.0f", "1e-05f").
std::string cpp_number(float v) {
    std::string s = format_number(v);
    if (s.find_first_of(".e") == std::string::npos) s += ".0";
    return s + "f";
}

// Python float literal.
std::string python_number(double value) {
    const auto v = static_cast<float>(value); // a double beyond float's range is infinite here, as in actforge
    if (std::isnan(v)) return "float('nan')";
    if (std::isinf(v)) return v > 0 ? "float('inf')" : "-float('inf')";
    std::string s = format_number(v);
    if (s.find_first_of(".e") == std::string::npos) s += ".0";
    return s;
}

std::string root_text(const Tree& t, const TemplateStyle& style, std::set<Op>& used) {
    return render_template(t, t.root(), style, used).text;
}

} // namespace

std::string to_latex(const Tree& t) {
    TemplateStyle style{[](const Primitive& p) { return p.latex; }, "\\left(", "\\right)",
                        [](const Tree& tree, const Node& n) {
                            return n.op == Op::Const ? latex_number(n.value)
                                                     : latex_name(tree.parameters[n.param].name);
                        }};
    std::set<Op> used;
    std::string out = root_text(t, style, used);
    for (std::size_t k = 0; k < t.parameters.size(); ++k) {
        out += k == 0 ? ",\\quad " : ",\\; ";
        out += latex_name(t.parameters[k].name) + " = " + latex_number(t.parameters[k].value);
    }
    return out;
}

namespace {

// The subtree rooted at i, parameters included.
Tree subtree(const Tree& t, std::size_t i) {
    Tree sub;
    sub.nodes.assign(t.nodes.begin() + static_cast<std::ptrdiff_t>(t.begin_of(i)),
                     t.nodes.begin() + static_cast<std::ptrdiff_t>(i) + 1);
    sub.parameters = t.parameters;
    return sub;
}

bool free_of_x(const Tree& t, std::size_t i) {
    return std::none_of(t.nodes.begin() + static_cast<std::ptrdiff_t>(t.begin_of(i)),
                        t.nodes.begin() + static_cast<std::ptrdiff_t>(i) + 1,
                        [](const Node& n) { return n.op == Op::Var; });
}

// SymPy evaluates what does not depend on x as it reads it, and its Max,
// Min and Piecewise refuse NaN and complex operands ("not comparable"),
// where actforge's max, min, relu and clamps give NaN. So a subtree free of
// x (parameters are inlined) that actforge evaluates to NaN or an infinity
// is written as that value, and so is a comparing primitive with a NaN
// operand free of x, whose value is NaN too. Finite subtrees stay exact.
std::optional<std::string> sympy_non_finite(const Tree& t, std::size_t i) {
    const auto non_finite = [&](std::size_t k) -> std::optional<float> {
        if (!free_of_x(t, k)) return std::nullopt;
        const auto v = static_cast<float>(reference_value(subtree(t, k), 0.0));
        return std::isfinite(v) ? std::nullopt : std::optional<float>(v);
    };
    if (const auto v = non_finite(i)) return std::isnan(*v) ? "nan" : (*v > 0 ? "oo" : "-oo");
    const std::string_view spelling = primitive(t.nodes[i].op).sympy;
    const bool compares = spelling.find("Max(") != std::string_view::npos ||
                          spelling.find("Min(") != std::string_view::npos ||
                          spelling.find("Piecewise(") != std::string_view::npos;
    if (!compares) return std::nullopt;
    for (int c = 0; c < arity(t.nodes[i].op); ++c) {
        if (const auto v = non_finite(t.child(i, c)); v && std::isnan(*v)) return "nan";
    }
    return std::nullopt;
}

} // namespace

std::string to_sympy(const Tree& t) {
    TemplateStyle style{[](const Primitive& p) { return p.sympy; }, "(", ")",
                        [](const Tree& tree, const Node& n) {
                            // Integers stay integers, so sympy keeps exact rationals.
                            return format_number(n.op == Op::Const ? n.value : tree.parameters[n.param].value);
                        },
                        sympy_non_finite};
    std::set<Op> used;
    return root_text(t, style, used);
}

namespace {

bool uses_x(const Tree& t) {
    return std::any_of(t.nodes.begin(), t.nodes.end(), [](const Node& n) { return n.op == Op::Var; });
}

// "Activation" for a lone function, "Activation1", "Activation2", ... per layer.
std::string layer_name(std::string_view base, std::size_t l, std::size_t count) {
    return count == 1 ? std::string(base) : fmt::format("{}{}", base, l + 1);
}

// PyTorch's functions take tensors, not Python numbers (torch.pow(0.5, 3)
// and torch.sqrt(0.5) raise), so an operation on constants alone is
// exported as its value, computed in double precision when the module is
// written and rounded to float. Subtrees with x or a parameter are tensors
// and print as they are. (Where float intermediates overflow but double
// ones do not, as in exp(100) - exp(100), the export gets the double's 0
// where actforge's float program gets NaN.)
std::optional<std::string> folded_constant(const Tree& t, std::size_t i) {
    const auto first = t.nodes.begin() + static_cast<std::ptrdiff_t>(t.begin_of(i));
    const auto last = t.nodes.begin() + static_cast<std::ptrdiff_t>(i) + 1;
    const bool constant =
        std::all_of(first, last, [](const Node& n) { return n.op != Op::Var && n.op != Op::Param; });
    if (!constant) return std::nullopt;
    Tree sub;
    sub.nodes.assign(first, last);
    return python_number(reference_value(sub, 0.0));
}

} // namespace

std::string to_pytorch(std::span<const Tree> layers) {
    TemplateStyle style{[](const Primitive& p) { return p.pytorch; }, "(", ")",
                        [](const Tree& tree, const Node& n) {
                            return n.op == Op::Const ? python_number(n.value)
                                                     : "self.p_" + tree.parameters[n.param].name;
                        },
                        folded_constant};
    std::set<Op> used;
    std::vector<std::string> bodies;
    for (const Tree& t : layers) bodies.push_back(root_text(t, style, used));
    std::string out = "import torch\nimport torch.nn.functional as F\n\n";
    for (Op op : used) {
        const auto helper = primitive(op).pytorch_helper;
        if (!helper.empty()) out += fmt::format("\n{}\n\n", helper);
    }
    for (std::size_t l = 0; l < layers.size(); ++l) {
        const Tree& t = layers[l];
        out += fmt::format("\nclass {}(torch.nn.Module):\n    \"\"\"f(x) = {}\"\"\"\n\n",
                           layer_name("Activation", l, layers.size()), to_infix(t));
        out += "    def __init__(self):\n        super().__init__()\n";
        for (const auto& p : t.parameters) {
            out += fmt::format("        self.p_{} = torch.nn.Parameter(torch.tensor({}))\n", p.name,
                               python_number(p.value));
        }
        out += "\n    def forward(self, x):\n";
        // A function that ignores x still maps a tensor to a tensor of its shape.
        if (uses_x(t))
            out += fmt::format("        return {}\n", bodies[l]);
        else
            out += fmt::format("        return torch.zeros_like(x) + ({})\n", bodies[l]);
    }
    return out;
}

std::string to_pytorch(const Tree& t) { return to_pytorch(std::span<const Tree>(&t, 1)); }

std::string to_cpp(std::span<const Tree> layers) {
    TemplateStyle style{[](const Primitive& p) { return p.cpp; }, "(", ")",
                        [](const Tree& tree, const Node& n) {
                            return n.op == Op::Const ? cpp_number(n.value) : "p_" + tree.parameters[n.param].name;
                        }};
    std::set<Op> used;
    std::vector<std::string> bodies;
    for (const Tree& t : layers) bodies.push_back(root_text(t, style, used));
    std::string out;
    for (std::size_t l = 0; l < layers.size(); ++l) {
        out += fmt::format("// {}(x) = {}\n", layer_name("activation", l, layers.size()), to_infix(layers[l]));
    }
    out += "#pragma once\n#include <algorithm>\n#include <cmath>\n\n";
    for (Op op : used) {
        const auto helper = primitive(op).cpp_helper;
        if (!helper.empty()) out += fmt::format("{}\n\n", helper);
    }
    for (std::size_t l = 0; l < layers.size(); ++l) {
        const Tree& t = layers[l];
        std::string args = "float x";
        for (const auto& p : t.parameters) args += fmt::format(", float p_{} = {}", p.name, cpp_number(p.value));
        out += fmt::format("{}inline float {}({}) {{\n", l == 0 ? "" : "\n", layer_name("activation", l, layers.size()),
                           args);
        if (!uses_x(t)) out += "    (void)x;\n";
        out += fmt::format("    return {};\n}}\n", bodies[l]);
    }
    return out;
}

std::string to_cpp(const Tree& t) { return to_cpp(std::span<const Tree>(&t, 1)); }

namespace {
nlohmann::json json_node(const Tree& t, std::size_t i) {
    const Node& n = t.nodes[i];
    nlohmann::json j;
    switch (n.op) {
    case Op::Var: j["op"] = "x"; return j;
    case Op::Const:
        j["op"] = "const";
        j["value"] = n.value;
        return j;
    case Op::Param:
        j["op"] = "param";
        j["name"] = t.parameters[n.param].name;
        return j;
    default: break;
    }
    j["op"] = primitive(n.op).name;
    nlohmann::json args = nlohmann::json::array();
    if (arity(n.op) == 1) {
        args.push_back(json_node(t, i - 1));
    } else {
        args.push_back(json_node(t, t.child(i, 0)));
        args.push_back(json_node(t, t.child(i, 1)));
    }
    j["args"] = std::move(args);
    return j;
}
} // namespace

std::string to_json(const Tree& t) {
    nlohmann::json j;
    j["formula"] = to_infix(t);
    j["parameters"] = nlohmann::json::object();
    for (const auto& p : t.parameters) j["parameters"][p.name] = p.value;
    j["tree"] = json_node(t, t.root());
    return j.dump(2) + "\n";
}

Format parse_format(std::string_view name) {
    for (Format f : {Format::Infix, Format::Latex, Format::Sympy, Format::Pytorch, Format::Cpp, Format::Json}) {
        if (format_name(f) == name) return f;
    }
    throw Error(fmt::format("unknown format '{}': choose infix, latex, sympy, pytorch, cpp or json", name));
}

std::string_view format_name(Format f) noexcept {
    switch (f) {
    case Format::Infix: return "infix";
    case Format::Latex: return "latex";
    case Format::Sympy: return "sympy";
    case Format::Pytorch: return "pytorch";
    case Format::Cpp: return "cpp";
    case Format::Json: return "json";
    }
    return "infix";
}

std::string print(const Tree& t, Format f) {
    switch (f) {
    case Format::Infix: return to_infix(t);
    case Format::Latex: return to_latex(t);
    case Format::Sympy: return to_sympy(t);
    case Format::Pytorch: return to_pytorch(t);
    case Format::Cpp: return to_cpp(t);
    case Format::Json: return to_json(t);
    }
    return to_infix(t);
}

} // namespace actforge::expr
