// The few LAPACK routines SwiftGym calls, from OpenBLAS (Debian: libopenblas-dev ships no
// lapack.h, so the Fortran symbols are declared here; LP64: Fortran INTEGER is 32-bit).
#ifndef CLAPACK_SHIM_H
#define CLAPACK_SHIM_H

// Eigenvalues (ascending) and, with jobz = 'V', orthonormal eigenvectors of a symmetric
// matrix, by divide and conquer. `a` is column-major and is overwritten by the vectors.
void dsyevd_(const char *jobz, const char *uplo, const int *n, double *a, const int *lda,
             double *w, double *work, const int *lwork, int *iwork, const int *liwork,
             int *info);

// OpenBLAS's own thread count for later calls (process-wide).
void openblas_set_num_threads(int num_threads);

// Stops OpenBLAS's worker threads (they spin for a while after the library loads and after
// every threaded call); later threaded calls start them again.
int blas_thread_shutdown_(void);

#endif
