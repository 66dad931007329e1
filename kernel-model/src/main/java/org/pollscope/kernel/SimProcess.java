package org.pollscope.kernel;

import java.util.ArrayList;
import java.util.List;

/** A simulated process: a pid, its {@link FdTable} and its threads. */
public final class SimProcess {
    final int pid;
    final FdTable fds;
    final List<SimThread> threads = new ArrayList<>();

    SimProcess(int pid, FdTable fds) {
        this.pid = pid;
        this.fds = fds;
    }

    public int pid() {
        return pid;
    }

    public FdTable fds() {
        return fds;
    }

    public List<SimThread> threads() {
        return List.copyOf(threads);
    }
}
