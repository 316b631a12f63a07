/*
 * The machine's fp32 FMA peak: every OpenMP thread runs CHAINS independent chains of AVX-512 FMAs
 * (acc = acc * m + a), enough to cover the FMA latency on every FMA pipe, so nothing but the FMA throughput
 * limits it; the threads' best repetitions are summed. Prints {"fma_peak_gflops": best, "threads": n}. Usage: fma_peak [repetitions]
 * Built by the bench runner with gcc -O3 -march=native -fopenmp.
 */
#include <immintrin.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>

#define CHAINS 16
#define ITERATIONS 10000000L /* about 25 ms per repetition at 500 GFLOP/s */

static float run_chains(long iterations, float seed)
{
    __m512 acc[CHAINS];
    const __m512 m = _mm512_set1_ps(0.999999f);
    const __m512 a = _mm512_set1_ps(1e-6f);
    for (int c = 0; c < CHAINS; c++) acc[c] = _mm512_set1_ps(seed + (float)c);
    for (long i = 0; i < iterations; i++)
        for (int c = 0; c < CHAINS; c++) acc[c] = _mm512_fmadd_ps(acc[c], m, a);
    __m512 total = acc[0];
    for (int c = 1; c < CHAINS; c++) total = _mm512_add_ps(total, acc[c]);
    return _mm512_reduce_add_ps(total);
}

int main(int argc, char **argv)
{
    int repetitions = argc > 1 ? atoi(argv[1]) : 20;
    double total = 0;
    volatile float sink = 0;
    int threads = 1;
    /*
     * Every thread times its own repetitions and keeps its best; the peak is the sum of the threads' bests, all
     * measured while every thread runs. On a shared machine a repetition that another process interrupted only
     * loses that thread's figure, not the whole machine's.
     */
#pragma omp parallel reduction(+ : total, sink)
    {
#pragma omp single
        threads = omp_get_num_threads();
        double best = 0;
        for (int r = 0; r < repetitions + 1; r++) {
            double start = omp_get_wtime();
            sink += run_chains(ITERATIONS, (float)omp_get_thread_num());
            double gflops = (double)ITERATIONS * CHAINS * 16 * 2 / (omp_get_wtime() - start) / 1e9;
            if (r > 0 && gflops > best) best = gflops; /* repetition 0 warms the core up */
        }
        total += best;
    }
    printf("{\"fma_peak_gflops\": %.1f, \"threads\": %d, \"sink\": %g}\n", total, threads, (double)sink);
    return 0;
}
