package org.pollscope.kernel;

/** Breaks one rule of {@code org.pollscope.arch.ArchitectureTest} on purpose: the kernel core naming a scenario type. Never used otherwise. */
public final class KernelImportsScenarioFixture {
    private KernelImportsScenarioFixture() {}

    static Object violation() {
        return org.pollscope.kernel.scenario.Scenario.class;
    }
}
