package org.pollscope.kernel.trace;

/** Breaks one rule of {@code org.pollscope.arch.ArchitectureTest} on purpose: a trace class formatting a mask with the kernel's Linux. Never used otherwise. */
public final class TraceEventFormatsFixture {
    private TraceEventFormatsFixture() {}

    static Object violation() {
        return org.pollscope.kernel.Linux.epollEvents(1);
    }
}
