/*
 * sum(x + y*z) over 10M floats in one pass, no temporaries, on every OpenMP thread: the C limit of the fused
 * reduction workload (it is bound by memory bandwidth: 120 MB read per pass). The same inputs as the other
 * sides of the bench are not needed: any finite floats cost the same. Prints {"fused_sum_ms": best, "threads": n}.
 * Usage: fused_sum [repetitions]. Built by the bench runner with gcc -O3 -march=native -fopenmp.
 */
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>

#define N 10000000L

int main(int argc, char **argv)
{
    int repetitions = argc > 1 ? atoi(argv[1]) : 20;
    float *x = aligned_alloc(64, N * sizeof(float));
    float *y = aligned_alloc(64, N * sizeof(float));
    float *z = aligned_alloc(64, N * sizeof(float));
    if (!x || !y || !z) return 1;
#pragma omp parallel for schedule(static)
    for (long i = 0; i < N; i++) {
        x[i] = (float)(i % 1000) * 0.001f;
        y[i] = (float)(i % 7) * 0.25f;
        z[i] = 0.5f;
    }
    double best = 1e30;
    volatile float sink = 0;
    for (int r = 0; r < repetitions + 1; r++) {
        double start = omp_get_wtime();
        float s = 0;
#pragma omp parallel for simd schedule(static) reduction(+ : s)
        for (long i = 0; i < N; i++) s += x[i] + y[i] * z[i];
        double ms = (omp_get_wtime() - start) * 1e3;
        sink = s;
        if (r > 0 && ms < best) best = ms;
    }
    printf("{\"fused_sum_ms\": %.3f, \"threads\": %d, \"sink\": %g}\n", best, omp_get_max_threads(), (double)sink);
    free(x);
    free(y);
    free(z);
    return 0;
}
