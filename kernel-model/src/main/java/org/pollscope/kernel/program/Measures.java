package org.pollscope.kernel.program;

import java.util.Locale;

/**
 * What one run of a program under a workload measured, all read from the kernel's trace by
 * {@link RunMeter}. "Server" means the threads of the server process; "request" means one
 * echo round trip that a client completed.
 *
 * @param program            the program's name
 * @param seconds            simulated time of the run
 * @param requests           requests served: echoes a client received in full
 * @param syscallsPerRequest system calls the server made, per request
 * @param workPerRequest     kernel work units ({@link org.pollscope.kernel.trace.CostMeter}) of the server's calls, per request
 * @param waitCallWork       kernel work units of one select, poll or epoll_wait of the server, on average
 * @param latencyMedianMs    from the client's write of a request to its read of the last byte of the echo; NaN when no request was served
 * @param latencyP99Ms       99th percentile of that (nearest rank)
 * @param latencyMaxMs       the largest
 * @param wokenPerConnection server threads woken by a client's connect, on average (the herd of an accept)
 * @param wokenPerWakeup     server threads woken by a client call that woke any, on average
 * @param maxWoken           the most server threads one client call woke
 * @param starvationMs       the longest a client waited with a request out: served, abandoned or still waiting at the end
 * @param unservedClients    clients whose request had waited more than {@link RunMeter#UNSERVED_AFTER_MS} ms at the end
 * @param connections        connections the server accepted
 * @param refusedConnects    connects that failed (the backlog was full); the client tries again later
 * @param closedByServer     connections the server closed on a client (it read end of file or a reset)
 */
public record Measures(String program, double seconds, long requests, double syscallsPerRequest, double workPerRequest,
                       double waitCallWork, double latencyMedianMs, double latencyP99Ms, double latencyMaxMs,
                       double wokenPerConnection, double wokenPerWakeup, int maxWoken, double starvationMs,
                       int unservedClients, long connections, long refusedConnects, long closedByServer) {

    /** Requests served per simulated second. */
    public double requestsPerSecond() {
        return requests / seconds;
    }

    /** The measures, one per line, for the command line. */
    public String text() {
        return String.format(Locale.ROOT, """
            program                      %s
            simulated time               %.3f s
            requests served              %d (%s per simulated second)
            system calls / request       %s
            kernel work / request        %s units
            kernel work / wait call      %.1f units (select, poll, epoll_wait)
            latency median               %s
            latency p99                  %s
            latency max                  %s
            threads woken / connection   %.2f
            threads woken / wake-up      %.2f (at most %d)
            starvation (longest wait)    %.3f ms
            clients left unserved        %d (waiting over %d ms at the end)
            connections accepted         %d
            connects refused             %d (backlog full)
            connections closed by server %d
            """, program, seconds, requests, number(requests == 0 ? 0 : requestsPerSecond(), "%.0f"), number(syscallsPerRequest, "%.2f"),
            number(workPerRequest, "%.1f"), waitCallWork,
            latency(latencyMedianMs), latency(latencyP99Ms), latency(latencyMaxMs), wokenPerConnection, wokenPerWakeup, maxWoken, starvationMs,
            unservedClients, RunMeter.UNSERVED_AFTER_MS, connections, refusedConnects, closedByServer);
    }

    /** A latency in ms, or "none" when no request was served. */
    private static String latency(double ms) {
        return Double.isNaN(ms) ? "none (no request served)" : String.format(Locale.ROOT, "%.3f ms", ms);
    }

    /** A per-request number, or "-" when no request was served. */
    private static String number(double value, String format) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, format, value);
    }
}
