// CGymSupport: small C helpers for SwiftGym, prefixed `cgym_`.
#ifndef CGYMSUPPORT_H
#define CGYMSUPPORT_H

// MARK: - Library math calls the optimiser must not rewrite
//
// LLVM turns a visible `pow(x, 2.0)` into `x * x`, which is correctly rounded, while the C
// library's `pow` may be half an ulp off — and NumPy's `x ** 2` on scalars calls the C
// library. These functions live in a separate C file, so the call survives optimisation.

/// The C library's `pow(x, y)`, called at run time.
double cgym_pow(double x, double y);

/// The C library's `powf(x, y)`, called at run time.
float cgym_powf(float x, float y);

/// The C library's `sincos(x, s, c)`: glibc's `sin(x)` and `cos(x)`, bit for bit, in one call.
void cgym_sincos(double x, double *s, double *c);

// MARK: - Spinning

/// A hint to the processor that the caller is spinning on a shared variable (`pause` on
/// x86, `yield` on ARM): saves power and frees the core's resources for a sibling thread.
static inline void cgym_spin_pause(void) {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__) || defined(__arm__)
  __asm__ __volatile__("yield");
#endif
}

// MARK: - Prefetching

/// A hint to the processor to bring the cache line holding `address` into the second-level
/// cache (and those below it) for reading; it never faults, whatever the address.
static inline void cgym_prefetch_l2(const void *address) {
  __builtin_prefetch(address, 0, 2);
}

#endif
