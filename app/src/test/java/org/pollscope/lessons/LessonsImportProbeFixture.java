package org.pollscope.lessons;

/** Breaks one rule of {@code org.pollscope.arch.ArchitectureTest} on purpose: the lessons naming the real-kernel target. Never used otherwise. */
public final class LessonsImportProbeFixture {
    private LessonsImportProbeFixture() {}

    static Object violation() {
        return org.pollscope.probe.LinuxTarget.class;
    }
}
