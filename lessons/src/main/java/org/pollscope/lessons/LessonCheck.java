package org.pollscope.lessons;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.pollscope.kernel.scenario.ModelTarget;
import org.pollscope.kernel.scenario.Scenario;
import org.pollscope.kernel.scenario.ScenarioInterpreter;
import org.pollscope.kernel.scenario.ScenarioRunner;
import org.pollscope.kernel.scenario.Statement;
import org.pollscope.kernel.scenario.StepResult;
import org.pollscope.kernel.scenario.Target;

/**
 * Checks a lesson as CI does: every statement of its world (predict statements included) runs
 * on each side and is counted as {@code ScenarioRunner} counts (an expectation passes or fails;
 * with two sides, a statement whose canonical results differ fails, so each answer the model
 * computes for a predict must be the kernel's); then each checkpoint's answer is computed on the
 * model (one pass each, or a failure naming the problem). Program steps run on the model only,
 * and say so: on any other side each is one skip with a note.
 *
 * <p>The sides are given by the caller ("model", and "linux" from native-probe, which lessons
 * do not depend on); a side whose supplier throws {@link ScenarioRunner.Unavailable} is
 * skipped with its reason.
 */
public final class LessonCheck {

    /** What checking one lesson file counted, its failures ({@code FILE:LINE: ...}) and notes (skips, and why). */
    public record Report(String file, int passed, int failed, int skipped, List<String> failures, List<String> notes) {}

    private final Map<String, Supplier<Target>> sides;
    private final LessonEngine engine;

    /** {@code sides} in order, e.g. model then linux; the answers run on "model" (the plain model when it is not given). */
    public LessonCheck(Map<String, Supplier<Target>> sides) {
        this.sides = new LinkedHashMap<>(sides);
        this.engine = new LessonEngine(sides.containsKey("model") ? sides.get("model") : ModelTarget::new);
    }

    public Report check(Lesson lesson) {
        LessonWorld world = LessonWorld.of(lesson);
        Scenario scenario = world.scenario();
        List<String> failures = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        int passed = 0, failed = 0, skipped = 0;
        int expectations = (int) scenario.allStatements().stream()
            .filter(st -> st instanceof Statement.Call c && c.expect() != null).count();
        Map<String, ScenarioInterpreter.SideRun> runs = new LinkedHashMap<>();
        for (Map.Entry<String, Supplier<Target>> side : sides.entrySet()) {
            try (Target target = side.getValue().get()) {
                runs.put(side.getKey(), new ScenarioInterpreter(scenario, target).run());
            } catch (ScenarioRunner.Unavailable u) {
                runs.put(side.getKey(), new ScenarioInterpreter.SideRun(side.getKey(), Map.of(), List.of(), u.getMessage()));
            }
        }
        for (Map.Entry<String, ScenarioInterpreter.SideRun> e : runs.entrySet()) {
            ScenarioInterpreter.SideRun run = e.getValue();
            if (run.skipped() != null) {
                notes.add(lesson.file() + ": " + e.getKey() + ": skipped (" + run.skipped() + ")");
                skipped += Math.max(1, expectations);
            }
            failures.addAll(run.failures());
            failed += run.failures().size();
        }
        // counted as ScenarioRunner.runOne counts
        for (Statement st : scenario.allStatements()) {
            String firstCanonical = null;
            boolean diverged = false;
            StringBuilder divergence = new StringBuilder();
            boolean hasExpect = st instanceof Statement.Call c && c.expect() != null;
            for (Map.Entry<String, ScenarioInterpreter.SideRun> e : runs.entrySet()) {
                // named by the caller's key: two targets may both call themselves "model"
                String side = e.getKey();
                ScenarioInterpreter.SideRun run = e.getValue();
                if (run.skipped() != null) continue;
                StepResult r = run.results().get(st);
                if (r == null) {
                    if (hasExpect) {
                        failed++;
                        failures.add(st.pos().fileLine() + ": not reached on " + side);
                    }
                    continue;
                }
                if (r.skipped() != null) {
                    if (hasExpect) skipped++;
                    continue;
                }
                if (r.failure() != null) {
                    failed++;
                    failures.add(r.failure() + (runs.size() > 1 ? " (" + side + ")" : ""));
                } else if (hasExpect) {
                    passed++;
                }
                if (firstCanonical == null) {
                    firstCanonical = r.canonical();
                    divergence.append(side).append(' ').append(r.canonical());
                } else {
                    divergence.append(", ").append(side).append(' ').append(r.canonical());
                    if (!firstCanonical.equals(r.canonical())) diverged = true;
                }
            }
            if (diverged) {
                failed++;
                failures.add(st.pos().fileLine() + ": " + String.join(" != ", runs.keySet()) + ": " + divergence);
            }
        }
        for (int k = 0; k < lesson.steps().size(); k++) {
            LessonStep s = lesson.steps().get(k);
            if (s.action() instanceof Action.Program p) {
                try {
                    int reached = LessonEngine.programStepper(p).position();
                    if (reached < p.run()) {
                        throw new LessonSyntaxException(lesson.file(), p.line(), "program " + p.name() + " stops after " + reached
                            + " steps, before run " + p.run());
                    }
                    passed++;
                } catch (LessonSyntaxException e) {
                    failed++;
                    failures.add(e.getMessage());
                }
                for (String side : runs.keySet()) {
                    if (side.equals("model")) continue;
                    skipped++;
                    notes.add(lesson.file() + ":" + p.line() + ": program " + p.name() + " runs on the model only (" + side + ": skipped)");
                }
            }
            if (s.check() != null) {
                try {
                    engine.answer(lesson, k);
                    passed++;
                } catch (LessonSyntaxException e) {
                    failed++;
                    failures.add(e.getMessage());
                }
            }
        }
        return new Report(lesson.file(), passed, failed, skipped, List.copyOf(failures), List.copyOf(notes));
    }
}
