package org.pollscope.app.ui.bench;

/** Breaks one rule of {@code org.pollscope.arch.ArchitectureTest} on purpose: one screen naming another screen's view model. Never used otherwise. */
public final class BenchImportsCompareFixture {
    private BenchImportsCompareFixture() {}

    static Object violation() {
        return org.pollscope.app.ui.compare.CompareViewModel.class;
    }
}
