/*
 * The epoll half of PollScope's bench in C, to measure what the JNA binding costs: the same
 * design as libevent's test/bench.c and org.pollscope.probe.Bench (N socketpairs watched,
 * A active, W writes passed along; per-event time = timed loop / (A + W)).
 *
 *   gcc -O2 -o bench native-probe/src/main/resources/org/pollscope/probe/bench.c
 *   ./bench N A W RUNS [et]     prints: per_event_us_median per_event_us_p95 setup_us_median
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <time.h>
#include <sys/epoll.h>
#include <sys/socket.h>

static int n, *rfd, *wfd;
static long count, fired, writes_left;

static double now_us(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static void read_cb(int idx) {
    char buf[64];
    ssize_t r = read(rfd[idx], buf, sizeof buf);
    if (r > 0) count += r;
    if (writes_left > 0) {
        int widx = idx + 1;
        if (widx >= n) widx -= n;
        if (write(wfd[widx], "e", 1) != 1) perror("write");
        writes_left--;
        fired++;
    }
}

static int cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double quantile(double *v, int len, double q) {
    double pos = q * (len - 1);
    int lo = (int)pos, hi = lo + (pos > lo);
    return v[lo] + (v[hi] - v[lo]) * (pos - lo);
}

int main(int argc, char **argv) {
    if (argc < 5) {
        fprintf(stderr, "usage: %s N A W RUNS [et]\n", argv[0]);
        return 2;
    }
    n = atoi(argv[1]);
    int active = atoi(argv[2]), writes = atoi(argv[3]), runs = atoi(argv[4]);
    int et = argc > 5 && strcmp(argv[5], "et") == 0;
    rfd = calloc(n, sizeof *rfd);
    wfd = calloc(n, sizeof *wfd);
    for (int i = 0; i < n; i++) {
        int sv[2];
        if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, sv) < 0) {
            perror("socketpair");
            return 1;
        }
        rfd[i] = sv[0];
        wfd[i] = sv[1];
    }
    double *per = calloc(runs, sizeof *per), *setup = calloc(runs, sizeof *setup);
    int max = 64;
    struct epoll_event *evs = calloc(4096, sizeof *evs);
    for (int r = 0; r < runs; r++) {
        double s0 = now_us();
        int ep = epoll_create1(EPOLL_CLOEXEC);
        for (int i = 0; i < n; i++) {
            struct epoll_event ev = {.events = EPOLLIN | (et ? EPOLLET : 0), .data.u64 = i};
            epoll_ctl(ep, EPOLL_CTL_ADD, rfd[i], &ev);
        }
        setup[r] = now_us() - s0;
        fired = 0;
        int space = (n / active > 0 ? n / active : 1) * 2;
        for (int i = 0; i < active; i++, fired++)
            if (write(wfd[(int)(((long)i * space / 2) % n)], "e", 1) != 1) perror("write");
        count = 0;
        writes_left = writes;
        double t0 = now_us();
        do {
            int k = epoll_wait(ep, evs, max, 0);
            for (int i = 0; i < k; i++) {
                int idx = (int)evs[i].data.u64;
                read_cb(idx);
                if (et) {
                    char buf[64];
                    while (read(rfd[idx], buf, sizeof buf) > 0) count++;
                }
            }
            if (k == max && max < 4096) max *= 2;
        } while (count != fired);
        per[r] = (now_us() - t0) / (active + writes);
        close(ep);
    }
    qsort(per, runs, sizeof *per, cmp);
    qsort(setup, runs, sizeof *setup, cmp);
    printf("%.4f %.4f %.2f\n", quantile(per, runs, 0.5), quantile(per, runs, 0.95), quantile(setup, runs, 0.5));
    return 0;
}
