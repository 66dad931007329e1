package org.pollscope.kernel.trace;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Abstract kernel work derived from the trace alone: fds visited by select/poll, bytes copied
 * between user and kernel memory, interest-list comparisons, and wait-queue callbacks. Kept per
 * system call (from its enter to its exit, per thread) and in total, so that the O(n) of
 * select and poll and the O(ready) of epoll can be shown as numbers.
 */
public final class CostMeter implements Consumer<TraceEvent> {

    /** Work units of one call or of a whole run. */
    public record Cost(long fdsVisited, long bytesCopied, long comparisons, long callbacks) {
        public static final Cost ZERO = new Cost(0, 0, 0, 0);

        public long total() {
            return fdsVisited + bytesCopied / 8 + comparisons + callbacks;
        }

        Cost plus(Cost o) {
            return new Cost(fdsVisited + o.fdsVisited, bytesCopied + o.bytesCopied, comparisons + o.comparisons,
                callbacks + o.callbacks);
        }
    }

    /** The cost of one finished system call. */
    public record CallCost(int tid, String call, Cost cost) {}

    private final Map<Integer, long[]> open = new HashMap<>();
    private long fds, bytes, cmps, cbs;
    private CallCost last;
    private Consumer<CallCost> onCall;

    /** Also receive each finished call's cost. */
    public CostMeter onCall(Consumer<CallCost> c) {
        this.onCall = c;
        return this;
    }

    @Override
    public void accept(TraceEvent e) {
        if (e instanceof TraceEvent.SyscallEnter s) {
            open.put(s.tid(), new long[4]);
        } else if (e instanceof TraceEvent.SyscallExit x) {
            long[] c = open.remove(x.tid());
            if (c != null) {
                last = new CallCost(x.tid(), x.call(), new Cost(c[0], c[1], c[2], c[3]));
                if (onCall != null) onCall.accept(last);
            }
        } else if (e instanceof TraceEvent.FdVisit v) {
            fds++;
            add(v.tid(), 0, 1);
        } else if (e instanceof TraceEvent.Copy c) {
            bytes += c.bytes();
            add(c.tid(), 1, c.bytes());
        } else if (e instanceof TraceEvent.TreeCompare t) {
            cmps++;
            add(t.tid(), 2, 1);
        } else if (e instanceof TraceEvent.Callback cb) {
            cbs++;
            add(cb.tid(), 3, 1);
        }
    }

    private void add(int tid, int slot, long n) {
        long[] c = open.get(tid);
        if (c != null) c[slot] += n;
    }

    public Cost total() {
        return new Cost(fds, bytes, cmps, cbs);
    }

    /** The cost of the last call that returned, or null. */
    public CallCost lastCall() {
        return last;
    }

    public void reset() {
        fds = bytes = cmps = cbs = 0;
        open.clear();
        last = null;
    }
}
