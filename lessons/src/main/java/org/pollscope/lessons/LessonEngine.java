package org.pollscope.lessons;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.pollscope.kernel.EventPoll;
import org.pollscope.kernel.Kernel;
import org.pollscope.kernel.OpenFile;
import org.pollscope.kernel.SimProcess;
import org.pollscope.kernel.SyscallResult;
import org.pollscope.kernel.program.Measures;
import org.pollscope.kernel.program.Program;
import org.pollscope.kernel.program.ProgramStepper;
import org.pollscope.kernel.program.Programs;
import org.pollscope.kernel.program.Simulation;
import org.pollscope.kernel.program.Workload;
import org.pollscope.kernel.scenario.Invocation;
import org.pollscope.kernel.scenario.ModelTarget;
import org.pollscope.kernel.scenario.Scenario;
import org.pollscope.kernel.scenario.ScenarioInterpreter;
import org.pollscope.kernel.scenario.ScenarioParser;
import org.pollscope.kernel.scenario.ScenarioSyntaxException;
import org.pollscope.kernel.scenario.Statement;
import org.pollscope.kernel.scenario.StepResult;
import org.pollscope.kernel.scenario.Target;
import org.pollscope.kernel.trace.CostMeter;
import org.pollscope.kernel.trace.TraceEvent;

/**
 * Computes every answer of a lesson by running the model: the answer of a checkpoint, and the
 * option of each wrong belief, computed in the world where that belief were true. Nothing is
 * kept between calls: each answer runs a fresh world on a fresh target from the supplier, so a
 * test double in place of the model changes the answers with it.
 *
 * <p>Measures that count trace events or read the kernel need the target's simulated kernel:
 * a {@link ModelTarget}, or any target that is {@link ModelBacked}.
 */
public final class LessonEngine {

    /** A target that runs on a simulated kernel the engine may read (a test double around the model). */
    public interface ModelBacked {
        Kernel kernel();
    }

    /** One option of a checkpoint: its text, and the label of the belief it comes from (null for the answer). */
    public record Option(String text, String belief) {}

    /** A checkpoint's computed answer, its options in their fixed order, and the explanation with {@code {answer}} filled in. */
    public record Answer(String correct, List<Option> options, String explain) {}

    private final Supplier<Target> model;

    public LessonEngine() {
        this(ModelTarget::new);
    }

    public LessonEngine(Supplier<Target> model) {
        this.model = model;
    }

    /** The answer of step {@code step}'s checkpoint; a lesson error (found by running) as {@code FILE:LINE: problem}. */
    public Answer answer(Lesson lesson, int step) throws LessonSyntaxException {
        Checkpoint c = checkOf(lesson, step);
        LessonWorld world = LessonWorld.of(lesson);
        String correct = compute(world, step, c, null);
        List<Option> options = new ArrayList<>();
        options.add(new Option(correct, null));
        for (Belief b : c.wrong()) {
            String text = compute(world, step, c, b);
            if (text.equals(correct)) {
                throw err(lesson, b.line(), "this belief's option is the answer itself (" + correct
                    + "): its change does not change what the model computes");
            }
            for (Option o : options) {
                if (o.belief() != null && o.text().equals(text)) {
                    Belief same = c.wrong().stream().filter(x -> x.label().equals(o.belief())).findFirst().orElseThrow();
                    throw err(lesson, b.line(), "this belief gives the same option (" + text + ") as the belief at line " + same.line());
                }
            }
            options.add(new Option(text, b.label()));
        }
        // the same order for every student, not always the answer first: seeded by lesson and step,
        // not by language, so that a class following en and zh sees the same numbers
        Collections.shuffle(options, new Random((lesson.id() + "#" + step).hashCode()));
        return new Answer(correct, List.copyOf(options), c.explain().replace("{answer}", correct));
    }

    /**
     * Whether a typed answer is right: for predict, {@code STATEMENT => typed} is read by the
     * scenario parser and checked against the model's result (so {@code {a: EPOLLIN}} matches
     * in any order); for choose, the typed number equals the computed one.
     */
    public boolean accepts(Lesson lesson, int step, String typed) {
        Checkpoint c = checkOf(lesson, step);
        String t = typed.strip();
        if (t.isEmpty()) return false;
        if (c.kind() == Checkpoint.Kind.CHOOSE) {
            String correct = answer(lesson, step).correct();
            if (t.equals(correct)) return true;
            try {
                return new BigDecimal(t).compareTo(new BigDecimal(correct)) == 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        if (t.contains("\n")) return false;
        LessonWorld world = LessonWorld.of(lesson);
        List<String> texts = new ArrayList<>(world.texts(0, world.actionEnd(step)));
        texts.add(c.statement() + " => " + t);
        Scenario s;
        try {
            s = ScenarioParser.parse(lesson.file(), String.join("\n", texts));
        } catch (ScenarioSyntaxException e) {
            return false;
        }
        try (Target target = model.get()) {
            ScenarioInterpreter in = new ScenarioInterpreter(s, target);
            in.runUpTo(s.statements().size());
            StepResult r = in.results().get(s.statements().get(s.statements().size() - 1));
            return r != null && r.failure() == null && r.skipped() == null;
        }
    }

    /** The problems only the model shows (a belief that changes nothing, a program that stops early), as {@code FILE:LINE: problem}. */
    public List<String> validate(Lesson lesson) {
        List<String> problems = new ArrayList<>();
        for (int k = 0; k < lesson.steps().size(); k++) {
            LessonStep s = lesson.steps().get(k);
            try {
                if (s.action() instanceof Action.Program p) runProgram(lesson, p, p.name(), p.clients(), p.active(), p.seed());
                if (s.check() != null) answer(lesson, k);
            } catch (LessonSyntaxException e) {
                problems.add(e.getMessage());
            }
        }
        return problems;
    }

    private static Checkpoint checkOf(Lesson lesson, int step) {
        if (step < 0 || step >= lesson.steps().size()) {
            throw new IllegalArgumentException(lesson.file() + " has no step " + step + " (it has " + lesson.steps().size() + ")");
        }
        Checkpoint c = lesson.steps().get(step).check();
        if (c == null) throw new IllegalArgumentException(lesson.file() + ": step " + step + " has no checkpoint");
        return c;
    }

    private static LessonSyntaxException err(Lesson lesson, int line, String problem) {
        return new LessonSyntaxException(lesson.file(), line, problem);
    }

    // ---- computing one option ----

    /** The value the checkpoint asks for, in the lesson's world ({@code belief} null) or in a belief's. */
    private String compute(LessonWorld world, int step, Checkpoint c, Belief belief) {
        Lesson lesson = world.lesson();
        LessonStep s = lesson.steps().get(step);
        if (s.action() instanceof Action.Program p) {
            String name = p.name();
            int clients = p.clients(), active = p.active();
            long seed = p.seed();
            String measure = c.measure();
            if (belief != null) {
                Change change = belief.change();
                if (change instanceof Change.Program cp) {
                    if (cp.name().equals(name)) throw err(lesson, belief.line(), "program " + name + " is the step's own program: this changes nothing");
                    name = cp.name();
                } else if (change instanceof Change.Measure cm) {
                    if (Measure.parse(cm.measure()).equals(Measure.parse(measure))) {
                        throw err(lesson, belief.line(), "measure " + cm.measure() + " is the checkpoint's own measure: this changes nothing");
                    }
                    measure = cm.measure();
                } else if (change instanceof Change.Workload w) {
                    long old = switch (w.key()) {
                        case "clients" -> clients;
                        case "active" -> active;
                        default -> seed;
                    };
                    if (old == w.value()) throw err(lesson, belief.line(), w.text() + " is the workload's own: this changes nothing");
                    switch (w.key()) {
                        case "clients" -> clients = (int) w.value();
                        case "active" -> active = (int) w.value();
                        default -> seed = w.value();
                    }
                    if (active > clients) {
                        throw err(lesson, belief.line(), "with " + w.text() + " the workload has " + active + " active of " + clients
                            + " clients: active must be at most clients");
                    }
                } else {
                    throw err(lesson, belief.line(), change.text() + " cannot change a program run");
                }
            }
            int at = belief == null ? c.line() : belief.line();
            Measures m = runProgram(lesson, p, name, clients, active, seed, at);
            return programMeasure(m, Measure.parse(measure));
        }
        if (c.kind() == Checkpoint.Kind.PREDICT) return predicted(world, step, belief);
        return counted(world, step, c, belief);
    }

    private Measures runProgram(Lesson lesson, Action.Program p, String name, int clients, int active, long seed) {
        return runProgram(lesson, p, name, clients, active, seed, p.line());
    }

    private Measures runProgram(Lesson lesson, Action.Program p, String name, int clients, int active, long seed, int line) {
        Program program = Programs.byName(name);
        Workload w = Workload.of(clients, active, PROGRAM_SECONDS, seed);
        ProgramStepper stepper = ProgramStepper.measured(program, w);
        stepper.goTo(p.run());
        if (stepper.position() < p.run()) {
            throw err(lesson, line, "program " + name + " with " + clients + " clients stops after " + stepper.steps()
                + " steps, before run " + p.run());
        }
        return stepper.simulation().measures();
    }

    /** The simulated time of a lesson's program run, as the window's "Open a built-in program" gives it. */
    public static final double PROGRAM_SECONDS = 1.0;

    /** A program run stepped to step {@code run} of {@code p}, for players that draw it. */
    public static ProgramStepper programStepper(Action.Program p) {
        ProgramStepper stepper = new ProgramStepper(Programs.byName(p.name()),
            Workload.of(p.clients(), p.active(), PROGRAM_SECONDS, p.seed()));
        stepper.goTo(p.run());
        return stepper;
    }

    static String programMeasure(Measures m, Measure measure) {
        return switch (measure.name()) {
            case "requests" -> String.valueOf(m.requests());
            case "syscalls-per-request" -> decimal(m.syscallsPerRequest());
            case "work-per-request" -> decimal(m.workPerRequest());
            case "wait-call-work" -> decimal(m.waitCallWork());
            case "woken-per-connection" -> decimal(m.wokenPerConnection());
            case "woken-per-wakeup" -> decimal(m.wokenPerWakeup());
            case "max-woken" -> String.valueOf(m.maxWoken());
            case "starvation-ms" -> decimal(m.starvationMs());
            case "unserved" -> String.valueOf(m.unservedClients());
            default -> throw new IllegalArgumentException("not a program measure: " + measure.name());
        };
    }

    /** A measure with a fraction: at most two decimals, no trailing zeros ("-" when nothing was served). */
    static String decimal(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) return "-";
        BigDecimal d = BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }

    /** The world's texts so far, rewritten by a belief's replace or drop; unchanged for the lesson's own world. */
    private static List<String> rewrite(Lesson lesson, List<String> texts, Belief belief) {
        if (belief == null || !(belief.change() instanceof Change.Replace || belief.change() instanceof Change.Drop)) return texts;
        List<String> out = new ArrayList<>();
        for (String t : texts) {
            if (belief.change() instanceof Change.Replace r) {
                out.addAll(List.of(t.replace(r.from(), r.to()).split("\n", -1)));
            } else if (!t.contains(((Change.Drop) belief.change()).what())) {
                out.add(t);
            }
        }
        return out;
    }

    private Scenario parseBelief(Lesson lesson, Belief belief, List<String> texts) {
        try {
            return ScenarioParser.parse(lesson.file(), String.join("\n", texts));
        } catch (ScenarioSyntaxException e) {
            String line = e.pos().line() >= 1 && e.pos().line() <= texts.size() ? texts.get(e.pos().line() - 1).strip() : "";
            throw err(lesson, belief.line(), "the world of this belief does not parse: " + e.problem()
                + (line.isEmpty() ? "" : " (in '" + line + "')"));
        }
    }

    private String predicted(LessonWorld world, int step, Belief belief) {
        Lesson lesson = world.lesson();
        List<String> texts = world.texts(0, world.end(step));
        Scenario s;
        if (belief == null) {
            s = world.scenario();
        } else {
            if (belief.change() instanceof Change.Drop d && texts.get(texts.size() - 1).contains(d.what())) {
                throw err(lesson, belief.line(), "drop \"" + d.what() + "\" drops the predicted statement itself");
            }
            List<String> changed = rewrite(lesson, texts, belief);
            if (changed.equals(texts)) throw err(lesson, belief.line(), nothingChanged(belief));
            s = parseBelief(lesson, belief, changed);
        }
        int upTo = belief == null ? world.statementsAfterReveal(step) : s.statements().size();
        try (Target target = model.get()) {
            ScenarioInterpreter in = new ScenarioInterpreter(s, target);
            in.runUpTo(upTo);
            Statement last = s.statements().get(upTo - 1);
            StepResult r = in.results().get(last);
            int line = belief == null ? lesson.steps().get(step).check().line() : belief.line();
            if (r == null || r.skipped() != null) {
                throw err(lesson, line, "the predicted call does not run on the model" + (r != null ? " (" + r.skipped() + ")" : ""));
            }
            if ("not run".equals(r.canonical())) {
                throw err(lesson, line, (belief == null ? "" : "in the world of this belief, ") + "the predicted call does not run: "
                    + r.failure().replaceFirst("^[^ ]+: ", ""));
            }
            return answerText(r.canonical());
        }
    }

    /** A result as a lesson shows it: {@code 0} for a call that reported nothing, as one writes it after {@code =>}. */
    static String answerText(String canonical) {
        return canonical.matches("0 (\\[\\]|\\{\\})") ? "0" : canonical;
    }

    private static String nothingChanged(Belief b) {
        if (b.change() instanceof Change.Replace r) return "replace changes nothing: the statements so far hold no \"" + r.from() + "\"";
        if (b.change() instanceof Change.Drop d) return "drop changes nothing: no statement so far holds \"" + d.what() + "\"";
        return b.change().text() + " changes nothing";
    }

    private String counted(LessonWorld world, int step, Checkpoint c, Belief belief) {
        Lesson lesson = world.lesson();
        Measure measure = Measure.parse(c.measure());
        Scenario s;
        int before, after;
        if (belief == null || belief.change() instanceof Change.Measure) {
            s = world.scenario();
            before = world.statementsBefore(step);
            after = world.statementsAfterAction(step);
            if (belief != null) {
                Measure other = Measure.parse(((Change.Measure) belief.change()).measure());
                if (other.equals(measure)) {
                    throw err(lesson, belief.line(), "measure " + other.text() + " is the checkpoint's own measure: this changes nothing");
                }
                measure = other;
            }
        } else {
            List<String> prefix = world.texts(0, world.start(step));
            List<String> own = world.texts(world.start(step), world.actionEnd(step));
            List<String> newPrefix = rewrite(lesson, prefix, belief);
            List<String> newOwn = rewrite(lesson, own, belief);
            if (newPrefix.equals(prefix) && newOwn.equals(own)) throw err(lesson, belief.line(), nothingChanged(belief));
            List<String> all = new ArrayList<>(newPrefix);
            all.addAll(newOwn);
            s = parseBelief(lesson, belief, all);
            before = 0;
            while (before < s.statements().size() && s.statements().get(before).pos().line() <= newPrefix.size()) before++;
            after = s.statements().size();
        }
        int line = belief == null ? c.line() : belief.line();
        List<Done> calls = new ArrayList<>();
        int[] started = {0};
        try (Target target = model.get()) {
            Kernel kernel = kernelOf(target);
            Target recording = new Recording(target, started, calls);
            ScenarioInterpreter in = new ScenarioInterpreter(s, recording);
            in.runUpTo(before);
            calls.clear();
            started[0] = 0;
            int mark = kernel == null ? 0 : kernel.trace().size();
            in.runUpTo(after);
            if (measure.name().equals("calls")) return String.valueOf(started[0]);
            if (measure.name().equals("ready-fds")) {
                long n = 0;
                for (Done d : calls) {
                    String call = d.call().call();
                    if ((call.equals("select") || call.equals("poll")) && !d.result().failed()) {
                        Set<Long> keys = new HashSet<>();
                        for (SyscallResult.Ready r : d.result().events()) keys.add(r.key());
                        n += keys.size();
                    }
                }
                return String.valueOf(n);
            }
            if (kernel == null) {
                throw err(lesson, line, "measure " + measure.text() + " reads the model's kernel, and target "
                    + target.side() + " has none to read");
            }
            if (Measure.READ.contains(measure.name())) return read(lesson, line, in, kernel, measure);
            return String.valueOf(countEvents(kernel.trace().events().subList(mark, kernel.trace().size()), measure.name()));
        }
    }

    /** Counts a measure in a step's trace events (docs/authoring-lessons.md, the table of measures). */
    static long countEvents(List<TraceEvent> events, String measure) {
        long n = 0;
        CostMeter cost = new CostMeter();
        for (TraceEvent e : events) {
            cost.accept(e);
            n += switch (measure) {
                case "visited" -> e instanceof TraceEvent.FdVisit ? 1 : 0;
                case "callbacks" -> e instanceof TraceEvent.Callback cb && cb.function().equals("ep_poll_callback") ? 1 : 0;
                case "wakeups" -> e instanceof TraceEvent.Wake ? 1 : 0;
                case "copied" -> e instanceof TraceEvent.Copy c ? c.bytes() : 0;
                case "compares" -> e instanceof TraceEvent.TreeCompare ? 1 : 0;
                case "rotations" -> e instanceof TraceEvent.TreeRotate ? 1 : 0;
                case "work" -> 0;
                default -> throw new IllegalArgumentException("not a counted measure: " + measure);
            };
        }
        return measure.equals("work") ? cost.total().total() : n;
    }

    private static String read(Lesson lesson, int line, ScenarioInterpreter in, Kernel kernel, Measure m) {
        EventPoll ep = eventPollOf(kernel, in, m.fd());
        if (ep == null) {
            throw err(lesson, line, "measure " + m.text() + ": '" + m.fd() + "' is not bound to an epoll fd at this step");
        }
        return String.valueOf(switch (m.name()) {
            case "items" -> ep.interestList().size();
            case "ready" -> ep.readyList().size();
            default -> ep.interestList().height();
        });
    }

    /** The epoll instance the scenario's main process has under {@code name}, or null. */
    static EventPoll eventPollOf(Kernel kernel, ScenarioInterpreter in, String name) {
        if (kernel.processes().isEmpty() || !in.boundNames().contains(name)) return null;
        SimProcess main = kernel.processes().get(0);
        for (int fd = 0, hw = main.fds().highWater(); fd < hw; fd++) {
            OpenFile f = main.fds().get(fd);
            if (name.equals(in.nameOfFd(fd)) && f instanceof EventPoll ep) return ep;
        }
        return null;
    }

    /** The simulated kernel behind a target, or null. */
    static Kernel kernelOf(Target t) {
        if (t instanceof ModelTarget m) return m.kernel();
        if (t instanceof ModelBacked b) return b.kernel();
        return null;
    }

    /** A call that completed, as the target reported it. */
    private record Done(Invocation call, SyscallResult result) {}

    /** Passes everything to a target and writes down each call that completes (for calls and ready-fds). */
    private record Recording(Target inner, int[] started, List<Done> done) implements Target {
        public String side() {
            return inner.side();
        }

        public String kernelRelease() {
            return inner.kernelRelease();
        }

        public boolean canFork() {
            return inner.canFork();
        }

        public void spawn(String thread, boolean forkProcess) {
            inner.spawn(thread, forkProcess);
        }

        public String skipReason(Invocation call) {
            return inner.skipReason(call);
        }

        public void start(String thread, Invocation call, Consumer<SyscallResult> then) {
            if (!call.call().equals("sleep")) started[0]++;
            inner.start(thread, call, r -> {
                if (!call.call().equals("sleep")) done.add(new Done(call, r));
                then.accept(r);
            });
        }

        public boolean settle(BooleanSupplier condition) {
            return inner.settle(condition);
        }

        public boolean awaitBlocked(String thread) {
            return inner.awaitBlocked(thread);
        }

        public void close() {
            // the caller closes the inner target
        }
    }
}
