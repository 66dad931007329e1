package org.pollscope.probe;

/** Breaks one rule of {@code org.pollscope.arch.ArchitectureTest} on purpose: the probe naming a class of the lessons' package. Never used otherwise. */
public final class ProbeImportsLessonsFixture {
    private ProbeImportsLessonsFixture() {}

    static Object violation() {
        return org.pollscope.lessons.LessonsImportProbeFixture.class;
    }
}
