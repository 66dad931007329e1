package org.pollscope.kernel.scenario;

/** A place in a scenario file: 1-based line and column. */
public record SourcePos(String file, int line, int column) {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }

    /** FILE:LINE, as failed expectations are reported. */
    public String fileLine() {
        return file + ":" + line;
    }
}
