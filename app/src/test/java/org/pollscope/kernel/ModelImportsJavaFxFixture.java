package org.pollscope.kernel;

/** Breaks one rule of {@code org.pollscope.arch.ArchitectureTest} on purpose: the model using a JavaFX property. Never used otherwise. */
public final class ModelImportsJavaFxFixture {
    private ModelImportsJavaFxFixture() {}

    static Object violation() {
        return new javafx.beans.property.SimpleIntegerProperty();
    }
}
