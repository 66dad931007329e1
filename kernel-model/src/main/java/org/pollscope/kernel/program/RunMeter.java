package org.pollscope.kernel.program;

import java.util.Arrays;
import java.util.function.Consumer;
import org.pollscope.kernel.trace.CostMeter;
import org.pollscope.kernel.trace.TraceEvent;

/**
 * The {@link Measures} of a run, read from the kernel's trace and nothing else: a listener on
 * {@code kernel.trace()}. It knows two pids, the server's and the clients'; a thread belongs
 * to the process its system calls name ({@code SyscallEnter.pid}).
 *
 * <ul>
 * <li>A request starts when a client's {@code write} returns n &gt; 0 and is served when the
 *     same client's {@code read}s have returned n bytes; the latency is the time between.
 *     A client writes its next request only after the whole echo came back.</li>
 * <li>Server work: every {@code SyscallEnter} of a server thread, and the
 *     {@link CostMeter} of the server threads' events.</li>
 * <li>The herd: {@code Wake} events of server threads between a client call's enter and exit
 *     (the wake-ups that call caused: a connect wakes acceptors, a write wakes readers).</li>
 * <li>Starvation: the longest wait of a request, whether it was served, abandoned by a close,
 *     or is still out when the run ends.</li>
 * </ul>
 * Per-thread state lives in arrays indexed by tid, so that the hot path allocates nothing.
 */
final class RunMeter implements Consumer<TraceEvent> {
    /** a request out for longer than this at the end of a run counts its client as unserved */
    static final int UNSERVED_AFTER_MS = 100;

    private static final byte SERVER = 1;
    private static final byte CLIENT = 2;

    private final int serverPid;
    private final int clientPid;
    /** role of each tid, learned from its first system call */
    private byte[] role = new byte[256];
    /** per client tid: when its request was written (-1: none out), its size, bytes of echo read */
    private long[] sentAt = new long[256];
    private long[] expected = new long[256];
    private long[] received = new long[256];

    private final CostMeter serverCost = new CostMeter();
    private long serverCalls;
    private long waitCalls;
    private long waitWork;
    private long accepted;
    private long refused;
    private long closedByServer;

    /** the client tid in a system call now, 0 when none, and the server threads that call woke */
    private int clientInCall;
    private int wokenInCall;
    private long connects;
    private long wokenOnConnect;
    private long wakeups;
    private long wokenTotal;
    private int maxWoken;

    private long[] latencies = new long[1024];
    private int served;
    /** the longest wait of a request a client abandoned by closing */
    private long longestAbandoned;

    RunMeter(int serverPid, int clientPid) {
        this.serverPid = serverPid;
        this.clientPid = clientPid;
        Arrays.fill(sentAt, -1);
        serverCost.onCall(c -> {
            String call = c.call();
            if (call.equals("epoll_wait") || call.equals("poll") || call.equals("select")) {
                waitCalls++;
                waitWork += c.cost().total();
            }
        });
    }

    @Override
    public void accept(TraceEvent e) {
        if (e instanceof TraceEvent.SyscallEnter s) {
            byte r = s.pid() == serverPid ? SERVER : s.pid() == clientPid ? CLIENT : 0;
            int tid = s.tid();
            setRole(tid, r);
            if (r == SERVER) {
                serverCalls++;
                serverCost.accept(e);
            } else if (r == CLIENT) {
                clientInCall = tid;
                wokenInCall = 0;
            }
        } else if (e instanceof TraceEvent.SyscallExit x) {
            byte r = roleOf(x.tid());
            if (r == SERVER) {
                serverCost.accept(e);
                if (x.ret() >= 0 && x.call().equals("accept4")) accepted++;
            } else if (r == CLIENT) {
                clientExit(x);
            }
        } else if (e instanceof TraceEvent.Wake w) {
            if (clientInCall != 0 && roleOf(w.tid()) == SERVER) wokenInCall++;
        } else if (roleOf(e.tid()) == SERVER) {
            // FdVisit, Copy, TreeCompare, Callback: the CostMeter picks what it counts
            serverCost.accept(e);
        }
    }

    private void clientExit(TraceEvent.SyscallExit x) {
        int tid = x.tid();
        long ret = x.ret();
        switch (x.call()) {
            case "write" -> {
                if (ret > 0) {
                    sentAt[tid] = x.time();
                    expected[tid] = ret;
                    received[tid] = 0;
                }
            }
            case "read" -> {
                if (ret > 0) {
                    received[tid] += ret;
                    if (sentAt[tid] >= 0 && received[tid] >= expected[tid]) {
                        served(x.time() - sentAt[tid]);
                        sentAt[tid] = -1;
                    }
                } else if (ret == 0 || "ECONNRESET".equals(x.errno())) {
                    closedByServer++;
                }
            }
            case "connect" -> {
                if (ret >= 0) {
                    connects++;
                    wokenOnConnect += wokenInCall;
                } else {
                    refused++;
                }
            }
            case "close" -> {
                if (sentAt[tid] >= 0) {
                    longestAbandoned = Math.max(longestAbandoned, x.time() - sentAt[tid]);
                    sentAt[tid] = -1;
                }
            }
            default -> { }
        }
        if (wokenInCall > 0) {
            wakeups++;
            wokenTotal += wokenInCall;
            maxWoken = Math.max(maxWoken, wokenInCall);
        }
        clientInCall = 0;
        wokenInCall = 0;
    }

    private void served(long latency) {
        if (served == latencies.length) latencies = Arrays.copyOf(latencies, served * 2);
        latencies[served++] = latency;
    }

    private byte roleOf(int tid) {
        return tid < role.length ? role[tid] : 0;
    }

    private void setRole(int tid, byte r) {
        if (tid >= role.length) {
            int n = Math.max(role.length * 2, tid + 1);
            role = Arrays.copyOf(role, n);
            int old = sentAt.length;
            sentAt = Arrays.copyOf(sentAt, n);
            Arrays.fill(sentAt, old, n, -1);
            expected = Arrays.copyOf(expected, n);
            received = Arrays.copyOf(received, n);
        }
        role[tid] = r;
    }

    /** Requests served so far. */
    long served() {
        return served;
    }

    /** The measures of a run of {@code program} that ends at {@code endNanos} (requests still out wait until then). */
    Measures measures(String program, long endNanos) {
        long[] lat = Arrays.copyOf(latencies, served);
        Arrays.sort(lat);
        long starvation = Math.max(longestAbandoned, lat.length == 0 ? 0 : lat[lat.length - 1]);
        int unserved = 0;
        for (int tid = 0; tid < role.length; tid++) {
            if (role[tid] == CLIENT && sentAt[tid] >= 0) {
                long waited = endNanos - sentAt[tid];
                starvation = Math.max(starvation, waited);
                if (waited > UNSERVED_AFTER_MS * 1_000_000L) unserved++;
            }
        }
        double perRequest = served == 0 ? Double.NaN : 1.0 / served;
        return new Measures(program, endNanos / 1e9, served, serverCalls * perRequest,
            serverCost.total().total() * perRequest, waitCalls == 0 ? 0 : waitWork / (double) waitCalls,
            // no request served: no latency at all (NaN, shown "none"), not a latency of 0
            lat.length == 0 ? Double.NaN : ms(percentile(lat, 0.50)), lat.length == 0 ? Double.NaN : ms(percentile(lat, 0.99)),
            lat.length == 0 ? Double.NaN : ms(lat[lat.length - 1]),
            connects == 0 ? 0 : wokenOnConnect / (double) connects, wakeups == 0 ? 0 : wokenTotal / (double) wakeups,
            maxWoken, ms(starvation), unserved, accepted, refused, closedByServer);
    }

    /** Nearest rank: the smallest value with at least q of the values at or below it. */
    private static long percentile(long[] sorted, double q) {
        if (sorted.length == 0) return 0;
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
