package org.pollscope.probe.proc;

/** A process that cannot be inspected or traced, said in one line (no such process, no epoll fd, not readable). */
public final class ProcException extends Exception {
    public ProcException(String message) {
        super(message);
    }
}
