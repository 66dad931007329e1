package org.pollscope.probe.proc;

/** A strace log that cannot be read at all: binary, not UTF-8, a line too long, empty. The message is {@code FILE:LINE: problem}. */
public final class StraceLogException extends Exception {
    private final int line;

    public StraceLogException(String file, int line, String problem) {
        super(file + ":" + line + ": " + problem);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
