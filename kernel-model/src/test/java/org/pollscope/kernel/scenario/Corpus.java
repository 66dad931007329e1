package org.pollscope.kernel.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The scenario corpus under src/test/resources/scenarios. */
final class Corpus {
    private Corpus() {}

    static Path dir() {
        try {
            return Path.of(Corpus.class.getResource("/scenarios").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Path> files() {
        try (Stream<Path> s = Files.walk(dir())) {
            return s.filter(p -> p.toString().endsWith(".scn")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
