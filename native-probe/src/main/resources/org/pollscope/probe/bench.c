/*
 * PollScope's bench in C, to measure what the JNA binding costs: the same design as libevent's
 * test/bench.c and org.pollscope.probe.Bench (N socketpairs watched, A active, W writes passed
 * along; per-event time = timed loop / (A + W)), for epoll (level- or edge-triggered), poll and
 * select. Each pass of the loop is non-blocking (timeout 0), as bench.c's EVLOOP_NONBLOCK.
 *
 *   gcc -O2 -o bench native-probe/src/main/resources/org/pollscope/probe/bench.c
 *   ./bench N A W RUNS [lt|et|poll|select] [threaded]     (default lt)
 *   prints: per_event_us_median per_event_us_p95 setup_us_median
 *
 * "threaded" starts one more thread that only sleeps, so that the process's file table is
 * shared, as a JVM's always is (GC and compiler threads). The kernel then takes a reference on
 * the file in every fdget (fs/file.c, __fget_light: the borrowed, reference-free path is only
 * for a file table with one user), which poll and select do for every descriptor on every call
 * and read and write once each. It measures the kernel's side of the difference between the
 * Java and the C loop, apart from the binding's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <time.h>
#include <poll.h>
#include <pthread.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/socket.h>

static int n, *rfd, *wfd;
static long count, fired, writes_left;

static void *sleeper(void *unused) {
    (void)unused;
    for (;;) pause();
    return NULL;
}

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
        fprintf(stderr, "usage: %s N A W RUNS [lt|et|poll|select]\n", argv[0]);
        return 2;
    }
    const char *method = argc > 5 ? argv[5] : "lt";
    int use_poll = strcmp(method, "poll") == 0, use_select = strcmp(method, "select") == 0;
    if (!use_poll && !use_select && strcmp(method, "lt") != 0 && strcmp(method, "et") != 0) {
        fprintf(stderr, "unknown method %s (lt, et, poll, select)\n", method);
        return 2;
    }
    n = atoi(argv[1]);
    int active = atoi(argv[2]), writes = atoi(argv[3]), runs = atoi(argv[4]);
    int et = strcmp(method, "et") == 0;
    if (argc > 6 && strcmp(argv[6], "threaded") == 0) {
        pthread_t t;
        if (pthread_create(&t, NULL, sleeper, NULL) != 0) {
            perror("pthread_create");
            return 1;
        }
    }
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
        if (use_select && sv[0] >= FD_SETSIZE) {
            fprintf(stderr, "select: fd %d is not below FD_SETSIZE (%d)\n", sv[0], FD_SETSIZE);
            return 2;
        }
    }
    int maxfd = 0;
    for (int i = 0; i < n; i++)
        if (rfd[i] > maxfd) maxfd = rfd[i];
    struct pollfd *pfds = calloc(n, sizeof *pfds);
    fd_set template, readset;
    double *per = calloc(runs, sizeof *per), *setup = calloc(runs, sizeof *setup);
    int max = 64;
    struct epoll_event *evs = calloc(4096, sizeof *evs);
    for (int r = 0; r < runs; r++) {
        double s0 = now_us();
        int ep = -1;
        if (use_poll) {
            for (int i = 0; i < n; i++) {
                pfds[i].fd = rfd[i];
                pfds[i].events = POLLIN;
                pfds[i].revents = 0;
            }
        } else if (use_select) {
            FD_ZERO(&template);
            for (int i = 0; i < n; i++) FD_SET(rfd[i], &template);
        } else {
            ep = epoll_create1(EPOLL_CLOEXEC);
            for (int i = 0; i < n; i++) {
                struct epoll_event ev = {.events = EPOLLIN | (et ? EPOLLET : 0), .data.u64 = i};
                epoll_ctl(ep, EPOLL_CTL_ADD, rfd[i], &ev);
            }
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
            if (use_poll) {
                int k = poll(pfds, n, 0);
                for (int i = 0; i < n && k > 0; i++) {
                    if (pfds[i].revents) {
                        k--;
                        read_cb(i);
                    }
                }
            } else if (use_select) {
                readset = template;
                struct timeval tv = {0, 0};
                int k = select(maxfd + 1, &readset, NULL, NULL, &tv);
                for (int i = 0; i < n && k > 0; i++) {
                    if (FD_ISSET(rfd[i], &readset)) {
                        k--;
                        read_cb(i);
                    }
                }
            } else {
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
            }
        } while (count != fired);
        per[r] = (now_us() - t0) / (active + writes);
        if (ep >= 0) close(ep);
    }
    qsort(per, runs, sizeof *per, cmp);
    qsort(setup, runs, sizeof *setup, cmp);
    printf("%.4f %.4f %.2f\n", quantile(per, runs, 0.5), quantile(per, runs, 0.95), quantile(setup, runs, 0.5));
    return 0;
}
