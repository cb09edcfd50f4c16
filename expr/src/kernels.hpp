#pragma once
// One-line SIMD kernels per primitive over a block of kBlock elements: the
// value, and when asked (p != nullptr) the local partial derivative(s).
// These must agree with the double-precision definitions in primitive.cpp;
// the tests compare the two over many points.
#include "actforge/expr/program.hpp"

#include <Eigen/Core>
#include <numbers>
#include <unsupported/Eigen/SpecialFunctions>

namespace actforge::expr::detail {

// A local partial: the block `p` when non-null, otherwise the scalar `s`.
template <typename T> struct LocalPartials {
    const T* pa = nullptr;
    T sa = 0;
    const T* pb = nullptr;
    T sb = 0;
};

template <typename T> using BlockArray = Eigen::Array<T, static_cast<int>(kBlock), 1>;
template <typename T> using BlockMap = Eigen::Map<BlockArray<T>>;
template <typename T> using ConstBlockMap = Eigen::Map<const BlockArray<T>>;

template <typename T> LocalPartials<T> unary_kernel(Op op, const T* a_ptr, T* v_ptr, T* p_ptr) {
    ConstBlockMap<T> a(a_ptr);
    BlockMap<T> v(v_ptr);
    BlockMap<T> p(p_ptr != nullptr ? p_ptr : v_ptr); // only written when p_ptr != nullptr
    const bool d = p_ptr != nullptr;
    const T one(1);
    const T zero(0);
    constexpr T kSeluLambda = T(1.0507009873554804934193349852946);
    constexpr T kSeluAlpha = T(1.6732632423543772848170429916717);
    constexpr T kTwoOverSqrtPi = T(2.0 / 1.7724538509055160272981674833411);
    constexpr T kInvSqrt2 = T(1.0 / std::numbers::sqrt2);
    constexpr T kInvSqrt2Pi = T(0.3989422804014326779399460599343818);
    LocalPartials<T> r{p_ptr, 0, nullptr, 0};
    switch (op) {
    case Op::Neg: v = -a; return {nullptr, T(-1)};
    case Op::Abs:
        v = a.abs();
        if (d) p = a.sign();
        break;
    case Op::Square:
        v = a.square();
        if (d) p = T(2) * a;
        break;
    case Op::Cube:
        v = a.cube();
        if (d) p = T(3) * a.square();
        break;
    case Op::Sqrt:
        v = a.sqrt();
        if (d) p = T(0.5) / v;
        break;
    case Op::Reciprocal:
        v = a.inverse();
        if (d) p = -v.square();
        break;
    case Op::Exp: v = a.exp(); return {v_ptr, 0};
    case Op::Expm1:
        v = a.expm1();
        if (d) p = v + one;
        break;
    case Op::Log:
        v = a.log();
        if (d) p = a.inverse();
        break;
    case Op::Sin:
        v = a.sin();
        if (d) p = a.cos();
        break;
    case Op::Cos:
        v = a.cos();
        if (d) p = -a.sin();
        break;
    case Op::Sinh:
        v = a.sinh();
        if (d) p = a.cosh();
        break;
    case Op::Cosh:
        v = a.cosh();
        if (d) p = a.sinh();
        break;
    case Op::Tanh:
        v = a.tanh();
        if (d) p = one - v.square();
        break;
    case Op::Asinh:
        v = a.asinh();
        if (d) p = (one + a.square()).rsqrt();
        break;
    case Op::Atan:
        v = a.atan();
        if (d) p = (one + a.square()).inverse();
        break;
    case Op::Sinc: {
        const auto small = a.abs() < T(1e-4);
        v = small.select(one - a.square() / T(6), a.sin() / a);
        if (d) p = small.select(-a / T(3), (a * a.cos() - a.sin()) / a.square());
        break;
    }
    case Op::Erf:
        v = a.erf();
        if (d) p = kTwoOverSqrtPi * (-a.square()).exp();
        break;
    case Op::Erfc:
        v = a.erfc();
        if (d) p = -kTwoOverSqrtPi * (-a.square()).exp();
        break;
    case Op::Sigmoid:
        v = (one + (-a).exp()).inverse();
        if (d) p = v * (one - v);
        break;
    case Op::LogSigmoid:
        v = -((-a).max(zero) + (-a.abs()).exp().log1p());
        if (d) p = (one + a.exp()).inverse();
        break;
    case Op::Softplus:
        v = a.max(zero) + (-a.abs()).exp().log1p();
        if (d) p = (one + (-a).exp()).inverse();
        break;
    case Op::Softsign:
        if (d) {
            p = (one + a.abs()).inverse();
            v = a * p;
            p = p.square();
        } else {
            v = a / (one + a.abs());
        }
        break;
    case Op::Relu: // select, not max: NaN passes through as in the reference
        v = (a < zero).select(zero, a);
        if (d) p = (a > zero).template cast<T>();
        break;
    case Op::LeakyRelu:
        v = (a > zero).select(a, T(0.01) * a);
        if (d) p = (a > zero).select(BlockArray<T>::Constant(one), BlockArray<T>::Constant(T(0.01)));
        break;
    case Op::Elu:
        if (d) {
            p = a.exp();
            v = (a > zero).select(a, a.expm1());
            p = (a > zero).select(BlockArray<T>::Constant(one), p);
        } else {
            v = (a > zero).select(a, a.expm1());
        }
        break;
    case Op::Selu:
        v = kSeluLambda * (a > zero).select(a, kSeluAlpha * a.expm1());
        if (d) p = kSeluLambda * (a > zero).select(BlockArray<T>::Constant(one), kSeluAlpha * a.exp());
        break;
    case Op::Swish:
        if (d) {
            p = (one + (-a).exp()).inverse(); // sigmoid
            v = a * p;
            p = p * (one + a * (one - p));
        } else {
            v = a / (one + (-a).exp());
        }
        break;
    case Op::Gelu:
        if (d) {
            p = T(0.5) * (one + (a * kInvSqrt2).erf()); // Phi
            v = a * p;
            p += a * kInvSqrt2Pi * (T(-0.5) * a.square()).exp();
        } else {
            v = T(0.5) * a * (one + (a * kInvSqrt2).erf());
        }
        break;
    case Op::Mish:
        if (d) {
            p = (a.max(zero) + (-a.abs()).exp().log1p()).tanh(); // tanh(softplus)
            v = a * p;
            p = p + a * (one - p.square()) * (one + (-a).exp()).inverse();
        } else {
            v = a * (a.max(zero) + (-a.abs()).exp().log1p()).tanh();
        }
        break;
    case Op::HardSigmoid:
        v = (a < T(-3)).select(zero, (a > T(3)).select(one, a / T(6) + T(0.5)));
        if (d) p = ((a > T(-3)) && (a < T(3))).template cast<T>() / T(6);
        break;
    case Op::HardTanh:
        v = (a < -one).select(-one, (a > one).select(one, a));
        if (d) p = ((a > -one) && (a < one)).template cast<T>();
        break;
    case Op::Gaussian:
        v = (-a.square()).exp();
        if (d) p = T(-2) * a * v;
        break;
    case Op::BesselI0e:
        v = Eigen::bessel_i0e(a);
        if (d) p = Eigen::bessel_i1e(a) - a.sign() * v;
        break;
    case Op::BesselI1e:
        v = Eigen::bessel_i1e(a);
        if (d)
            p = (a == zero).select(BlockArray<T>::Constant(T(0.5)),
                                   Eigen::bessel_i0e(a) - v * (a.sign() + a.inverse()));
        break;
    default: break;
    }
    return r;
}

template <typename T>
LocalPartials<T> binary_kernel(Op op, const T* a_ptr, const T* b_ptr, T* v_ptr, T* pa_ptr, T* pb_ptr) {
    ConstBlockMap<T> a(a_ptr);
    ConstBlockMap<T> b(b_ptr);
    BlockMap<T> v(v_ptr);
    BlockMap<T> pa(pa_ptr != nullptr ? pa_ptr : v_ptr);
    BlockMap<T> pb(pb_ptr != nullptr ? pb_ptr : v_ptr);
    const bool da = pa_ptr != nullptr;
    const bool db = pb_ptr != nullptr;
    switch (op) {
    case Op::Add: v = a + b; return {nullptr, T(1), nullptr, T(1)};
    case Op::Sub: v = a - b; return {nullptr, T(1), nullptr, T(-1)};
    case Op::Mul: v = a * b; return {b_ptr, 0, a_ptr, 0};
    case Op::Div:
        v = a / b;
        if (da) pa = b.inverse();
        if (db) pb = -v / b;
        break;
    case Op::Max:
        v = (a >= b || a.isNaN()).select(a, b); // NaN in either operand propagates
        if (da) pa = (a >= b).template cast<T>();
        if (db) pb = (a < b).template cast<T>();
        break;
    case Op::Min:
        v = (a <= b || a.isNaN()).select(a, b);
        if (da) pa = (a <= b).template cast<T>();
        if (db) pb = (a > b).template cast<T>();
        break;
    case Op::Pow:
        v = a.pow(b);
        if (da) pa = b * a.pow(b - T(1));
        if (db) pb = v * a.log();
        break;
    default: break;
    }
    return {pa_ptr, 0, pb_ptr, 0};
}

} // namespace actforge::expr::detail
