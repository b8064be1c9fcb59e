// CGymMath: C library math calls that Swift's optimiser must not rewrite.
//
// LLVM turns a visible `pow(x, 2.0)` into `x * x`, which is correctly rounded, while the C
// library's `pow` may be half an ulp off — and NumPy's `x ** 2` on scalars calls the C
// library. These functions live in a separate C file, so the call survives optimisation.
#ifndef CGYMMATH_H
#define CGYMMATH_H

/// The C library's `pow(x, y)`, called at run time.
double cgym_pow(double x, double y);

/// The C library's `powf(x, y)`, called at run time.
float cgym_powf(float x, float y);

#endif
