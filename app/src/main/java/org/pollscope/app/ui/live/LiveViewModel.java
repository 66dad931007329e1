package org.pollscope.app.ui.live;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.util.Duration;
import org.pollscope.app.ui.Messages;
import org.pollscope.kernel.Kernel;
import org.pollscope.kernel.timeline.WorldCopier;
import org.pollscope.kernel.trace.Trace;
import org.pollscope.kernel.trace.TraceEvent;
import org.pollscope.probe.live.LiveConfig;
import org.pollscope.probe.live.LiveException;
import org.pollscope.probe.live.LiveServer;
import org.pollscope.probe.live.Mirror;
import org.pollscope.probe.live.Mode;
import org.pollscope.probe.live.Reproducer;
import org.pollscope.probe.proc.InterestReport;
import org.pollscope.probe.proc.ProcInspector;
import org.pollscope.probe.proc.ProcessList;
import org.pollscope.probe.proc.ReportText;
import org.pollscope.probe.proc.StraceImport;
import org.pollscope.probe.proc.StraceLogException;

/**
 * The Live tab's state: PollScope's own live server, its calls as the mirror replays them into
 * the model, the real and the model's interest lists, the divergences; the real processes that
 * hold epoll fds, and their interest lists or those an strace log implies.
 *
 * <p>Nothing here blocks the JavaFX thread: starting, stopping, reading {@code /proc} and strace
 * logs run on threads of their own ({@code pollscope-live-ui}), and the server's calls reach the
 * views through a queue drained four times a second. The model kernel the canvas draws is a copy
 * taken under the mirror's lock, so the server's thread never changes what is being drawn.
 */
public final class LiveViewModel {
    /** calls kept in the list (the newest) */
    static final int CALLS_KEPT = 500;
    /** the views are refreshed this often while the server runs */
    static final Duration REFRESH = Duration.millis(250);

    private final ResourceBundle text;
    private final ObjectProperty<Mode> mode = new SimpleObjectProperty<>(this, "mode", Mode.LT);
    private final StringProperty port = new SimpleStringProperty(this, "port", String.valueOf(LiveConfig.DEFAULT_PORT));
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running", false);
    private final ReadOnlyBooleanWrapper working = new ReadOnlyBooleanWrapper(this, "working", false);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper counts = new ReadOnlyStringWrapper(this, "counts", "");
    private final ReadOnlyStringWrapper report = new ReadOnlyStringWrapper(this, "report", "");
    private final ReadOnlyIntegerWrapper revision = new ReadOnlyIntegerWrapper(this, "revision", 0);
    private final ObservableList<String> calls = FXCollections.observableArrayList();
    private final ObservableList<String> realList = FXCollections.observableArrayList();
    private final ObservableList<String> modelList = FXCollections.observableArrayList();
    private final ObservableList<String> interest = FXCollections.observableArrayList();
    private final ObservableList<Mirror.Divergence> divergences = FXCollections.observableArrayList();
    private final ObservableList<ProcessList.EpollProcess> processes = FXCollections.observableArrayList();
    private final BooleanProperty listsEqual = new SimpleBooleanProperty(this, "listsEqual", true);
    private final ConcurrentLinkedQueue<Mirror.Event> arrived = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean snapshotting = new AtomicBoolean();
    private final AtomicBoolean snapshotAgain = new AtomicBoolean();
    private final Timeline refresher;
    private final LoadGenerator load = new LoadGenerator();
    private volatile LiveServer server;
    private Kernel kernel;
    private List<TraceEvent> lastStep = List.of();

    public LiveViewModel(ResourceBundle text) {
        this.text = text;
        refresher = new Timeline(new KeyFrame(REFRESH, e -> drain()));
        refresher.setCycleCount(Animation.INDEFINITE);
        status.set(text.getString("live.status.stopped"));
    }

    public ObjectProperty<Mode> modeProperty() {
        return mode;
    }

    public StringProperty portProperty() {
        return port;
    }

    /** Whether the live server runs. */
    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** Whether a start, a stop, an inspection or an import is under way (its buttons wait). */
    public ReadOnlyBooleanProperty workingProperty() {
        return working.getReadOnlyProperty();
    }

    /** Where the server listens and how to reach it, or that it is stopped. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** What went wrong last (one line), or "". */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Calls, clients, divergences and the interest list's peak, in words. */
    public ReadOnlyStringProperty countsProperty() {
        return counts.getReadOnlyProperty();
    }

    /** The last inspection of a process or import of an strace log, as {@code pollscope inspect} prints it. */
    public ReadOnlyStringProperty reportProperty() {
        return report.getReadOnlyProperty();
    }

    /** Moves on each time {@link #kernel()} is a new copy: the canvas redraws on it. */
    public ReadOnlyIntegerProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    /** The newest calls, one line each: the call, the real result and whether the model agrees. */
    public ObservableList<String> calls() {
        return calls;
    }

    /** The real interest list (from /proc/self/fdinfo), a registration a line. */
    public ObservableList<String> realList() {
        return realList;
    }

    /** The model's interest list, in the same form. */
    public ObservableList<String> modelList() {
        return modelList;
    }

    /**
     * Both interest lists side by side, a registration a line in the kernel's order: its fd (and
     * its name in the model), its events, its data, and whether the real list, the model's or
     * both hold it.
     */
    public ObservableList<String> interest() {
        return interest;
    }

    /** Whether the last two lists taken were equal. */
    public BooleanProperty listsEqualProperty() {
        return listsEqual;
    }

    public ObservableList<Mirror.Divergence> divergences() {
        return divergences;
    }

    /** The processes of this machine that hold epoll fds (as last listed). */
    public ObservableList<ProcessList.EpollProcess> processes() {
        return processes;
    }

    /** The model kernel as of the last refresh (a copy: only the JavaFX thread reads it), or null. */
    public Kernel kernel() {
        return kernel;
    }

    /** The model's trace events of the calls that arrived in the last refresh. */
    public List<TraceEvent> lastStep() {
        return lastStep;
    }

    /** The server, while it runs (for tests). */
    public LiveServer server() {
        return server;
    }

    /** The load clients. */
    public LoadGenerator load() {
        return load;
    }

    // ---- the server ----

    /** Starts the server in the mode and on the port chosen; a bad port or a port in use is one line in {@link #errorProperty()}. */
    public void start() {
        if (server != null || working.get()) return;
        int p;
        try {
            p = Integer.parseInt(port.get().strip());
        } catch (NumberFormatException e) {
            error.set(Messages.format(text, "live.error.port", port.get()));
            return;
        }
        String why = LiveConfig.portProblem(p);
        if (why != null) {
            error.set(Messages.format(text, "live.error.port", port.get()));
            return;
        }
        LiveConfig config = LiveConfig.of(p, mode.get());
        error.set("");
        background(() -> {
            try {
                LiveServer s = LiveServer.start(config);
                s.addListener(arrived::add);
                Platform.runLater(() -> started(s));
            } catch (LiveException e) {
                Platform.runLater(() -> error.set(e.getMessage()));
            }
        });
    }

    private void started(LiveServer s) {
        server = s;
        calls.clear();
        divergences.clear();
        realList.clear();
        modelList.clear();
        interest.clear();
        running.set(true);
        status.set(Messages.format(text, "live.status.running", s.config().mode().word(), s.config().bind(), String.valueOf(s.port())));
        refresher.play();
        snapshot();
    }

    /** Stops the load and the server; every fd it made is closed and its thread joined. */
    public void stop() {
        LiveServer s = server;
        if (s == null || working.get()) return;
        refresher.stop();
        background(() -> {
            load.stop();
            String problem = null;
            try {
                s.stop();
            } catch (RuntimeException e) {
                problem = String.valueOf(e.getMessage());
            }
            String why = problem;
            Platform.runLater(() -> {
                drain();
                server = null;
                running.set(false);
                status.set(text.getString("live.status.stopped"));
                if (why != null) error.set(why);
            });
        });
    }

    /** Stops the load and the server here and now (the window closes): every fd closed, every thread joined. */
    public void close() {
        refresher.stop();
        load.stop();
        LiveServer s = server;
        server = null;
        if (s != null) s.stop();
        running.set(false);
        status.set(text.getString("live.status.stopped"));
    }

    /** {@code n} clients (0 stops them) sending {@code perSecond} requests a second in all, for at most {@link LoadGenerator#MAX_SECONDS}. */
    public void setLoad(int n, double perSecond) {
        LiveServer s = server;
        if (s == null) return;
        String bind = s.config().bind();
        int p = s.port();
        Thread t = new Thread(() -> {
            String why = load.set(bind, p, n, perSecond);
            if (why != null) Platform.runLater(() -> error.set(why));
        }, "pollscope-live-ui-load");
        t.setDaemon(true);
        t.start();
    }

    /** Writes the shortest scenario that reproduces {@code d} into {@code dir}; its path, or the problem, goes to the status. */
    public void export(Mirror.Divergence d, Path dir) {
        background(() -> {
            try {
                Reproducer.Written w = new Reproducer().write(d, dir);
                String line = Messages.format(text, w.reproduced() ? "live.exported" : "live.exportedUnconfirmed", String.valueOf(w.file()),
                    String.valueOf(w.lines()));
                Platform.runLater(() -> report.set(line));
            } catch (java.io.IOException | RuntimeException e) {
                Platform.runLater(() -> error.set(Messages.format(text, "file.cannotWrite", String.valueOf(dir), String.valueOf(e.getMessage()))));
            }
        });
    }

    /** The calls that arrived since the last refresh into the list, then a new copy of the model and both interest lists. */
    private void drain() {
        List<TraceEvent> step = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (Mirror.Event e; (e = arrived.poll()) != null; ) {
            lines.add(e.index() + "  " + e.call() + "  = " + e.real() + (e.agrees() ? "  ✓" : "  ✗ " + Messages.format(text, "live.modelSays", e.model())));
            step.addAll(e.trace());
        }
        if (!lines.isEmpty()) {
            calls.addAll(lines);
            if (calls.size() > CALLS_KEPT) calls.remove(0, calls.size() - CALLS_KEPT);
            lastStep = step;
            snapshot();
        }
        LiveServer s = server;
        if (s != null) {
            Mirror m = s.mirror();
            LiveServer.Stats st = s.stats();
            counts.set(Messages.format(text, "live.counts", m.calls(), st.clients(), m.divergenceCount(), m.interestPeak()));
            List<Mirror.Divergence> ds = m.divergences();
            if (ds.size() != divergences.size()) divergences.setAll(ds);
        }
    }

    /** A copy of the model kernel and both interest lists, taken off the JavaFX thread, shown when ready. */
    private void snapshot() {
        LiveServer s = server;
        if (s == null) return;
        // one at a time; a call that arrives meanwhile gets a snapshot of its own once this one ends
        if (!snapshotting.compareAndSet(false, true)) {
            snapshotAgain.set(true);
            return;
        }
        Thread t = new Thread(() -> {
            try {
                Mirror m = s.mirror();
                Kernel copy;
                synchronized (m) {
                    copy = copier().copy(m.kernel());
                }
                LiveServer.InterestLists lists = s.interestLists();
                List<String> real = lines(lists.real(), m);
                List<String> model = lines(lists.model(), m);
                List<String> both = merged(lists.real(), lists.model(), m);
                Platform.runLater(() -> {
                    kernel = copy;
                    if (lists.applicable()) {
                        realList.setAll(real);
                        modelList.setAll(model);
                        interest.setAll(both);
                        listsEqual.set(lists.equal());
                    } else {
                        realList.setAll(text.getString("live.noInterestList"));
                        modelList.setAll(text.getString("live.noInterestList"));
                        interest.setAll(text.getString("live.noInterestList"));
                        listsEqual.set(true);
                    }
                    revision.set(revision.get() + 1);
                });
            } catch (LiveException | RuntimeException e) {
                // the server stopped meanwhile: the next refresh, if any, tries again
            } finally {
                snapshotting.set(false);
                if (snapshotAgain.getAndSet(false)) Platform.runLater(this::snapshot);
            }
        }, "pollscope-live-ui-snapshot");
        t.setDaemon(true);
        t.start();
    }

    /** A copier of the model kernel alone: its trace's listeners (the mirror's tap) and events stay behind. */
    private static WorldCopier copier() {
        return new WorldCopier().reset(Trace.class, "listeners", ArrayList::new).reset(Trace.class, "events", ArrayList::new);
    }

    private static List<String> lines(List<Mirror.Interest> list, Mirror m) {
        List<String> out = new ArrayList<>(list.size());
        for (Mirror.Interest i : list) {
            String name = m.nameOf(i.fd());
            out.add(i + (name == null || name.isEmpty() ? "" : "  (" + name + ")"));
        }
        return out;
    }

    /** The two lists merged, the real one's order first: "fd 7 (s3)  EPOLLIN|EPOLLRDHUP  data 0x7   real ✓  model ✓". */
    private List<String> merged(List<Mirror.Interest> real, List<Mirror.Interest> model, Mirror m) {
        java.util.LinkedHashSet<Mirror.Interest> all = new java.util.LinkedHashSet<>(real);
        all.addAll(model);
        List<String> out = new ArrayList<>(all.size());
        for (Mirror.Interest i : all) {
            String name = m.nameOf(i.fd());
            out.add(Messages.format(text, "live.interest", String.valueOf(i.fd()), name == null || name.isEmpty() ? "" : " (" + name + ")",
                org.pollscope.probe.proc.EpollEvents.text(i.events()), Long.toHexString(i.data()),
                real.contains(i) ? "✓" : "✗", model.contains(i) ? "✓" : "✗"));
        }
        return out;
    }

    // ---- real processes ----

    /** Lists the processes of this machine that hold epoll fds (those this user may read). */
    public void listProcesses() {
        background(() -> {
            List<ProcessList.EpollProcess> found = ProcessList.withEpoll();
            Platform.runLater(() -> processes.setAll(found));
        });
    }

    /** Reads {@code pid}'s interest lists from /proc, decoded and resolved, into {@link #reportProperty()}. */
    public void inspect(int pid) {
        showReport(() -> ProcInspector.inspect(pid), Exception::getMessage);
    }

    /** How long the Live tab's Trace button follows a process. */
    public static final double TRACE_SECONDS = 10;

    /**
     * Follows {@code pid} with strace for {@link #TRACE_SECONDS} (after its /proc snapshot, as
     * {@code pollscope trace --pid} does) and shows the interest lists and ready events it saw;
     * strace missing or ptrace refused is one line that says how to fix it.
     */
    public void trace(int pid) {
        report.set(Messages.format(text, "live.tracing", String.valueOf(pid), (int) TRACE_SECONDS));
        showReport(() -> new org.pollscope.probe.proc.StraceTracer().trace(pid, TRACE_SECONDS), Exception::getMessage);
    }

    /** Imports a saved strace log: the interest lists it implies at its end, into {@link #reportProperty()}. */
    public void importStrace(Path file) {
        showReport(() -> StraceImport.parse(file), e -> e instanceof StraceLogException ? e.getMessage()
            : Messages.format(text, "file.cannotRead", String.valueOf(file), String.valueOf(e.getMessage())));
    }

    /** Where a report comes from: /proc, strace, a log. */
    @FunctionalInterface
    private interface ReportSource {
        InterestReport read() throws Exception;
    }

    /** Reads a report off the JavaFX thread and shows it as {@code pollscope inspect} prints it, or {@code problem}'s line. */
    private void showReport(ReportSource source, java.util.function.Function<Exception, String> problem) {
        background(() -> {
            String shown;
            try {
                shown = ReportText.write(source.read());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                String why = problem.apply(e);
                Platform.runLater(() -> error.set(why));
                return;
            }
            Platform.runLater(() -> {
                error.set("");
                report.set(shown);
            });
        });
    }

    /** Runs {@code work} on a thread of its own, {@link #workingProperty()} true meanwhile. */
    private void background(Runnable work) {
        working.set(true);
        Thread t = new Thread(() -> {
            try {
                work.run();
            } finally {
                Platform.runLater(() -> working.set(false));
            }
        }, "pollscope-live-ui");
        t.setDaemon(true);
        t.start();
    }
}
