package org.pollscope.kernel.program;

import java.util.Locale;

/**
 * What a run of a program under a workload measured, all from the trace: system calls and
 * kernel work per request, requests served, latency in simulated time, threads woken per new
 * connection (the herd) and starvation (the longest a client waited with a request out).
 */
public record Measures(String program, long requests, double syscallsPerRequest, double workPerRequest,
                       double waitCallWork, double latencyMedianMs, double latencyP99Ms, double latencyMaxMs,
                       double wokenPerConnection, double starvationMs, int unservedClients, long connections) {

    /** The measures, one per line, for the command line. */
    public String text() {
        return String.format(Locale.ROOT, """
            program                  %s
            requests served          %d
            system calls / request   %.2f
            kernel work / request    %.1f units
            kernel work / wait call  %.1f units (select/poll/epoll_wait)
            latency median           %.3f ms
            latency p99              %.3f ms
            latency max              %.3f ms
            threads woken / connect  %.2f
            starvation (longest wait) %.3f ms
            clients left unserved    %d
            connections accepted     %d
            """, program, requests, syscallsPerRequest, workPerRequest, waitCallWork, latencyMedianMs, latencyP99Ms,
            latencyMaxMs, wokenPerConnection, starvationMs, unservedClients, connections);
    }
}
