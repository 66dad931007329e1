package org.pollscope.app.ui.compare;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.pollscope.app.ui.Fields;
import org.pollscope.app.ui.Messages;
import org.pollscope.kernel.Linux;
import org.pollscope.kernel.program.Program;
import org.pollscope.kernel.program.Programs;
import org.pollscope.kernel.program.Simulation;
import org.pollscope.kernel.program.Workload;
import org.pollscope.kernel.trace.CostMeter;
import org.pollscope.kernel.trace.TraceEvent;

/**
 * The in-step panel of the Compare tab: one workload (same clients, same active clients, same
 * seed) run on the {@code select}, {@code poll} and {@code epoll-lt} servers of the model, side
 * by side, one column each.
 *
 * <p>"In step" means <em>wait call by wait call</em>: {@link #step()} advances every column until
 * its server's next {@code select}, {@code poll} or {@code epoll_wait} has returned, so after K
 * steps each server has made K wait calls. Simulated time is therefore not the same in the three
 * columns: a server that visits every fd spends longer per call, and the columns show by how much.
 *
 * <p>Before the first step, {@link #reset()} runs all three to the same instant: the moment every
 * client has connected ({@link Simulation#CONNECT_INTERVAL_NANOS} apart) plus {@link #SETTLE_NANOS}.
 * Otherwise the first few hundred wait calls would only watch the connections arrive, and the
 * idle clients, the point of the comparison, would not be there yet. The counters of each column
 * (wait calls, kernel work, requests) start at that line; the simulated time does not.
 *
 * <p>select is not run when its fds would not fit an fd_set ({@link Linux#FD_SETSIZE}); its column
 * says so instead, as the sweep of {@link CompareViewModel} leaves it out. Everything here runs on
 * the caller's thread (the view's FX thread): a step is one wait call of three small models.
 */
public final class CompareStepModel {
    /** The servers compared, in column order. */
    public static final List<String> PROGRAMS = CompareViewModel.PROGRAMS;
    /** At most this many idle clients: a reset runs the connection phase of all three, on the FX thread. */
    public static final int MAX_IDLE = 10_000;
    /** At most this many active clients. */
    public static final int MAX_ACTIVE = 10_000;
    /** How long the runs last: far more wait calls than anyone steps through. */
    public static final double SECONDS = 60;
    /** After the last connect, time for the servers to accept it before the columns line up. */
    public static final long SETTLE_NANOS = 1_000_000;

    private static final List<String> WAIT_CALLS = List.of("select", "poll", "epoll_wait");

    private final ResourceBundle text;
    private final StringProperty idle = new SimpleStringProperty(this, "idle", "400");
    private final StringProperty active = new SimpleStringProperty(this, "active", "10");
    private final StringProperty seed = new SimpleStringProperty(this, "seed", "1");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyIntegerWrapper steps = new ReadOnlyIntegerWrapper(this, "steps", 0);
    private final ReadOnlyLongWrapper startLine = new ReadOnlyLongWrapper(this, "startLine", 0);
    private final ReadOnlyIntegerWrapper clients = new ReadOnlyIntegerWrapper(this, "clients", 0);
    private final ReadOnlyBooleanWrapper ready = new ReadOnlyBooleanWrapper(this, "ready", false);
    private final List<Column> columns = new ArrayList<>();

    public CompareStepModel(ResourceBundle text) {
        this.text = text;
        for (String p : PROGRAMS) columns.add(new Column(Programs.byName(p)));
    }

    // ---- settings ----

    /** Idle clients, as typed. */
    public StringProperty idleProperty() {
        return idle;
    }

    /** Active clients, as typed. */
    public StringProperty activeProperty() {
        return active;
    }

    /** The seed of every random choice of the workload, as typed. */
    public StringProperty seedProperty() {
        return seed;
    }

    /** What is wrong with the settings (field and problem), or "" once a reset took them. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** What is wrong with the settings, naming the field, or null when they are fine. */
    public String validate() {
        // limits unformatted: "10,000" is not what the field accepts
        Integer i = Fields.integer(idle.get());
        if (i == null || i < 1 || i > MAX_IDLE) return Messages.format(text, "compare.step.error.idle", String.valueOf(MAX_IDLE), idle.get());
        Integer a = Fields.integer(active.get());
        if (a == null || a < 1 || a > MAX_ACTIVE) return Messages.format(text, "compare.step.error.active", String.valueOf(MAX_ACTIVE), active.get());
        if (Fields.seed(seed.get()) == null) return Messages.format(text, "compare.step.error.seed", seed.get());
        return null;
    }

    // ---- state ----

    /** The three columns: select, poll, epoll-lt. */
    public List<Column> columns() {
        return List.copyOf(columns);
    }

    /** The column of a server by name, or null. */
    public Column column(String program) {
        return columns.stream().filter(c -> c.program.equals(program)).findFirst().orElse(null);
    }

    /** Steps taken since the last reset. */
    public ReadOnlyIntegerProperty stepsProperty() {
        return steps.getReadOnlyProperty();
    }

    /** The simulated instant the columns were lined up at by the last reset, nanoseconds. */
    public ReadOnlyLongProperty startLineProperty() {
        return startLine.getReadOnlyProperty();
    }

    /** Connections of the running workload (idle + active). */
    public ReadOnlyIntegerProperty clientsProperty() {
        return clients.getReadOnlyProperty();
    }

    /** Whether a reset has built the runs (the first step does it when nobody has). */
    public ReadOnlyBooleanProperty readyProperty() {
        return ready.getReadOnlyProperty();
    }

    // ---- actions ----

    /**
     * Builds the three runs from the settings and runs them to the start line. With bad settings
     * it sets {@link #messageProperty()}, leaves the columns as they were and returns false.
     */
    public boolean reset() {
        String problem = validate();
        if (problem != null) {
            message.set(problem);
            return false;
        }
        message.set("");
        int a = Fields.integer(active.get());
        int n = Fields.integer(idle.get()) + a;
        Workload w = Workload.of(n, a, SECONDS, Fields.seed(seed.get()));
        long line = n * Simulation.CONNECT_INTERVAL_NANOS + SETTLE_NANOS;
        for (Column c : columns) c.reset(w, line);
        clients.set(n);
        startLine.set(line);
        steps.set(0);
        ready.set(true);
        return true;
    }

    /** Each server (that runs) completes its next wait call; a reset first when none was made. */
    public void step() {
        if (!ready.get() && !reset()) return;
        for (Column c : columns) c.step();
        steps.set(steps.get() + 1);
    }

    /** {@code n} steps. */
    public void stepMany(int n) {
        for (int i = 0; i < n; i++) step();
    }

    /**
     * One server's run. Every number is read from its kernel's trace, counting the server's own
     * calls only, from the start line on.
     */
    public final class Column {
        private final String program;
        private final Program code;
        private final ObservableList<String> listing;
        private final ReadOnlyStringWrapper refusal = new ReadOnlyStringWrapper(this, "refusal", "");
        private final ReadOnlyBooleanWrapper finished = new ReadOnlyBooleanWrapper(this, "finished", false);
        private final ReadOnlyIntegerWrapper line = new ReadOnlyIntegerWrapper(this, "line", 0);
        private final ReadOnlyStringWrapper lastCall = new ReadOnlyStringWrapper(this, "lastCall", "");
        private final ReadOnlyLongWrapper lastWork = new ReadOnlyLongWrapper(this, "lastWork", 0);
        private final ReadOnlyLongWrapper lastFdsVisited = new ReadOnlyLongWrapper(this, "lastFdsVisited", 0);
        private final ReadOnlyLongWrapper lastItemsScanned = new ReadOnlyLongWrapper(this, "lastItemsScanned", 0);
        private final ReadOnlyLongWrapper lastBytesCopied = new ReadOnlyLongWrapper(this, "lastBytesCopied", 0);
        private final ReadOnlyLongWrapper lastReady = new ReadOnlyLongWrapper(this, "lastReady", 0);
        private final ReadOnlyLongWrapper totalWork = new ReadOnlyLongWrapper(this, "totalWork", 0);
        private final ReadOnlyLongWrapper waitCalls = new ReadOnlyLongWrapper(this, "waitCalls", 0);
        private final ReadOnlyLongWrapper requests = new ReadOnlyLongWrapper(this, "requests", 0);
        private final ReadOnlyLongWrapper timeNanos = new ReadOnlyLongWrapper(this, "timeNanos", 0);

        private Simulation sim;
        private Meter meter;
        private long baseWork;
        private long baseWaits;
        private long baseRequests;

        Column(Program code) {
            this.code = code;
            this.program = code.name();
            this.listing = FXCollections.observableArrayList(code.listing());
        }

        public String program() {
            return program;
        }

        /** The server's pseudo-C listing, one line an item. */
        public ObservableList<String> listing() {
            return FXCollections.unmodifiableObservableList(listing);
        }

        /** Why this server does not run under the workload ("" when it does). */
        public ReadOnlyStringProperty refusalProperty() {
            return refusal.getReadOnlyProperty();
        }

        /** Whether its run reached its end (it steps no further). */
        public ReadOnlyBooleanProperty finishedProperty() {
            return finished.getReadOnlyProperty();
        }

        /** The listing line the server thread is on, from 1; 0 before it ran. */
        public ReadOnlyIntegerProperty lineProperty() {
            return line.getReadOnlyProperty();
        }

        /** The name of the last wait call ("select", "poll", "epoll_wait"), "" before one. */
        public ReadOnlyStringProperty lastCallProperty() {
            return lastCall.getReadOnlyProperty();
        }

        /** Kernel work units ({@link CostMeter}) of the last wait call. */
        public ReadOnlyLongProperty lastWorkProperty() {
            return lastWork.getReadOnlyProperty();
        }

        /** fds the last select or poll visited (epoll_wait visits none). */
        public ReadOnlyLongProperty lastFdsVisitedProperty() {
            return lastFdsVisited.getReadOnlyProperty();
        }

        /** Ready-list items the last epoll_wait scanned (select and poll scan none). */
        public ReadOnlyLongProperty lastItemsScannedProperty() {
            return lastItemsScanned.getReadOnlyProperty();
        }

        /** Bytes the last wait call copied between user and kernel memory, both ways. */
        public ReadOnlyLongProperty lastBytesCopiedProperty() {
            return lastBytesCopied.getReadOnlyProperty();
        }

        /** What the last wait call returned: the ready fds or events. */
        public ReadOnlyLongProperty lastReadyProperty() {
            return lastReady.getReadOnlyProperty();
        }

        /** Kernel work units of all the server's calls since the start line. */
        public ReadOnlyLongProperty totalWorkProperty() {
            return totalWork.getReadOnlyProperty();
        }

        /** Wait calls the server returned from since the start line. */
        public ReadOnlyLongProperty waitCallsProperty() {
            return waitCalls.getReadOnlyProperty();
        }

        /** Requests served (echoes received in full by a client) since the start line. */
        public ReadOnlyLongProperty requestsProperty() {
            return requests.getReadOnlyProperty();
        }

        /** The run's simulated clock, nanoseconds. */
        public ReadOnlyLongProperty timeNanosProperty() {
            return timeNanos.getReadOnlyProperty();
        }

        void reset(Workload w, long lineUpAt) {
            sim = null;
            meter = null;
            finished.set(false);
            int fds = CompareViewModel.selectFds(w.clients());
            if (program.equals("select") && CompareViewModel.selectRefused(w.clients())) {
                refusal.set(Messages.format(text, "compare.step.refused", String.valueOf(fds), String.valueOf(Linux.FD_SETSIZE)));
                clear();
                return;
            }
            refusal.set("");
            // the trace is only listened to: recording every event of a long run would fill the heap
            sim = new Simulation(code, w, false);
            meter = new Meter(sim.server.tid());
            sim.kernel.trace().addListener(meter);
            sim.runUntil(lineUpAt);
            baseWork = meter.cost.total().total();
            baseWaits = meter.waits;
            baseRequests = sim.measures().requests();
            meter.lastWork = meter.lastFds = meter.lastItems = meter.lastBytes = meter.lastReady = 0;
            meter.lastName = "";
            publish();
        }

        void step() {
            if (sim == null || finished.get()) return;
            long target = meter.waits + 1;
            long end = (long) (sim.workload().seconds() * 1e9);
            // the server's code after a wait call waits on a timer (its CPU time), so no second
            // wait call can return before this check sees the first
            boolean settled = sim.kernel.settle(() -> meter.waits >= target || sim.kernel.now() >= end);
            if (!settled || meter.waits < target) finished.set(true);
            publish();
        }

        private void clear() {
            line.set(0);
            lastCall.set("");
            lastWork.set(0);
            lastFdsVisited.set(0);
            lastItemsScanned.set(0);
            lastBytesCopied.set(0);
            lastReady.set(0);
            totalWork.set(0);
            waitCalls.set(0);
            requests.set(0);
            timeNanos.set(0);
        }

        private void publish() {
            line.set(sim.lineOf(sim.server.tid()));
            lastCall.set(meter.lastName);
            lastWork.set(meter.lastWork);
            lastFdsVisited.set(meter.lastFds);
            lastItemsScanned.set(meter.lastItems);
            lastBytesCopied.set(meter.lastBytes);
            lastReady.set(meter.lastReady);
            totalWork.set(meter.cost.total().total() - baseWork);
            waitCalls.set(meter.waits - baseWaits);
            requests.set(sim.measures().requests() - baseRequests);
            timeNanos.set(sim.kernel.now());
        }
    }

    /**
     * The server thread's calls, from the trace: a {@link CostMeter} fed only that thread's
     * calls, and the fds, ready items and bytes of its current wait call.
     */
    private static final class Meter implements java.util.function.Consumer<TraceEvent> {
        final int tid;
        final CostMeter cost = new CostMeter();
        long waits;
        boolean inWait;
        long fds;
        long items;
        long bytes;
        String lastName = "";
        long lastWork;
        long lastFds;
        long lastItems;
        long lastBytes;
        long lastReady;

        Meter(int tid) {
            this.tid = tid;
        }

        @Override
        public void accept(TraceEvent e) {
            if (e.tid() != tid) return;
            // the CostMeter counts for a thread between its enter and exit only: give it the
            // server thread's events and nothing else
            cost.accept(e);
            if (e instanceof TraceEvent.SyscallEnter s) {
                inWait = WAIT_CALLS.contains(s.call());
                fds = items = bytes = 0;
            } else if (!inWait) {
                return;
            } else if (e instanceof TraceEvent.FdVisit) {
                fds++;
            } else if (e instanceof TraceEvent.Scan s && s.start()) {
                items += s.items();
            } else if (e instanceof TraceEvent.Copy c) {
                bytes += c.bytes();
            } else if (e instanceof TraceEvent.SyscallExit x) {
                inWait = false;
                waits++;
                lastName = x.call();
                lastWork = cost.lastCall().cost().total();
                lastFds = fds;
                lastItems = items;
                lastBytes = bytes;
                lastReady = Math.max(0, x.ret());
            }
        }
    }
}
