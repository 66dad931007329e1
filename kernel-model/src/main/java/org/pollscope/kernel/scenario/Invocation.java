package org.pollscope.kernel.scenario;

import java.util.List;

/**
 * One call of the scenario language with its arguments resolved for one target: names are
 * replaced by that target's fd numbers. Arguments are {@link Long} (integers, flags, fds),
 * {@link String} (the text of write), {@code List<PollFd>} (poll's list) or {@link SelectSets}.
 *
 * <p>{@code sleep(ms)} is an invocation too (named "sleep"), so that a thread can sleep.
 */
public record Invocation(String call, List<Object> args, SourcePos pos) {

    /** One entry of poll's array: {@code struct pollfd} without revents. */
    public record PollFd(int fd, short events) {}

    /** select's three sets (fd numbers), its timeout and nfds ({@link #DEFAULT_NFDS}: highest fd + 1). */
    public record SelectSets(int[] read, int[] write, int[] except, long timeoutMs, long nfds) {
        /** nfds not given: the highest fd in the sets plus one */
        public static final long DEFAULT_NFDS = Long.MIN_VALUE;
    }

    public int argCount() {
        return args.size();
    }

    public long num(int i) {
        return (Long) args.get(i);
    }

    public int fd(int i) {
        return (int) num(i);
    }

    public boolean isText(int i) {
        return args.get(i) instanceof String;
    }

    public String text(int i) {
        return (String) args.get(i);
    }

    @SuppressWarnings("unchecked")
    public List<PollFd> pollFds(int i) {
        return (List<PollFd>) args.get(i);
    }

    public SelectSets select() {
        return (SelectSets) args.get(0);
    }
}
