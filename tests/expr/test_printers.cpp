#include "actforge/core/error.hpp"
#include "actforge/expr/parser.hpp"
#include "actforge/expr/primitive.hpp"
#include "actforge/expr/printer.hpp"
#include "formula_properties.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace actforge;
using namespace actforge::expr;

namespace {
bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }
} // namespace

TEST_CASE("LaTeX") {
    CHECK(to_latex(parse("x/(1 + exp(-x))")) == "\\frac{x}{1 + e^{-x}}");
    CHECK(to_latex(parse("a*sigmoid(x) + b where a=1, b=0")) ==
          "a \\cdot \\sigma\\left(x\\right) + b,\\quad a = 1,\\; b = 0");
    CHECK(to_latex(parse("square(exp(x))")) == "\\left(e^{x}\\right)^{2}");
    CHECK(to_latex(parse("1e-05*x")) == "1 \\cdot 10^{-5} \\cdot x");
}

TEST_CASE("SymPy: parameters inlined, operands bracketed") {
    CHECK(to_sympy(parse("a*sigmoid(x) + b where a=2, b=-0.5")) == "2*(1/(1 + exp(-x))) + -0.5");
    CHECK(to_sympy(parse("square(x + 1)")) == "(x + 1)**2");
    CHECK(to_sympy(parse("relu(x)")) == "Max(0, x)");
    CHECK(to_sympy(parse("(-2)^x")) == "(-2)**x");
}

TEST_CASE("PyTorch module with learnable parameters") {
    const std::string py = to_pytorch(parse("a*sigmoid(x) + sinc(b*x) where a=1, b=0.5"));
    CHECK(contains(py, "class Activation(torch.nn.Module):"));
    CHECK(contains(py, "self.p_a = torch.nn.Parameter(torch.tensor(1.0))"));
    CHECK(contains(py, "self.p_b = torch.nn.Parameter(torch.tensor(0.5))"));
    CHECK(contains(py, "def _sinc(v):"));
    CHECK(contains(py, "return self.p_a * torch.sigmoid(x) + _sinc(self.p_b * x)"));
    CHECK(contains(to_pytorch(parse("3")), "torch.zeros_like(x)"));
}

TEST_CASE("C++ function") {
    const std::string cpp = to_cpp(parse("a*swish(x) - 2 where a=1.5"));
    CHECK(contains(cpp, "inline float activation(float x, float p_a = 1.5f)"));
    CHECK(contains(cpp, "inline float af_swish(float v)"));
    CHECK(contains(cpp, "return p_a * af_swish(x) - 2.0f;"));
}

TEST_CASE("JSON tree") {
    const auto j = nlohmann::json::parse(to_json(parse("a*tanh(x) where a=2")));
    CHECK(j["formula"] == "a*tanh(x) where a=2");
    CHECK(j["parameters"]["a"] == 2.0);
    CHECK(j["tree"]["op"] == "mul");
    CHECK(j["tree"]["args"][0]["op"] == "param");
    CHECK(j["tree"]["args"][1]["args"][0]["op"] == "x");
}

TEST_CASE("format names") {
    CHECK(parse_format("pytorch") == Format::Pytorch);
    CHECK_THROWS_AS((void)parse_format("onnx"), Error);
}

// PyTorch's functions take tensors: an operation on constants alone must
// not reach one as a Python number (torch.pow(0.5, 3) raises).
TEST_CASE("PyTorch: operations on constants alone export as their values, for every primitive") {
    auto forward_line = [](const std::string& py) {
        const auto at = py.find("        return ");
        return py.substr(at, py.find('\n', at) - at);
    };
    for (const Primitive& p : all_primitives()) {
        if (is_leaf(p.op) || p.op == Op::Neg) continue;
        const std::string name(p.name);
        std::vector<std::string> formulas;
        if (is_unary(p.op)) {
            formulas.push_back(name + "(0.5) + x");
        } else {
            formulas.push_back(name + "(0.5, 0.75) + x");
        }
        for (const auto& f : formulas) {
            INFO(f);
            const std::string line = forward_line(to_pytorch(parse(f)));
            CHECK_FALSE(contains(line, "torch."));
            CHECK(line.ends_with(" + x"));
        }
    }
    const std::string mixed = to_pytorch(parse("min(min(cube(0.5), (x + x)), sqrt(relu(x)))"));
    CHECK(contains(mixed, "_minimum(_minimum(0.125, x + x), torch.sqrt(torch.relu(x)))"));
    CHECK(contains(to_pytorch(parse("cube(a) + x where a=0.5")), "torch.pow(self.p_a, 3)"));
    CHECK(contains(to_pytorch(parse("log(0 - 1) + x")), "float('nan') + x"));
    CHECK(contains(to_pytorch(parse("exp(exp(5)) + x")), "float('inf') + x")); // beyond float's range
}

// Constant-only subtrees and constants as either argument of every
// primitive, in every format (the CLI tests run the PyTorch, SymPy and C++
// exports of the same formulas and compare their values).
TEST_CASE("every format exports constants as arguments of every primitive") {
    std::vector<std::string> formulas{"min(min(cube(0.5), (x + x)), sqrt(relu(x)))", "3", "exp(0.5)",
                                      "a*sqrt(2) + x where a=1", "pow(pow(0.5, 3), 0.5)*x"};
    for (const Primitive& p : all_primitives()) {
        const std::string name(p.name);
        if (is_unary(p.op)) {
            formulas.push_back(name + "(0.5) + x");
            formulas.push_back(name + "(x) * " + name + "(0.25)");
            formulas.push_back(name + "(" + name + "(-0.5))");
        } else if (is_binary(p.op)) {
            formulas.push_back(name + "(0.5, 0.75) + x");
            formulas.push_back(name + "(x, 0.5)");
            formulas.push_back(name + "(0.5, x)");
        }
    }
    for (const auto& f : formulas) {
        INFO(f);
        const Tree t = parse(f);
        CHECK(test::print_parse_failure(t) == "");
        CHECK(test::export_failure(t) == "");
    }
}
