package org.pollscope.kernel.scenario;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.pollscope.kernel.Linux;
import org.pollscope.kernel.SyscallResult;

/**
 * Runs one scenario on one {@link Target}. A failed expectation does not stop the script: it
 * is recorded and the next statement runs. Names are bound per target, since the model's fd
 * numbers are not the kernel's.
 */
public final class ScenarioInterpreter {

    private final Scenario scenario;
    private final Target target;
    private final Map<Statement, StepResult> results = new ConcurrentHashMap<>();
    /** the statements in the order their first result came (results arrive from the target's threads) */
    private final List<Statement> resultOrder = new ArrayList<>();
    /** name -> fd number on this target */
    private final Map<String, Integer> fds = new ConcurrentHashMap<>();
    /** fd number -> the name bound to it last */
    private final Map<Integer, String> lastNameOfFd = new ConcurrentHashMap<>();
    /** "epfd:data" -> the name registered with that data, and whether data was explicit */
    private final Map<String, Registration> registrations = new ConcurrentHashMap<>();
    private final Map<String, ThreadRun> threads = new HashMap<>();
    private final List<String> lateFailures = Collections.synchronizedList(new ArrayList<>());
    private int forks;
    private int next;
    /** why main can run nothing more, or null */
    private String mainStuck;

    private record Registration(String name, boolean explicitData) {}

    private final class ThreadRun {
        final String name;
        final List<Statement> body;
        volatile int pc;
        volatile boolean finished;
        final SourcePos pos;

        ThreadRun(String name, List<Statement> body, SourcePos pos) {
            this.name = name;
            this.body = body;
            this.pos = pos;
        }
    }

    public ScenarioInterpreter(Scenario scenario, Target target) {
        this.scenario = scenario;
        this.target = target;
    }

    /** The outcome of a whole run on one side. */
    public record SideRun(String side, Map<Statement, StepResult> results, List<String> failures, String skipped) {}

    /** Runs the scenario to its end and returns every statement's result. */
    public SideRun run() {
        String side = target.side();
        if (scenario.only() != null && !scenario.only().equals(side)) {
            return new SideRun(side, Map.of(), List.of(), "@only " + scenario.only()
                + (scenario.onlyReason() != null ? ": " + scenario.onlyReason() : ""));
        }
        if (scenario.needsKernel() != null && compareVersions(target.kernelRelease(), scenario.needsKernel()) < 0) {
            return new SideRun(side, Map.of(), List.of(), "needs kernel >= " + scenario.needsKernel()
                + ", this is " + target.kernelRelease());
        }
        runUpTo(scenario.statements().size());
        // threads that never finished are failures
        for (ThreadRun t : threads.values()) {
            if (!t.finished && !target.settle(() -> t.finished)) {
                lateFailures.add(t.pos.fileLine() + ": thread " + t.name + " never finished (still asleep at the end; join it or wake it)");
            }
        }
        return new SideRun(side, Map.copyOf(results), List.copyOf(lateFailures), null);
    }

    /** How many top-level statements have run. */
    public int position() {
        return next;
    }

    /**
     * Runs top-level statements until {@code n} of them have run (a step-through view calls this
     * one statement at a time; stepping back replays a fresh run up to an earlier n).
     */
    public void runUpTo(int n) {
        List<Statement> all = scenario.statements();
        while (next < Math.min(n, all.size())) {
            runMain(all.get(next++));
        }
    }

    /** The names bound so far. */
    public java.util.Set<String> boundNames() {
        return java.util.Set.copyOf(fds.keySet());
    }

    /** The name a statement last bound to {@code fd} in the main process, or null. */
    public String nameOfFd(int fd) {
        return lastNameOfFd.get(fd);
    }

    /** The result of statement {@code s}, or null when it has not run. */
    public StepResult result(Statement s) {
        return results.get(s);
    }

    private void putResult(Statement s, StepResult r) {
        synchronized (resultOrder) {
            if (results.put(s, r) == null) resultOrder.add(s);
        }
    }

    /** How many statements have a result so far. */
    public int resultCount() {
        synchronized (resultOrder) {
            return resultOrder.size();
        }
    }

    /** The results of the statements that got their first result after the first {@code count}, in that order. */
    public List<StepResult> resultsSince(int count) {
        List<StepResult> out = new ArrayList<>();
        synchronized (resultOrder) {
            for (int i = count; i < resultOrder.size(); i++) out.add(results.get(resultOrder.get(i)));
        }
        return out;
    }

    /** The results so far. */
    public Map<Statement, StepResult> results() {
        return Map.copyOf(results);
    }

    /**
     * The statement each scenario thread (and forked child) that has not finished is on: the
     * call it sleeps in, or the next it runs. Keyed by the thread's name, in no order.
     */
    public Map<String, Statement> running() {
        Map<String, Statement> out = new HashMap<>();
        threads.forEach((name, t) -> {
            int pc = t.pc;
            if (!t.finished && pc < t.body.size()) out.put(name, t.body.get(pc));
        });
        return out;
    }

    private void runMain(Statement s) {
        if (mainStuck != null) {
            // main sleeps for ever in an earlier call: nothing after it can run
            putResult(s, new StepResult(s, "not run", "not run", s.pos().fileLine() + ": not run: " + mainStuck, null));
            return;
        }
        if (s.only() != null && !s.only().equals(target.side())) {
            skip(s, "@only " + s.only());
            // a block skipped whole: its body is skipped with it, not left "not reached"
            List<Statement> body = s instanceof Statement.Thread t ? t.body() : s instanceof Statement.Fork f ? f.body() : List.of();
            for (Statement inner : body) skip(inner, "inside a block marked @only " + s.only());
            return;
        }
        if (s instanceof Statement.Call c) {
                AtomicReference<SyscallResult> box = new AtomicReference<>();
                startCall("main", c, box::set);
                if (!target.settle(() -> box.get() != null)) {
                    String why = target.whyBlocked();
                    putResult(c, new StepResult(c, "blocked", "blocked", c.pos().fileLine()
                        + ": " + c.name() + " blocks forever: " + (why != null ? why : "no thread and no timer can wake it"), null));
                    mainStuck = "main is still asleep in " + c.name() + " from line " + c.pos().line();
                }
        } else if (s instanceof Statement.Sleep sl) {
                AtomicReference<SyscallResult> box = new AtomicReference<>();
                target.start("main", new Invocation("sleep", List.of(sl.millis()), sl.pos()), box::set);
                if (target.settle(() -> box.get() != null)) {
                    putResult(sl, new StepResult(sl, "0", "0", null, null));
                } else {
                    // the model's clock jumps to any timer; a real sleep can be too long to wait out
                    String why = target.whyBlocked();
                    putResult(sl, new StepResult(sl, "blocked", "blocked", sl.pos().fileLine() + ": sleep "
                        + (why != null ? why : "did not end"), null));
                    mainStuck = "main is still asleep in sleep from line " + sl.pos().line();
                }
        } else if (s instanceof Statement.Thread t) {
                ThreadRun run = new ThreadRun(t.name(), t.body(), t.pos());
                threads.put(t.name(), run);
                target.spawn(t.name(), false);
                putResult(t, new StepResult(t, "started", "started", null, null));
                advance(run);
        } else if (s instanceof Statement.Fork f) {
                if (!target.canFork()) {
                    skip(f, "fork runs in the model only: a JVM cannot fork");
                    for (Statement b : f.body()) skip(b, "inside fork, which runs in the model only");
                    return;
                }
                String name = "fork" + (++forks);
                ThreadRun run = new ThreadRun(name, f.body(), f.pos());
                threads.put(name, run);
                target.spawn(name, true);
                putResult(f, new StepResult(f, "forked", "forked", null, null));
                advance(run);
        } else if (s instanceof Statement.AwaitBlocked a) {
                ThreadRun t = threads.get(a.thread());
                boolean ok = t != null && !t.finished && target.awaitBlocked(a.thread());
                putResult(a, new StepResult(a, ok ? "blocked" : "not blocked", ok ? "blocked" : "not blocked",
                    ok ? null : a.pos().fileLine() + ": thread " + a.thread() + " did not block"
                        + (t != null && t.finished ? " (it already finished)" : ""), null));
        } else if (s instanceof Statement.Join j) {
                ThreadRun t = threads.get(j.thread());
                boolean ok = t != null && target.settle(() -> t.finished);
                putResult(j, new StepResult(j, ok ? "joined" : "still running", ok ? "joined" : "still running",
                    ok ? null : j.pos().fileLine() + ": thread " + j.thread() + " never finished: it sleeps and nothing can wake it", null));
        }
    }

    /** Runs a scenario thread's statements from its pc until one blocks (or all are done). */
    private void advance(ThreadRun t) {
        while (t.pc < t.body.size()) {
            Statement s = t.body.get(t.pc);
            if (s.only() != null && !s.only().equals(target.side())) {
                skip(s, "@only " + s.only());
                t.pc++;
                continue;
            }
            if (s instanceof Statement.Call c) {
                startCall(t.name, c, o -> {
                    t.pc++;
                    advance(t);
                });
                return;
            }
            if (s instanceof Statement.Sleep sl) {
                target.start(t.name, new Invocation("sleep", List.of(sl.millis()), sl.pos()), o -> {
                    putResult(sl, new StepResult(sl, "0", "0", null, null));
                    t.pc++;
                    advance(t);
                });
                return;
            }
            // the parser allows only calls and sleeps inside thread bodies
            putResult(s, new StepResult(s, "not run", "not run", s.pos().fileLine()
                + ": only calls and sleep() may stand inside a thread body", null));
            t.pc++;
        }
        t.finished = true;
    }

    private void skip(Statement s, String why) {
        putResult(s, new StepResult(s, "skipped", "skipped", null, why));
    }

    private void startCall(String thread, Statement.Call c, Consumer<SyscallResult> then) {
        Invocation inv;
        try {
            inv = resolve(c);
        } catch (IllegalStateException e) {
            putResult(c, new StepResult(c, "not run", "not run", c.pos().fileLine() + ": " + e.getMessage(), null));
            then.accept(SyscallResult.error(Linux.EBADF));
            return;
        }
        String why = target.skipReason(inv);
        if (why != null) {
            putResult(c, new StepResult(c, "skipped", "skipped", null, why));
            then.accept(SyscallResult.ok(0));
            return;
        }
        target.start(thread, inv, outcome -> {
            record(c, inv, outcome);
            then.accept(outcome);
        });
    }

    private Invocation resolve(Statement.Call c) {
        List<Object> args = new ArrayList<>();
        if (c.name().equals("select")) {
            int[] read = new int[0], write = new int[0], except = new int[0];
            long timeout = -1, nfds = Invocation.SelectSets.DEFAULT_NFDS;
            for (Expr e : c.args()) {
                Expr.Keyword k = (Expr.Keyword) e;
                switch (k.key()) {
                    case "read" -> read = fdList((Expr.ListOf) k.value());
                    case "write" -> write = fdList((Expr.ListOf) k.value());
                    case "except" -> except = fdList((Expr.ListOf) k.value());
                    case "timeout_ms" -> timeout = Expr.valueOf(k.value());
                    case "nfds" -> nfds = Expr.valueOf(k.value());
                    default -> throw new IllegalStateException("unknown keyword " + k.key());
                }
            }
            args.add(new Invocation.SelectSets(read, write, except, timeout, nfds));
            return new Invocation("select", args, c.pos());
        }
        for (Expr e : c.args()) {
            if (e instanceof Expr.Name n) {
                args.add((long) fdOf(n.name()));
            } else if (e instanceof Expr.Str s) {
                args.add(s.value());
            } else if (e instanceof Expr.ListOf l) {
                List<Invocation.PollFd> list = new ArrayList<>();
                for (Expr.Item it : l.items()) {
                    int fd = it.fd() instanceof Expr.Name n ? fdOf(n.name()) : (int) Expr.valueOf(it.fd());
                    list.add(new Invocation.PollFd(fd, (short) Expr.valueOf(it.flags())));
                }
                args.add(list);
            } else {
                args.add(Expr.valueOf(e));
            }
        }
        if (c.name().equals("epoll_ctl") && args.size() == 4) {
            args.add((long) (int) (long) (Long) args.get(2)); // data defaults to the fd itself
        }
        return new Invocation(c.name(), args, c.pos());
    }

    private int[] fdList(Expr.ListOf l) {
        return l.items().stream().mapToInt(it -> it.fd() instanceof Expr.Name n ? fdOf(n.name()) : (int) Expr.valueOf(it.fd())).toArray();
    }

    private int fdOf(String name) {
        Integer fd = fds.get(name);
        if (fd == null) {
            throw new IllegalStateException("'" + name + "' is not bound on " + target.side() + " (the call that binds it failed)");
        }
        return fd;
    }

    // ---- recording and checking ----

    private void record(Statement.Call c, Invocation inv, SyscallResult o) {
        CallSpec spec = CallSpec.of(c.name());
        if (!o.failed()) {
            for (int k = 0; k < c.bindings().size() && k < o.fds().length; k++) {
                fds.put(c.bindings().get(k), o.fds()[k]);
                lastNameOfFd.put(o.fds()[k], c.bindings().get(k));
            }
            if (c.name().equals("epoll_ctl")) {
                long op = inv.num(1);
                String key = inv.fd(0) + ":" + inv.num(4);
                if (op == Linux.EPOLL_CTL_ADD || op == Linux.EPOLL_CTL_MOD) {
                    String name = c.args().get(2) instanceof Expr.Name n ? n.name() : String.valueOf(inv.fd(2));
                    registrations.put(key, new Registration(name, c.args().size() == 5));
                }
            }
        }
        String shown = ResultFormat.shown(spec, o, this::nameOfEvent, inv);
        String canonical = ResultFormat.canonical(spec, o, this::nameOfEvent, inv);
        String failure = null;
        if (c.expect() != null) {
            String miss = ResultFormat.check(spec, c.expect(), o, this::nameOfEvent, inv);
            if (miss != null) {
                failure = c.pos().fileLine() + ": expected " + miss;
            }
        }
        putResult(c, new StepResult(c, shown, canonical, failure, null));
    }

    /** The name an event's key stands for, and the data to show (null when data is the default). */
    ResultFormat.EventName nameOfEvent(Invocation inv, long key) {
        if (inv.call().equals("epoll_wait")) {
            Registration r = registrations.get(inv.fd(0) + ":" + key);
            if (r != null) {
                return new ResultFormat.EventName(r.name(), r.explicitData() ? key : null);
            }
        }
        String best = key >= Integer.MIN_VALUE && key <= Integer.MAX_VALUE ? lastNameOfFd.get((int) key) : null;
        return best != null ? new ResultFormat.EventName(best, null) : new ResultFormat.EventName("fd" + key, null);
    }

    static int compareVersions(String have, String need) {
        int[] h = Arrays.stream(have.split("[^0-9]+")).filter(x -> !x.isEmpty()).mapToInt(Integer::parseInt).toArray();
        int[] n = Arrays.stream(need.split("[^0-9]+")).filter(x -> !x.isEmpty()).mapToInt(Integer::parseInt).toArray();
        for (int k = 0; k < Math.max(h.length, n.length); k++) {
            int a = k < h.length ? h[k] : 0;
            int b = k < n.length ? n[k] : 0;
            if (a != b) return Integer.compare(a, b);
        }
        return 0;
    }
}
