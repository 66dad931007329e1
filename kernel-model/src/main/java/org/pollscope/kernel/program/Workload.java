package org.pollscope.kernel.program;

/**
 * What the clients of a simulated server do: {@code clients} TCP connections, of which
 * {@code active} send requests of {@code requestSize} bytes, waiting for the whole echo and
 * then a think time (exponential, mean {@code thinkMs}) before the next; every second
 * {@code churnPerSecond} active clients close and connect again. The same seed gives the
 * same run.
 */
public record Workload(int clients, int active, int requestSize, double thinkMs, int churnPerSecond, double seconds,
                       long seed) {

    public Workload {
        if (clients < 1) throw new IllegalArgumentException("clients must be at least 1, found " + clients);
        if (active < 0 || active > clients) throw new IllegalArgumentException("active must be 0 to clients (" + clients + "), found " + active);
        if (requestSize < 1) throw new IllegalArgumentException("request size must be at least 1 byte");
        if (seconds <= 0) throw new IllegalArgumentException("seconds must be above 0");
    }

    /** N clients, K active, 512-byte requests, 1 ms think time, no churn. */
    public static Workload of(int clients, int active, double seconds, long seed) {
        return new Workload(clients, active, 512, 1.0, 0, seconds, seed);
    }
}
