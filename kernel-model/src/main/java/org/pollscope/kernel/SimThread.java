package org.pollscope.kernel;

import java.util.function.Consumer;

/**
 * A simulated thread ({@code task_struct}). It runs one system call at a time; a call that
 * must wait leaves the thread {@link State#SLEEPING} with the call pending, and the call is
 * attempted again when a wake function or a timer makes the thread runnable.
 */
public final class SimThread {
    /** TASK_RUNNING on a CPU / on the run queue / TASK_INTERRUPTIBLE. */
    public enum State { IDLE, RUNNABLE, SLEEPING }

    final int tid;
    final SimProcess process;
    final String name;
    State state = State.IDLE;
    Syscall pending;
    Consumer<SyscallResult> done;
    /** the call it sleeps in and where, for views */
    String sleepingOn;
    /** simulated CPU time spent and not yet paid for (see Kernel#cpu) */
    long cpuDebt;
    /** whether the pending call's caller accepts its callback later (submit) or needs it now (call) */
    boolean deferrable;

    SimThread(int tid, SimProcess process, String name) {
        this.tid = tid;
        this.process = process;
        this.name = name;
    }

    public int tid() {
        return tid;
    }

    public SimProcess process() {
        return process;
    }

    public String name() {
        return name;
    }

    public State state() {
        return state;
    }

    /** The call in progress, or null. */
    public String currentCall() {
        return pending == null ? null : pending.name();
    }

    /** What it sleeps on ("ep#5 wq"), or null. */
    public String sleepingOn() {
        return state == State.SLEEPING ? sleepingOn : null;
    }

    @Override
    public String toString() {
        return "T" + tid + "(" + name + ")";
    }
}
