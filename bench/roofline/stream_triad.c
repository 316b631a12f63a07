/*
 * STREAM triad, a[i] = b[i] + s * c[i], over three arrays of doubles each far larger than the last-level
 * cache, on every OpenMP thread (first-touch initialisation in parallel, so pages sit near their thread).
 * Bandwidth is counted as STREAM does: 3 * 8 bytes per element (the write-allocate read of a[] is not
 * counted). Prints {"triad_gbs": best, "threads": n}. Usage: stream_triad [repetitions]
 * Built by the bench runner with gcc -O3 -march=native -fopenmp.
 */
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>

#define N 20000000L

int main(int argc, char **argv)
{
    int repetitions = argc > 1 ? atoi(argv[1]) : 20;
    double *a = aligned_alloc(64, N * sizeof(double));
    double *b = aligned_alloc(64, N * sizeof(double));
    double *c = aligned_alloc(64, N * sizeof(double));
    if (!a || !b || !c) return 1;
#pragma omp parallel for schedule(static)
    for (long i = 0; i < N; i++) {
        a[i] = 0.0;
        b[i] = 1.0;
        c[i] = 2.0;
    }
    const double s = 3.0;
    double best = 0;
    int threads = omp_get_max_threads();
    for (int r = 0; r < repetitions + 1; r++) {
        double start = omp_get_wtime();
#pragma omp parallel for simd schedule(static)
        for (long i = 0; i < N; i++) a[i] = b[i] + s * c[i];
        double seconds = omp_get_wtime() - start;
        double gbs = 3.0 * sizeof(double) * N / seconds / 1e9;
        if (r > 0 && gbs > best) best = gbs;
    }
    /* Every a[i] must be 1 + 3 * 2: a check that the loop ran. */
    if (a[N / 2] != 7.0) return 2;
    printf("{\"triad_gbs\": %.1f, \"threads\": %d}\n", best, threads);
    free(a);
    free(b);
    free(c);
    return 0;
}
