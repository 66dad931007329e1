package org.pollscope.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.pollscope.kernel.scenario.ModelTarget;
import org.pollscope.kernel.scenario.Scenario;
import org.pollscope.kernel.scenario.ScenarioInterpreter;
import org.pollscope.kernel.scenario.ScenarioParser;
import org.pollscope.kernel.scenario.ScenarioSyntaxException;
import org.pollscope.kernel.scenario.Statement;
import org.pollscope.kernel.scenario.StepResult;
import org.pollscope.kernel.scenario.Target;

/**
 * The referee at work: random scenarios ({@link ScenarioGenerator}) run on the model and on
 * the real kernel; a statement whose result differs is a divergence, which is shrunk (lines
 * removed one at a time while it still diverges) to a minimal {@code .scn} file.
 */
public final class DifferentialFuzzer {

    /** One divergence: the minimal scenario, the first statement that differs, both results. */
    public record Divergence(long seed, String scenario, String statement, String model, String linux) {}

    /** What a run found. */
    public record Report(int scenarios, List<Divergence> divergences, int unrepeatable) {
        public String line() {
            return count(scenarios, "scenario") + ", " + count(divergences.size(), "divergence");
        }
    }

    private final int length;
    private boolean tcp;
    private final Supplier<Target> model;
    private final Supplier<Target> kernel;

    /** @param length statements per generated scenario */
    public DifferentialFuzzer(int length) {
        this(length, ModelTarget::new, LinuxTarget::new);
    }

    /** Compares any two targets (tests compare two differently configured models). */
    public DifferentialFuzzer(int length, Supplier<Target> model, Supplier<Target> kernel) {
        this.length = length;
        this.model = model;
        this.kernel = kernel;
    }

    /** Also make TCP listeners and loopback connections. */
    public DifferentialFuzzer withTcp(boolean on) {
        this.tcp = on;
        return this;
    }

    /** The seed of scenario {@code i} of a run with seed {@code seed}. */
    public static long scenarioSeed(long seed, int i) {
        return seed * 1_000_003L + i;
    }

    /** Runs {@code count} scenarios; each divergence is shrunk and, with {@code out}, written there. */
    public Report run(long seed, int count, Path out, Consumer<String> progress) throws IOException {
        List<Divergence> found = new ArrayList<>();
        int flaky = 0;
        for (int i = 0; i < count; i++) {
            long s = scenarioSeed(seed, i);
            String text = tcp ? ScenarioGenerator.generateWithTcp(s, length) : ScenarioGenerator.generate(s, length);
            Divergence d = check(s, text);
            if (d != null && check(s, text) == null) {
                // it did not happen again: something outside the scenario took part (say the
                // JVM opened a file between two calls); count it, do not chase it, but keep it
                // where it can be read, so that a class of them that keeps coming can be found
                flaky++;
                if (out != null) write(out, "unrepeatable-", d, "did not happen again on a second run", text);
                d = null;
            }
            if (d != null) {
                String minimal = shrink(s, text);
                Divergence m = check(s, minimal);
                d = m != null ? m : d;
                found.add(d);
                if (out != null) write(out, "divergence-", d, "found by pollscope fuzz", d.scenario());
            }
            if (progress != null) progress.accept((i + 1) + "/" + count(count, "scenario") + ", " + count(found.size(), "divergence")
                + (flaky > 0 ? ", " + flaky + " unrepeatable" : ""));
        }
        return new Report(count, found, flaky);
    }

    /** Writes {@code d} as a scenario file named by its seed, with the first difference in its comment header. */
    private static void write(Path out, String prefix, Divergence d, String what, String scenario) throws IOException {
        Files.createDirectories(out);
        Files.writeString(out.resolve(prefix + Long.toUnsignedString(d.seed(), 36) + ".scn"),
            "# " + what + ", scenario seed " + d.seed() + "\n# first difference: " + d.statement()
                + "\n#   model: " + d.model() + "\n#   linux: " + d.linux() + "\n" + scenario);
    }

    /** The first statement whose results differ between the model and the kernel, or null. */
    public Divergence check(long seed, String text) {
        Scenario scenario;
        try {
            scenario = ScenarioParser.parse("seed-" + seed + ".scn", text);
        } catch (ScenarioSyntaxException e) {
            return null; // a shrink step that broke the scenario
        }
        Map<Statement, StepResult> model;
        Map<Statement, StepResult> linux;
        try (Target m = this.model.get()) {
            model = new ScenarioInterpreter(scenario, m).run().results();
        }
        try (Target l = this.kernel.get()) {
            linux = new ScenarioInterpreter(scenario, l).run().results();
        }
        for (Statement st : scenario.allStatements()) {
            StepResult a = model.get(st);
            StepResult b = linux.get(st);
            if (a == null || b == null || a.skipped() != null || b.skipped() != null) continue;
            if (!a.canonical().equals(b.canonical())) {
                return new Divergence(seed, text, st.pos().line() + ": " + st.text(), a.canonical(), b.canonical());
            }
        }
        return null;
    }

    /** Removes lines while the scenario still diverges; returns the smallest found. */
    public String shrink(long seed, String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n")));
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (lines.get(i).startsWith("@")) continue;
                List<String> fewer = new ArrayList<>(lines);
                fewer.remove(i);
                if (check(seed, String.join("\n", fewer) + "\n") != null) {
                    lines = fewer;
                    changed = true;
                }
            }
        }
        return String.join("\n", lines) + "\n";
    }

    /** "1 divergence", "2 divergences": a count with its noun, singular for 1. */
    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
