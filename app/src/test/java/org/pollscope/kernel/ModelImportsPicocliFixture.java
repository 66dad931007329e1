package org.pollscope.kernel;

/** Breaks one rule of {@code org.pollscope.arch.ArchitectureTest} on purpose: the model using picocli. Never used otherwise. */
public final class ModelImportsPicocliFixture {
    private ModelImportsPicocliFixture() {}

    static Object violation() {
        return picocli.CommandLine.class;
    }
}
