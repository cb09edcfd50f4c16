#pragma once
// Simplification, canonical form, and the two identities of a candidate:
// the canonical hash (equal after simplification = one candidate) and the
// behavioural fingerprint (equal values at fixed points = same function).
#include "actforge/expr/tree.hpp"

#include <cstdint>

namespace actforge::expr {

// Constant folding (only where the result is finite), algebraic identities
// (x-x, x*1, x*0, neg(neg(a)), pow(a,2) -> square(a), ...), merging of
// constants through + and *, and a canonical order of commutative operands.
// Keeps the parameter list as it is, so parameter indices stay valid.
[[nodiscard]] Tree simplify(const Tree& t);

// simplify(), then parameters renumbered by first use and unused ones dropped.
[[nodiscard]] Tree canonicalize(const Tree& t);

// Hash of the canonical form: structure, constants and parameter values;
// parameter names do not count.
[[nodiscard]] std::uint64_t canonical_hash(const Tree& t);

// Hash of the function's values (parameters at their current values) at
// fixed seeded points in [-8, 8], rounded to about six significant digits;
// non-finite values count by kind. Equal functions share it.
[[nodiscard]] std::uint64_t behavioural_fingerprint(const Tree& t);

} // namespace actforge::expr
