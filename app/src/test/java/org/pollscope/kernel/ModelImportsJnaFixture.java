package org.pollscope.kernel;

/** Breaks one rule of {@code org.pollscope.arch.ArchitectureTest} on purpose: the model using JNA. Never used otherwise. */
public final class ModelImportsJnaFixture {
    private ModelImportsJnaFixture() {}

    static Object violation() {
        return com.sun.jna.Native.class;
    }
}
