package org.pollscope.kernel.program;

/**
 * What the clients of a simulated server do. {@code clients} TCP connections are made, one
 * every {@link Simulation#CONNECT_INTERVAL_NANOS} from time 0; a random {@code active} of
 * them (chosen with the seed) send requests, the others stay connected and idle. An active
 * client sends a request of {@code requestSize} to {@code requestSizeMax} bytes (uniform),
 * waits for the whole echo, thinks (exponential, mean {@code thinkMs}) and sends the next.
 * Churn: {@code churnPerSecond} times a second on average (a Poisson process), a connected
 * client, active or idle, closes its connection and connects again at once. Everything
 * random comes from one {@code java.util.Random(seed)}: the same workload gives the same run.
 *
 * @param clients        connections, 1 to {@link #MAX_CLIENTS}
 * @param active         how many of them send requests, 0 to {@code clients}
 * @param requestSize    smallest request, bytes (1 to {@link #MAX_REQUEST})
 * @param requestSizeMax largest request, bytes ({@code requestSize} to {@link #MAX_REQUEST})
 * @param thinkMs        mean think time between a reply and the next request; 0: none
 * @param churnPerSecond reconnections per simulated second; 0: none
 * @param seconds        simulated time the run lasts
 * @param seed           seed of every random choice
 */
public record Workload(int clients, int active, int requestSize, int requestSizeMax, double thinkMs,
                       double churnPerSecond, double seconds, long seed) {
    /** more would take the heap of a small machine (about 1.5 KB of model per idle client, both ends) */
    public static final int MAX_CLIENTS = 100_000;
    /** a request fits the socket buffers of both ends, so neither side ever meets a full socket */
    public static final int MAX_REQUEST = 65_536;

    public Workload {
        if (clients < 1 || clients > MAX_CLIENTS) {
            throw new IllegalArgumentException("clients must be 1 to " + MAX_CLIENTS + ", found " + clients);
        }
        if (active < 0 || active > clients) {
            throw new IllegalArgumentException("active must be 0 to clients (" + clients + "), found " + active);
        }
        if (requestSize < 1 || requestSize > MAX_REQUEST) {
            throw new IllegalArgumentException("request size must be 1 to " + MAX_REQUEST + " bytes, found " + requestSize);
        }
        if (requestSizeMax < requestSize || requestSizeMax > MAX_REQUEST) {
            throw new IllegalArgumentException("largest request size must be " + requestSize + " to " + MAX_REQUEST
                + " bytes, found " + requestSizeMax);
        }
        if (!(thinkMs >= 0) || Double.isInfinite(thinkMs)) {
            throw new IllegalArgumentException("think time must be 0 ms or more, found " + thinkMs);
        }
        if (!(churnPerSecond >= 0) || Double.isInfinite(churnPerSecond)) {
            throw new IllegalArgumentException("churn must be 0 or more per second, found " + churnPerSecond);
        }
        if (!(seconds > 0) || seconds > 3600) {
            throw new IllegalArgumentException("seconds must be above 0 and at most 3600, found " + seconds);
        }
    }

    /** N clients, K active, 512-byte requests, 1 ms mean think time, no churn. */
    public static Workload of(int clients, int active, double seconds, long seed) {
        return new Workload(clients, active, 512, 512, 1.0, 0, seconds, seed);
    }

    /** The same with requests of {@code min} to {@code max} bytes. */
    public Workload withRequestSize(int min, int max) {
        return new Workload(clients, active, min, max, thinkMs, churnPerSecond, seconds, seed);
    }

    /** The same with another mean think time. */
    public Workload withThinkMs(double ms) {
        return new Workload(clients, active, requestSize, requestSizeMax, ms, churnPerSecond, seconds, seed);
    }

    /** The same with churn. */
    public Workload withChurnPerSecond(double perSecond) {
        return new Workload(clients, active, requestSize, requestSizeMax, thinkMs, perSecond, seconds, seed);
    }

    /** The same with another seed. */
    public Workload withSeed(long s) {
        return new Workload(clients, active, requestSize, requestSizeMax, thinkMs, churnPerSecond, seconds, s);
    }
}
