package org.pollscope.kernel.scenario;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code pollscope run FILE... --on model|linux|both}: runs scenarios on one or both sides and
 * prints each statement with its result on each side, then the failures as
 * {@code FILE:LINE: expected ... got ...} and {@code FILE:LINE: model != linux: ...}, and last
 * {@code N passed, N failed[, N skipped]}.
 *
 * <p>Counting: every expectation checked on a side is one pass or one failure; a statement
 * whose results differ between the sides is one more failure; an expectation not run on a
 * side is one skip. Exit status: 0 when nothing failed, 1 when something failed, 2 when a
 * file could not be read (nothing runs then).
 */
public final class ScenarioRunner {

    /** Makes a fresh target for one scenario, or throws {@link Unavailable}. */
    public interface TargetFactory extends Supplier<Target> {}

    /** A side that cannot run here (not Linux, no JNA); the message says why. */
    public static final class Unavailable extends RuntimeException {
        public Unavailable(String why) {
            super(why, null, false, false);
        }
    }

    /** What a run counted. */
    public record Totals(int passed, int failed, int skipped) {
        public String line() {
            return passed + " passed, " + failed + " failed" + (skipped > 0 ? ", " + skipped + " skipped" : "");
        }
    }

    private final Map<String, TargetFactory> factories;
    private final PrintStream out;
    private final PrintStream err;
    private boolean quiet;

    public ScenarioRunner(Map<String, TargetFactory> factories, PrintStream out, PrintStream err) {
        this.factories = new LinkedHashMap<>(factories);
        this.out = out;
        this.err = err;
    }

    /** Print only failures and the totals. */
    public ScenarioRunner quiet(boolean quiet) {
        this.quiet = quiet;
        return this;
    }

    /** Parses every file, then runs each on the sides; returns the exit status. */
    public int run(List<Path> files, List<String> sides) {
        List<Scenario> scenarios = new ArrayList<>();
        boolean bad = false;
        for (Path f : files) {
            try {
                scenarios.add(ScenarioParser.parse(f));
            } catch (ScenarioSyntaxException e) {
                err.println(e.getMessage());
                bad = true;
            } catch (NoSuchFileException e) {
                err.println(f + ": no such file");
                bad = true;
            } catch (org.pollscope.kernel.text.Utf8.TooLarge e) {
                err.println(f + ": " + e.getMessage());
                bad = true;
            } catch (IOException e) {
                err.println(f + ": cannot be read (" + e.getMessage() + ")");
                bad = true;
            }
        }
        if (bad) {
            return 2;
        }
        Totals total = new Totals(0, 0, 0);
        for (Scenario s : scenarios) {
            Totals t = runOne(s, sides);
            total = new Totals(total.passed + t.passed, total.failed + t.failed, total.skipped + t.skipped);
        }
        out.println(total.line());
        return total.failed > 0 ? 1 : 0;
    }

    /** Runs one parsed scenario on the sides and prints its report; returns its counts. */
    public Totals runOne(Scenario scenario, List<String> sides) {
        Map<String, ScenarioInterpreter.SideRun> runs = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        int passed = 0;
        int failed = 0;
        int skipped = 0;
        int expectations = (int) scenario.allStatements().stream()
            .filter(st -> st instanceof Statement.Call c && c.expect() != null).count();
        for (String side : sides) {
            TargetFactory factory = factories.get(side);
            if (factory == null) {
                throw new IllegalArgumentException("unknown side " + side);
            }
            try (Target target = factory.get()) {
                runs.put(side, new ScenarioInterpreter(scenario, target).run());
            } catch (Unavailable u) {
                runs.put(side, new ScenarioInterpreter.SideRun(side, Map.of(), List.of(), u.getMessage()));
            }
        }
        if (!quiet) {
            out.println("== " + scenario.file() + (scenario.title() != null ? "  \"" + scenario.title() + "\"" : ""));
        }
        for (ScenarioInterpreter.SideRun run : runs.values()) {
            if (run.skipped() != null) {
                if (!quiet) out.println("   " + run.side() + ": skipped (" + run.skipped() + ")");
                skipped += Math.max(1, expectations);
            }
            failures.addAll(run.failures());
            failed += run.failures().size();
        }
        for (Statement st : scenario.allStatements()) {
            StringBuilder line = new StringBuilder();
            line.append(String.format("%5d  %-48s", st.pos().line(), st.text()));
            String firstCanonical = null;
            String firstSide = null;
            boolean diverged = false;
            StringBuilder divergence = new StringBuilder();
            for (ScenarioInterpreter.SideRun run : runs.values()) {
                if (run.skipped() != null) continue;
                StepResult r = run.results().get(st);
                boolean hasExpect = st instanceof Statement.Call c && c.expect() != null;
                if (r == null) {
                    line.append("  ").append(run.side()).append(": (not reached)");
                    if (hasExpect) {
                        failed++;
                        failures.add(st.pos().fileLine() + ": not reached on " + run.side());
                    }
                    continue;
                }
                if (r.skipped() != null) {
                    line.append("  ").append(run.side()).append(": skipped (").append(r.skipped()).append(')');
                    if (hasExpect) skipped++;
                    continue;
                }
                line.append("  ").append(run.side()).append(": ").append(r.shown());
                if (r.failure() != null) {
                    failed++;
                    failures.add(r.failure() + (runs.size() > 1 ? " (" + run.side() + ")" : ""));
                } else if (hasExpect) {
                    passed++;
                }
                if (firstCanonical == null) {
                    firstCanonical = r.canonical();
                    firstSide = run.side();
                    divergence.append(run.side()).append(' ').append(r.canonical());
                } else {
                    divergence.append(", ").append(run.side()).append(' ').append(r.canonical());
                    if (!firstCanonical.equals(r.canonical())) diverged = true;
                }
            }
            if (diverged) {
                failed++;
                failures.add(st.pos().fileLine() + ": " + String.join(" != ", runs.keySet()) + ": " + divergence);
            }
            if (!quiet) out.println(line.toString().stripTrailing());
        }
        for (String f : failures) {
            out.println(f);
        }
        return new Totals(passed, failed, skipped);
    }
}
