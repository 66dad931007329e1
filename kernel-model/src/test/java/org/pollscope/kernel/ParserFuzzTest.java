package org.pollscope.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pollscope.kernel.scenario.ScenarioParser;
import org.pollscope.kernel.scenario.ScenarioSyntaxException;
import org.pollscope.kernel.trace.TraceJson;

/**
 * The scenario parser and the saved-trace reader under {@link ParserFuzz}: 2,000 inputs each in
 * CI, a million with {@code -Pfuzz}. Each returns or throws its own positioned exception.
 */
class ParserFuzzTest {
    static final List<byte[]> SCENARIOS = new ArrayList<>();

    static {
        SCENARIOS.addAll(ParserFuzz.filesBelow(Path.of("src/test/resources"), ".scn"));
    }

    @Test
    void theScenarioParserThrowsOnlyItsPositionedException() {
        assertThat(SCENARIOS).hasSizeGreaterThan(20);
        new ParserFuzz(SCENARIOS).check(Seeded.tries(2_000), b -> ScenarioParser.parse("f.scn", b), ScenarioSyntaxException.class);
    }

    @Test
    void theSavedTraceReaderThrowsOnlyItsPositionedException() {
        Kernel k = new Kernel();
        SimThread t = k.newProcess("m");
        int ep = (int) k.epollCreate1(t, 0).ret();
        int[] p = k.socketpair(t).fds();
        k.epollCtl(t, ep, Linux.EPOLL_CTL_ADD, p[0], Linux.EPOLLIN, 0);
        k.write(t, p[1], "a \"quoted\"\\\nline\t\u00e9".getBytes(StandardCharsets.UTF_8));
        k.call(t, k.epollWait(ep, 8, 0));
        byte[] trace = TraceJson.lines(k.trace().events()).getBytes(StandardCharsets.UTF_8);
        new ParserFuzz(List.of(trace)).check(Seeded.tries(2_000), TraceJson::parseAll, IllegalArgumentException.class);
    }

    @Test
    void aFailingParserIsReportedWithItsSeedAndAShrunkInput() {
        // a parser that fails on any input holding a digit: the report gives the seed and a small input
        ParserFuzz fuzz = new ParserFuzz(SCENARIOS);
        Seeded seeded = new Seeded(7, 50, new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        assertThatThrownBy(() -> fuzz.check(seeded, b -> {
            for (byte x : b) if (x >= '0' && x <= '9') throw new IllegalStateException("a digit");
        }, ScenarioSyntaxException.class))
            .isInstanceOf(AssertionError.class)
            .hasMessageContaining("replay with -Dpollscope.seed=7")
            .hasMessageContaining("smallest failing input")
            .satisfies(e -> assertThat(e.getMessage()).containsPattern("shrunk, 1 bytes: \"[0-9]\""));
    }

    @Test
    void aParserThatHangsIsReportedNotWaitedOnForEver() {
        ParserFuzz fuzz = new ParserFuzz(List.of(new byte[] {'x'}));
        Seeded seeded = new Seeded(1, 1, new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean(true);
        // hangs on the first input only (so shrinking is quick): spins until the bound cancels it
        assertThatThrownBy(() -> fuzz.check(seeded, b -> {
            if (first.getAndSet(false)) while (!Thread.currentThread().isInterrupted()) Thread.onSpinWait();
        })).hasMessageContaining("no answer within " + ParserFuzz.BOUND_MS + " ms (a hang)");
    }
}
