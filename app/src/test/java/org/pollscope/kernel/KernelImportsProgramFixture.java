package org.pollscope.kernel;

/** Breaks one rule of {@code org.pollscope.arch.ArchitectureTest} on purpose: the kernel core naming a program type. Never used otherwise. */
public final class KernelImportsProgramFixture {
    private KernelImportsProgramFixture() {}

    static Object violation() {
        return org.pollscope.kernel.program.Programs.class;
    }
}
