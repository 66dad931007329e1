package org.pollscope.probe.live;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.pollscope.kernel.scenario.ModelTarget;
import org.pollscope.kernel.scenario.Target;
import org.pollscope.probe.DifferentialFuzzer;
import org.pollscope.probe.LinuxTarget;

/**
 * Turns a {@link Mirror.Divergence} into the shortest {@code .scn} file that reproduces it: the
 * scenario the mirror wrote from its log (the setup, the connections the call names, what their
 * peers did), cut after the call, then shrunk as {@link DifferentialFuzzer} shrinks (chunks of
 * lines, then single lines, removed while the scenario still diverges), each try run on both
 * sides, the model ({@link ModelTarget}) and the kernel ({@link LinuxTarget}). A divergence that
 * its scenario does not reproduce (it came from timing the server cannot see, or from a
 * connection older than the log) is written unshrunk, with a comment that says so.
 */
public final class Reproducer {
    /** the most runs on both sides one reproducer may take */
    static final int RUNS_MAX = 400;

    /** A reproducer written: its file, and whether a run on both sides confirmed it. */
    public record Written(Path file, boolean reproduced, int lines) {}

    private final DifferentialFuzzer referee;

    public Reproducer() {
        this(ModelTarget::new, LinuxTarget::new);
    }

    /** Compares any two targets (a test may give a model that is wrong on purpose). */
    public Reproducer(Supplier<Target> model, Supplier<Target> kernel) {
        this.referee = new DifferentialFuzzer(1, model, kernel);
    }

    /** Shrinks {@code d}'s scenario and writes it as {@code dir/live-divergence-INDEX.scn}. */
    public Written write(Mirror.Divergence d, Path dir) throws IOException {
        Path file = dir.resolve("live-divergence-" + d.index() + ".scn");
        String header = "# found by pollscope live, call " + d.index() + ": " + d.call()
            + "\n#   model: " + d.model() + "\n#   real:  " + d.real() + "\n";
        if (d.scenario() == null) {
            Files.writeString(file, header + "# not kept: only the first " + Mirror.DIVERGENCES_KEPT + " divergences keep their scenario\n");
            return new Written(file, false, 0);
        }
        List<String> lines = new ArrayList<>(List.of(d.scenario().split("\n")));
        int[] runs = {0};
        if (!diverges(lines, runs)) {
            Files.writeString(file, header + "# this scenario, the mirror's log of the connections involved, does not reproduce it on both"
                + " sides: the difference came from timing the server cannot observe, or from calls older than the log\n" + d.scenario());
            return new Written(file, false, lines.size());
        }
        // chunks first (a log is long), then single lines
        for (int chunk = Math.max(1, lines.size() / 2); chunk >= 1 && runs[0] < RUNS_MAX; chunk /= 2) {
            for (int i = lines.size() - chunk; i >= 0 && runs[0] < RUNS_MAX; i -= chunk) {
                List<String> fewer = new ArrayList<>(lines.subList(0, i));
                fewer.addAll(lines.subList(Math.min(lines.size(), i + chunk), lines.size()));
                if (!fewer.isEmpty() && diverges(fewer, runs)) {
                    lines = fewer;
                    i = Math.min(i, lines.size());
                }
            }
        }
        var found = referee.check(0, String.join("\n", lines) + "\n");
        String text = String.join("\n", lines) + "\n";
        Files.writeString(file, header + (found != null ? "# on both sides now: " + found.statement() + "\n#   model: " + found.model()
            + "\n#   linux: " + found.linux() + "\n" : "") + (runs[0] >= RUNS_MAX ? "# shrinking stopped after " + RUNS_MAX + " runs\n" : "") + text);
        return new Written(file, found != null, lines.size());
    }

    private boolean diverges(List<String> lines, int[] runs) {
        runs[0]++;
        return referee.check(0, String.join("\n", lines) + "\n") != null;
    }
}
