#include "actforge/expr/primitive.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>

namespace actforge::expr {
namespace {

constexpr double kSeluLambda = 1.0507009873554804934193349852946;
constexpr double kSeluAlpha = 1.6732632423543772848170429916717;
constexpr double kLeakySlope = 0.01;

double sigmoid(double a) {
    if (a >= 0) return 1.0 / (1.0 + std::exp(-a));
    const double e = std::exp(a);
    return e / (1.0 + e);
}
double softplus(double a) { return std::max(a, 0.0) + std::log1p(std::exp(-std::abs(a))); }
double sign(double a) { return a > 0 ? 1.0 : (a < 0 ? -1.0 : 0.0); }
double normal_cdf(double a) { return 0.5 * std::erfc(-a / std::numbers::sqrt2); }
double normal_pdf(double a) { return std::exp(-0.5 * a * a) / std::sqrt(2.0 * std::numbers::pi); }
// Exponentially scaled modified Bessel function I_nu(|a|) e^{-|a|}, nu 0 or
// 1. Up to |a| = 30 the power series sum_k (x/2)^(2k+nu) / (k! (k+nu)!):
// its terms are positive, so it sums to double precision. Not
// std::cyl_bessel_i: libstdc++ computes it with lgamma, and glibc's lgamma
// writes the global signgam, a data race between training threads (found
// by ThreadSanitizer). Beyond 30 the Hankel asymptotic series (converges to
// double precision there).
double bessel_ie(int nu, double a) {
    const double x = std::abs(a);
    if (x <= 30.0) {
        const double quarter_x2 = 0.25 * x * x;
        double term = nu == 0 ? 1.0 : 0.5 * x;
        double sum = term;
        for (int k = 1; k < 200 && term > 1e-17 * sum; ++k) {
            term *= quarter_x2 / (static_cast<double>(k) * (k + nu));
            sum += term;
        }
        return sum * std::exp(-x);
    }
    const double mu = 4.0 * nu * nu;
    double term = 1.0;
    double sum = 1.0;
    for (int k = 1; k < 30; ++k) {
        const double odd = 2.0 * k - 1.0;
        term *= -(mu - odd * odd) / (k * 8.0 * x);
        sum += term;
        if (std::abs(term) < 1e-17 * std::abs(sum)) break;
    }
    return sum / std::sqrt(2.0 * std::numbers::pi * x);
}
double i0e(double a) { return bessel_ie(0, a); }
double i1e(double a) { return sign(a) * bessel_ie(1, a); }
// sinc near 0 by its series, where sin(a)/a loses all digits.
double sinc(double a) { return std::abs(a) < 1e-4 ? 1.0 - a * a / 6.0 : std::sin(a) / a; }
double sinc_d(double a) { return std::abs(a) < 1e-4 ? -a / 3.0 : (a * std::cos(a) - std::sin(a)) / (a * a); }

// Shared by the two Bessel helpers of the C++ export; guarded so that a
// formula using both defines it once.
#define ACTFORGE_CPP_BESSEL_IE                                                                                         \
    "#ifndef AF_BESSEL_IE\n#define AF_BESSEL_IE\n"                                                                     \
    "// I_nu(|v|) e^{-|v|} for nu 0 or 1, as actforge computes it: the power series up to 30\n"                       \
    "// (not std::cyl_bessel_i, whose lgamma writes glibc's global signgam), Hankel's beyond.\n"                       \
    "inline float af_bessel_ie(int nu, float v) {\n"                                                                   \
    "    const double x = std::fabs(static_cast<double>(v));\n"                                                        \
    "    if (x <= 30.0) {\n"                                                                                           \
    "        const double quarter_x2 = 0.25 * x * x;\n"                                                                \
    "        double term = nu == 0 ? 1.0 : 0.5 * x;\n"                                                                 \
    "        double sum = term;\n"                                                                                     \
    "        for (int k = 1; k < 200 && term > 1e-17 * sum; ++k) {\n"                                                  \
    "            term *= quarter_x2 / (static_cast<double>(k) * (k + nu));\n"                                          \
    "            sum += term;\n"                                                                                       \
    "        }\n"                                                                                                      \
    "        return static_cast<float>(sum * std::exp(-x));\n"                                                         \
    "    }\n"                                                                                                          \
    "    const double mu = 4.0 * nu * nu;\n"                                                                           \
    "    double term = 1.0, sum = 1.0;\n"                                                                              \
    "    for (int k = 1; k < 30; ++k) {\n"                                                                             \
    "        const double odd = 2.0 * k - 1.0;\n"                                                                      \
    "        term *= -(mu - odd * odd) / (k * 8.0 * x);\n"                                                             \
    "        sum += term;\n"                                                                                           \
    "        if (std::fabs(term) < 1e-17 * std::fabs(sum)) break;\n"                                                   \
    "    }\n"                                                                                                          \
    "    return static_cast<float>(sum / std::sqrt(2.0 * 3.14159265358979323846 * x));\n}\n#endif\n"                   \
    ""

using V = double (*)(double, double);
using P = Partials (*)(double, double);

constexpr double none(double, double) { return 0.0; }
constexpr Partials no_partials(double, double) { return {}; }

// clang-format off
// name, arity, domain, smooth, commutative, symbol, precedence, value, partials,
// latex, sympy, pytorch, pytorch helper, cpp, cpp helper
constexpr std::array<Primitive, kOpCount> kTable{{
    {Op::Var, "x", 0, Domain::AllReals, true, false, "", 9, none, no_partials, "x", "x", "x", "", "x", ""},
    {Op::Const, "const", 0, Domain::AllReals, true, false, "", 9, none, no_partials, "", "", "", "", "", ""},
    {Op::Param, "param", 0, Domain::AllReals, true, false, "", 9, none, no_partials, "", "", "", "", "", ""},

    {Op::Neg, "neg", 1, Domain::AllReals, true, false, "-", 3,
     [](double a, double) { return -a; }, [](double, double) { return Partials{-1.0, 0.0}; },
     "-{0}", "-{0}", "-{0}", "", "-{0}", ""},
    {Op::Abs, "abs", 1, Domain::AllReals, false, false, "", 9,
     [](double a, double) { return std::abs(a); }, [](double a, double) { return Partials{sign(a), 0.0}; },
     "\\left|{0}\\right|", "Abs({0})", "torch.abs({0})", "", "std::fabs({0})", ""},
    {Op::Square, "square", 1, Domain::AllReals, true, false, "", 9,
     [](double a, double) { return a * a; }, [](double a, double) { return Partials{2.0 * a, 0.0}; },
     "{0}^{2}", "{0}**2", "torch.square({0})", "", "af_square({0})",
     "inline float af_square(float v) { return v * v; }"},
    {Op::Cube, "cube", 1, Domain::AllReals, true, false, "", 9,
     [](double a, double) { return a * a * a; }, [](double a, double) { return Partials{3.0 * a * a, 0.0}; },
     "{0}^{3}", "{0}**3", "torch.pow({0}, 3)", "", "af_cube({0})",
     "inline float af_cube(float v) { return v * v * v; }"},
    {Op::Sqrt, "sqrt", 1, Domain::NonNegative, true, false, "", 9,
     [](double a, double) { return std::sqrt(a); }, [](double a, double) { return Partials{0.5 / std::sqrt(a), 0.0}; },
     "\\sqrt{{0}}", "sqrt({0})", "torch.sqrt({0})", "", "std::sqrt({0})", ""},
    {Op::Reciprocal, "reciprocal", 1, Domain::NonZero, true, false, "", 9,
     [](double a, double) { return 1.0 / a; }, [](double a, double) { return Partials{-1.0 / (a * a), 0.0}; },
     "\\frac{1}{{0}}", "1/{0}", "torch.reciprocal({0})", "", "1.0f / {0}", ""},
    {Op::Exp, "exp", 1, Domain::AllReals, true, false, "", 9,
     [](double a, double) { return std::exp(a); }, [](double a, double) { return Partials{std::exp(a), 0.0}; },
     "e^{{0}}", "exp({0})", "torch.exp({0})", "", "std::exp({0})", ""},
    {Op::Expm1, "expm1", 1, Domain::AllReals, true, false, "", 9,
     [](double a, double) { return std::expm1(a); }, [](double a, double) { return Partials{std::exp(a), 0.0}; },
     "\\left(e^{{0}} - 1\\right)", "(exp({0}) - 1)", "torch.expm1({0})", "", "std::expm1({0})", ""},
    {Op::Log, "log", 1, Domain::Positive, true, false, "", 9,
     [](double a, double) { return std::log(a); }, [](double a, double) { return Partials{1.0 / a, 0.0}; },
     "\\log\\left({0}\\right)", "log({0})", "torch.log({0})", "", "std::log({0})", ""},
    {Op::Sin, "sin", 1, Domain::AllReals, true, false, "", 9,
     [](double a, double) { return std::sin(a); }, [](double a, double) { return Partials{std::cos(a), 0.0}; },
     "\\sin\\left({0}\\right)", "sin({0})", "torch.sin({0})", "", "std::sin({0})", ""},
    {Op::Cos, "cos", 1, Domain::AllReals, true, false, "", 9,
     [](double a, double) { return std::cos(a); }, [](double a, double) { return Partials{-std::sin(a), 0.0}; },
     "\\cos\\left({0}\\right)", "cos({0})", "torch.cos({0})", "", "std::cos({0})", ""},
    {Op::Sinh, "sinh", 1, Domain::AllReals, true, false, "", 9,
     [](double a, double) { return std::sinh(a); }, [](double a, double) { return Partials{std::cosh(a), 0.0}; },
     "\\sinh\\left({0}\\right)", "sinh({0})", "torch.sinh({0})", "", "std::sinh({0})", ""},
    {Op::Cosh, "cosh", 1, Domain::AllReals, true, false, "", 9,
     [](double a, double) { return std::cosh(a); }, [](double a, double) { return Partials{std::sinh(a), 0.0}; },
     "\\cosh\\left({0}\\right)", "cosh({0})", "torch.cosh({0})", "", "std::cosh({0})", ""},
    {Op::Tanh, "tanh", 1, Domain::AllReals, true, false, "", 9,
     [](double a, double) { return std::tanh(a); },
     [](double a, double) { const double t = std::tanh(a); return Partials{1.0 - t * t, 0.0}; },
     "\\tanh\\left({0}\\right)", "tanh({0})", "torch.tanh({0})", "", "std::tanh({0})", ""},
    {Op::Asinh, "asinh", 1, Domain::AllReals, true, false, "", 9,
     [](double a, double) { return std::asinh(a); },
     [](double a, double) { return Partials{1.0 / std::sqrt(1.0 + a * a), 0.0}; },
     "\\operatorname{arsinh}\\left({0}\\right)", "asinh({0})", "torch.asinh({0})", "", "std::asinh({0})", ""},
    {Op::Atan, "atan", 1, Domain::AllReals, true, false, "", 9,
     [](double a, double) { return std::atan(a); }, [](double a, double) { return Partials{1.0 / (1.0 + a * a), 0.0}; },
     "\\arctan\\left({0}\\right)", "atan({0})", "torch.atan({0})", "", "std::atan({0})", ""},
    {Op::Sinc, "sinc", 1, Domain::AllReals, true, false, "", 9,
     [](double a, double) { return sinc(a); }, [](double a, double) { return Partials{sinc_d(a), 0.0}; },
     "\\operatorname{sinc}\\left({0}\\right)", "sinc({0})", "_sinc({0})",
     "def _sinc(v):\n    safe = torch.where(v == 0, torch.ones_like(v), v)\n"
     "    return torch.where(v == 0, torch.ones_like(v), torch.sin(safe) / safe)",
     "af_sinc({0})", "inline float af_sinc(float v) { return v == 0.0f ? 1.0f : std::sin(v) / v; }"},
    {Op::Erf, "erf", 1, Domain::AllReals, true, false, "", 9,
     [](double a, double) { return std::erf(a); },
     [](double a, double) { return Partials{2.0 / std::sqrt(std::numbers::pi) * std::exp(-a * a), 0.0}; },
     "\\operatorname{erf}\\left({0}\\right)", "erf({0})", "torch.erf({0})", "", "std::erf({0})", ""},
    {Op::Erfc, "erfc", 1, Domain::AllReals, true, false, "", 9,
     [](double a, double) { return std::erfc(a); },
     [](double a, double) { return Partials{-2.0 / std::sqrt(std::numbers::pi) * std::exp(-a * a), 0.0}; },
     "\\operatorname{erfc}\\left({0}\\right)", "erfc({0})", "torch.erfc({0})", "", "std::erfc({0})", ""},
    {Op::Sigmoid, "sigmoid", 1, Domain::AllReals, true, false, "", 9,
     [](double a, double) { return sigmoid(a); },
     [](double a, double) { const double s = sigmoid(a); return Partials{s * (1.0 - s), 0.0}; },
     "\\sigma\\left({0}\\right)", "1/(1 + exp(-{0}))", "torch.sigmoid({0})", "", "af_sigmoid({0})",
     "inline float af_sigmoid(float v) { return 1.0f / (1.0f + std::exp(-v)); }"},
    {Op::LogSigmoid, "log_sigmoid", 1, Domain::AllReals, true, false, "", 9,
     [](double a, double) { return -softplus(-a); }, [](double a, double) { return Partials{sigmoid(-a), 0.0}; },
     "\\log\\sigma\\left({0}\\right)", "(-log(1 + exp(-{0})))", "F.logsigmoid({0})", "", "af_log_sigmoid({0})",
     "inline float af_log_sigmoid(float v) {\n"
     "    return -(std::fmax(-v, 0.0f) + std::log1p(std::exp(-std::fabs(v))));\n}"},
    {Op::Softplus, "softplus", 1, Domain::AllReals, true, false, "", 9,
     [](double a, double) { return softplus(a); }, [](double a, double) { return Partials{sigmoid(a), 0.0}; },
     "\\operatorname{softplus}\\left({0}\\right)", "log(1 + exp({0}))", "F.softplus({0})", "", "af_softplus({0})",
     "inline float af_softplus(float v) { return std::fmax(v, 0.0f) + std::log1p(std::exp(-std::fabs(v))); }"},
    {Op::Softsign, "softsign", 1, Domain::AllReals, true, false, "", 9,
     [](double a, double) { return a / (1.0 + std::abs(a)); },
     [](double a, double) { const double d = 1.0 + std::abs(a); return Partials{1.0 / (d * d), 0.0}; },
     "\\operatorname{softsign}\\left({0}\\right)", "({0}/(1 + Abs({0})))", "F.softsign({0})", "",
     "af_softsign({0})", "inline float af_softsign(float v) { return v / (1.0f + std::fabs(v)); }"},
    {Op::Relu, "relu", 1, Domain::AllReals, false, false, "", 9,
     [](double a, double) { return a < 0 ? 0.0 : a; }, [](double a, double) { return Partials{a > 0 ? 1.0 : 0.0, 0.0}; },
     "\\max\\left(0, {0}\\right)", "Max(0, {0})", "torch.relu({0})", "", "af_relu({0})",
     "inline float af_relu(float v) { return v > 0.0f ? v : 0.0f; }"},
    {Op::LeakyRelu, "leaky_relu", 1, Domain::AllReals, false, false, "", 9,
     [](double a, double) { return a > 0 ? a : kLeakySlope * a; },
     [](double a, double) { return Partials{a > 0 ? 1.0 : kLeakySlope, 0.0}; },
     "\\operatorname{LeakyReLU}\\left({0}\\right)", "Piecewise(({0}, {0} > 0), ({0}/100, True))",
     "F.leaky_relu({0}, 0.01)", "", "af_leaky_relu({0})",
     "inline float af_leaky_relu(float v) { return v > 0.0f ? v : 0.01f * v; }"},
    {Op::Elu, "elu", 1, Domain::AllReals, false, false, "", 9,
     [](double a, double) { return a > 0 ? a : std::expm1(a); },
     [](double a, double) { return Partials{a > 0 ? 1.0 : std::exp(a), 0.0}; },
     "\\operatorname{ELU}\\left({0}\\right)", "Piecewise(({0}, {0} > 0), (exp({0}) - 1, True))", "F.elu({0})", "",
     "af_elu({0})", "inline float af_elu(float v) { return v > 0.0f ? v : std::expm1(v); }"},
    {Op::Selu, "selu", 1, Domain::AllReals, false, false, "", 9,
     [](double a, double) { return kSeluLambda * (a > 0 ? a : kSeluAlpha * std::expm1(a)); },
     [](double a, double) { return Partials{kSeluLambda * (a > 0 ? 1.0 : kSeluAlpha * std::exp(a)), 0.0}; },
     "\\operatorname{SELU}\\left({0}\\right)",
     "1.0507009873554805*Piecewise(({0}, {0} > 0), (1.6732632423543772*(exp({0}) - 1), True))", "F.selu({0})", "",
     "af_selu({0})",
     "inline float af_selu(float v) {\n"
     "    return 1.05070098735548f * (v > 0.0f ? v : 1.67326324235438f * std::expm1(v));\n}"},
    {Op::Swish, "swish", 1, Domain::AllReals, true, false, "", 9,
     [](double a, double) { return a * sigmoid(a); },
     [](double a, double) { const double s = sigmoid(a); return Partials{s + a * s * (1.0 - s), 0.0}; },
     "\\operatorname{swish}\\left({0}\\right)", "({0}/(1 + exp(-{0})))", "F.silu({0})", "", "af_swish({0})",
     "inline float af_swish(float v) { return v / (1.0f + std::exp(-v)); }"},
    {Op::Gelu, "gelu", 1, Domain::AllReals, true, false, "", 9,
     [](double a, double) { return a * normal_cdf(a); },
     [](double a, double) { return Partials{normal_cdf(a) + a * normal_pdf(a), 0.0}; },
     "\\operatorname{GELU}\\left({0}\\right)", "({0}*(1 + erf({0}/sqrt(2)))/2)", "F.gelu({0})", "", "af_gelu({0})",
     "inline float af_gelu(float v) { return 0.5f * v * std::erfc(-v * 0.70710678118654752f); }"},
    {Op::Mish, "mish", 1, Domain::AllReals, true, false, "", 9,
     [](double a, double) { return a * std::tanh(softplus(a)); },
     [](double a, double) {
         const double t = std::tanh(softplus(a));
         return Partials{t + a * (1.0 - t * t) * sigmoid(a), 0.0};
     },
     "\\operatorname{mish}\\left({0}\\right)", "({0}*tanh(log(1 + exp({0}))))", "F.mish({0})", "", "af_mish({0})",
     "inline float af_mish(float v) {\n"
     "    return v * std::tanh(std::fmax(v, 0.0f) + std::log1p(std::exp(-std::fabs(v))));\n}"},
    {Op::HardSigmoid, "hard_sigmoid", 1, Domain::AllReals, false, false, "", 9,
     [](double a, double) { return a < -3.0 ? 0.0 : (a > 3.0 ? 1.0 : a / 6.0 + 0.5); },
     [](double a, double) { return Partials{(a > -3.0 && a < 3.0) ? 1.0 / 6.0 : 0.0, 0.0}; },
     "\\operatorname{hardsigmoid}\\left({0}\\right)", "Min(1, Max(0, {0}/6 + 1/2))", "F.hardsigmoid({0})", "",
     "af_hard_sigmoid({0})",
     "inline float af_hard_sigmoid(float v) { return std::fmin(1.0f, std::fmax(0.0f, v / 6.0f + 0.5f)); }"},
    {Op::HardTanh, "hard_tanh", 1, Domain::AllReals, false, false, "", 9,
     [](double a, double) { return a < -1.0 ? -1.0 : (a > 1.0 ? 1.0 : a); },
     [](double a, double) { return Partials{(a > -1.0 && a < 1.0) ? 1.0 : 0.0, 0.0}; },
     "\\operatorname{hardtanh}\\left({0}\\right)", "Min(1, Max(-1, {0}))", "F.hardtanh({0})", "",
     "af_hard_tanh({0})", "inline float af_hard_tanh(float v) { return std::fmin(1.0f, std::fmax(-1.0f, v)); }"},
    {Op::Gaussian, "gaussian", 1, Domain::AllReals, true, false, "", 9,
     [](double a, double) { return std::exp(-a * a); },
     [](double a, double) { return Partials{-2.0 * a * std::exp(-a * a), 0.0}; },
     "e^{-{0}^{2}}", "exp(-{0}**2)", "torch.exp(-torch.square({0}))", "", "af_gaussian({0})",
     "inline float af_gaussian(float v) { return std::exp(-v * v); }"},
    {Op::BesselI0e, "bessel_i0e", 1, Domain::AllReals, false, false, "", 9,
     [](double a, double) { return i0e(a); }, [](double a, double) { return Partials{i1e(a) - sign(a) * i0e(a), 0.0}; },
     "\\operatorname{I_0^e}\\left({0}\\right)", "(besseli(0, {0})*exp(-Abs({0})))", "torch.special.i0e({0})", "",
     "af_bessel_i0e({0})",
     ACTFORGE_CPP_BESSEL_IE "inline float af_bessel_i0e(float v) { return af_bessel_ie(0, v); }"},
    {Op::BesselI1e, "bessel_i1e", 1, Domain::AllReals, true, false, "", 9,
     [](double a, double) { return i1e(a); },
     [](double a, double) { return Partials{a == 0 ? 0.5 : i0e(a) - i1e(a) * (sign(a) + 1.0 / a), 0.0}; },
     "\\operatorname{I_1^e}\\left({0}\\right)", "(besseli(1, {0})*exp(-Abs({0})))", "torch.special.i1e({0})", "",
     "af_bessel_i1e({0})",
     ACTFORGE_CPP_BESSEL_IE "inline float af_bessel_i1e(float v) { return (v < 0 ? -1.0f : 1.0f) * af_bessel_ie(1, v); }"},

    {Op::Add, "add", 2, Domain::AllReals, true, true, "+", 1,
     [](double a, double b) { return a + b; }, [](double, double) { return Partials{1.0, 1.0}; },
     "{0} + {1}", "{0} + {1}", "{0} + {1}", "", "{0} + {1}", ""},
    {Op::Sub, "sub", 2, Domain::AllReals, true, false, "-", 1,
     [](double a, double b) { return a - b; }, [](double, double) { return Partials{1.0, -1.0}; },
     "{0} - {1}", "{0} - {1}", "{0} - {1}", "", "{0} - {1}", ""},
    {Op::Mul, "mul", 2, Domain::AllReals, true, true, "*", 2,
     [](double a, double b) { return a * b; }, [](double a, double b) { return Partials{b, a}; },
     "{0} \\cdot {1}", "{0}*{1}", "{0} * {1}", "", "{0} * {1}", ""},
    {Op::Div, "div", 2, Domain::NonZero, true, false, "/", 2,
     [](double a, double b) { return a / b; }, [](double a, double b) { return Partials{1.0 / b, -a / (b * b)}; },
     "\\frac{{0}}{{1}}", "{0}/{1}", "{0} / {1}", "", "{0} / {1}", ""},
    {Op::Max, "max", 2, Domain::AllReals, false, true, "", 9,
     [](double a, double b) { return std::isnan(a) || std::isnan(b) ? std::nan("") : (a >= b ? a : b); },
     [](double a, double b) { return a >= b ? Partials{1.0, 0.0} : Partials{0.0, 1.0}; },
     "\\max\\left({0}, {1}\\right)", "Max({0}, {1})", "_maximum({0}, {1})",
     "def _maximum(a, b):\n    return torch.maximum(torch.as_tensor(a), torch.as_tensor(b))", "af_max({0}, {1})",
     "inline float af_max(float a, float b) { return std::isnan(a) || std::isnan(b) ? NAN : (a >= b ? a : b); }"},
    {Op::Min, "min", 2, Domain::AllReals, false, true, "", 9,
     [](double a, double b) { return std::isnan(a) || std::isnan(b) ? std::nan("") : (a <= b ? a : b); },
     [](double a, double b) { return a <= b ? Partials{1.0, 0.0} : Partials{0.0, 1.0}; },
     "\\min\\left({0}, {1}\\right)", "Min({0}, {1})", "_minimum({0}, {1})",
     "def _minimum(a, b):\n    return torch.minimum(torch.as_tensor(a), torch.as_tensor(b))", "af_min({0}, {1})",
     "inline float af_min(float a, float b) { return std::isnan(a) || std::isnan(b) ? NAN : (a <= b ? a : b); }"},
    {Op::Pow, "pow", 2, Domain::PowBase, true, false, "^", 4,
     [](double a, double b) { return std::pow(a, b); },
     [](double a, double b) { return Partials{b * std::pow(a, b - 1.0), std::pow(a, b) * std::log(a)}; },
     "{0}^{{1}}", "{0}**{1}", "torch.pow({0}, {1})", "", "std::pow({0}, {1})", ""},
}};
// clang-format on

constexpr bool table_is_ordered() {
    for (std::size_t i = 0; i < kTable.size(); ++i) {
        if (static_cast<std::size_t>(kTable[i].op) != i) return false;
        if (kTable[i].arity != arity(kTable[i].op)) return false;
    }
    return true;
}
static_assert(table_is_ordered(), "kTable rows must follow the order of Op and agree on arity");

} // namespace

const Primitive& primitive(Op op) noexcept { return kTable[static_cast<std::size_t>(op)]; }

std::span<const Primitive> all_primitives() noexcept { return kTable; }

const Primitive* find_primitive(std::string_view name) noexcept {
    for (const auto& p : kTable) {
        if (p.op != Op::Const && p.op != Op::Param && p.name == name) return &p;
    }
    return nullptr;
}

} // namespace actforge::expr
