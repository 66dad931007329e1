package org.pollscope.probe;

/** Breaks one rule of {@code org.pollscope.arch.ArchitectureTest} on purpose: the probe naming the app. Never used otherwise. */
public final class ProbeImportsAppFixture {
    private ProbeImportsAppFixture() {}

    static Object violation() {
        return org.pollscope.app.Main.class;
    }
}
