/*
 * What one trivial system call costs from C, to set beside the same call through JNA
 * (benchmarks: JnaCallBenchmark). getppid does no work in the kernel: the time is the
 * entry into and the exit from a system call.
 *
 *   gcc -O2 -o syscall-cost native-probe/src/main/resources/org/pollscope/probe/syscall-cost.c
 *   ./syscall-cost [CALLS]      prints: ns per call (median of 25 rounds)
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>

static int cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
    long calls = argc > 1 ? atol(argv[1]) : 2000000;
    double r[25];
    volatile long sink = 0;
    for (int k = 0; k < 25; k++) {
        struct timespec a, b;
        clock_gettime(CLOCK_MONOTONIC, &a);
        for (long i = 0; i < calls; i++) sink += syscall(SYS_getppid);
        clock_gettime(CLOCK_MONOTONIC, &b);
        r[k] = ((b.tv_sec - a.tv_sec) * 1e9 + (b.tv_nsec - a.tv_nsec)) / calls;
    }
    qsort(r, 25, sizeof r[0], cmp);
    printf("%.1f\n", r[12]);
    return sink == 42;
}
