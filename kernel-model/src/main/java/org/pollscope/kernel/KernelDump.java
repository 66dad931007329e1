package org.pollscope.kernel;

/**
 * A canonical text of a kernel's whole state, for comparing two runs: {@link Kernel#describeState()}
 * (the clock, each process's fd table and threads with their states and the calls they sleep in,
 * each file with its buffers and wait queues, each epoll instance's interest list in order and
 * its ready list), plus the shape of each interest list's red-black tree with its colours and
 * each epoll instance's overflow list. Two kernels with the same dump are the same to every view.
 */
public final class KernelDump {
    private KernelDump() {
    }

    public static String of(Kernel k) {
        StringBuilder sb = new StringBuilder(k.describeState());
        java.util.Set<OpenFile> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (SimProcess p : k.processes()) {
            for (int fd = 0, hw = p.fds().highWater(); fd < hw; fd++) {
                if (p.fds().get(fd) instanceof EventPoll ep && seen.add(ep)) {
                    sb.append(ep.label).append(" tree ").append(ep.interestList()).append("\n  ovflist:");
                    if (ep.overflowList() != null) for (EpItem it : ep.overflowList()) sb.append(' ').append(it.key());
                    sb.append('\n');
                }
            }
        }
        sb.append("watches ").append(k.userWatches()).append('\n');
        return sb.toString();
    }
}
