package org.pollscope.app.ui.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.pollscope.app.ui.Messages;
import org.pollscope.kernel.ModelBench;
import org.pollscope.probe.Bench;
import org.pollscope.probe.LinuxSyscalls;
import org.pollscope.probe.OwnFileTable;

/**
 * The Bench tab's state: N, A, W, runs and methods as the user typed them, the rows measured,
 * and the model's prediction for each. {@link #measure} does the work on the caller's thread
 * (the view runs it in the background); everything else is plain state, tested without a toolkit.
 */
public final class BenchViewModel {
    /** A measured row with the model's work units per event for the same workload. */
    public record Result(Bench.Row row, double modelUnits) {}

    /** A method not measured at N, and the highest fd it would have had to watch there. */
    public record LeftOut(String method, int n, int maxFd) {}

    private final StringProperty fds = new SimpleStringProperty(this, "fds", "100,1000,8000");
    private final IntegerProperty active = new SimpleIntegerProperty(this, "active", 1);
    private final IntegerProperty writes = new SimpleIntegerProperty(this, "writes", 1000);
    private final IntegerProperty runs = new SimpleIntegerProperty(this, "runs", 10);
    private final Set<String> methods = new LinkedHashSet<>(List.of(ModelBench.METHODS));
    private final ObservableList<Result> results = FXCollections.observableArrayList();
    private final ObservableList<LeftOut> leftOut = FXCollections.observableArrayList();
    private final StringProperty status = new SimpleStringProperty(this, "status", "");
    private final ResourceBundle text;

    /** English: the words of the bundle's root locale. */
    public BenchViewModel() {
        this(Messages.english());
    }

    /** The messages and status lines in the words of {@code text}, the window's bundle. */
    public BenchViewModel(ResourceBundle text) {
        this.text = text;
    }

    public StringProperty fdsProperty() {
        return fds;
    }

    public IntegerProperty activeProperty() {
        return active;
    }

    public IntegerProperty writesProperty() {
        return writes;
    }

    public IntegerProperty runsProperty() {
        return runs;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public ObservableList<Result> results() {
        return results;
    }

    /** What the last run left out (select where its fds pass FD_SETSIZE), for the charts' note. */
    public ObservableList<LeftOut> leftOut() {
        return leftOut;
    }

    public void setMethod(String method, boolean on) {
        if (on) methods.add(method); else methods.remove(method);
    }

    public boolean method(String method) {
        return methods.contains(method);
    }

    /** The N values typed, or null when they do not parse. */
    List<Integer> ns() {
        List<Integer> out = new ArrayList<>();
        for (String part : fds.get().split(",")) {
            try {
                out.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return out;
    }

    /** What is wrong with the settings, in one line, or null when they can run. */
    public String validate() {
        List<Integer> ns = ns();
        if (ns == null || ns.isEmpty()) return text.getString("bench.error.fds");
        for (int n : ns) {
            // the numbers as typed, not grouped
            if (n < 1) return format("bench.error.n", String.valueOf(n));
            if (active.get() > n) return format("bench.error.activeAboveN", String.valueOf(active.get()), String.valueOf(n));
        }
        if (active.get() < 1) return text.getString("bench.error.active");
        if (writes.get() < 0) return text.getString("bench.error.writes");
        if (runs.get() < 1) return text.getString("bench.error.runs");
        if (methods.isEmpty()) return text.getString("bench.error.methods");
        if (LinuxSyscalls.UNAVAILABLE != null) return format("bench.error.unavailable", LinuxSyscalls.UNAVAILABLE);
        return null;
    }

    private String format(String key, Object... args) {
        return Messages.format(text, key, args);
    }

    /**
     * Measures every method at every N (on the calling thread). {@code progress} receives 0..1;
     * when {@code cancelled} turns true the work stops with a CancellationException.
     */
    public List<Result> measure(DoubleConsumer progress, BooleanSupplier cancelled) {
        return measure(progress, cancelled, r -> { });
    }

    /** As {@link #measure(DoubleConsumer, BooleanSupplier)}, handing each row over as soon as it is measured. */
    public List<Result> measure(DoubleConsumer progress, BooleanSupplier cancelled, java.util.function.Consumer<Result> each) {
        return measure(progress, cancelled, each, l -> { });
    }

    /**
     * As above, handing over also each method left out at an N: select, where the highest fd
     * passes {@link org.pollscope.kernel.Linux#FD_SETSIZE} (an fd_set has that many bits; glibc's
     * FD_SET past it writes out of bounds), as {@code pollscope bench} leaves it out.
     */
    public List<Result> measure(DoubleConsumer progress, BooleanSupplier cancelled, java.util.function.Consumer<Result> each,
        java.util.function.Consumer<LeftOut> left) {
        String problem = validate();
        if (problem != null) throw new IllegalStateException(problem);
        List<Integer> ns = ns();
        long[] limit = Bench.raiseFdLimit();
        List<Result> out = new ArrayList<>();
        int steps = ns.size() * methods.size() * runs.get();
        int[] done = {0};
        for (int n : ns) {
            int use = limit[1] > 0 ? (int) Math.min(n, (limit[1] - Bench.openFds() - 16) / 2) : n;
            // on a file table of its own, as pollscope bench runs (OwnFileTable says why)
            OwnFileTable.call("pollscope-bench", true, () -> {
                Bench b = new Bench(Math.max(use, active.get()), false);
                try {
                    for (String m : methods) {
                        Bench.Method bm = Bench.Method.of(m);
                        if (bm == Bench.Method.SELECT && b.maxFd() >= org.pollscope.kernel.Linux.FD_SETSIZE) {
                            done[0] += runs.get();
                            left.accept(new LeftOut(m, n, b.maxFd()));
                            continue;
                        }
                        Bench.Row row = b.measure(bm, active.get(), writes.get(), runs.get(), r -> {
                            if (cancelled.getAsBoolean()) throw new CancellationException("cancelled");
                            progress.accept(++done[0] / (double) steps);
                        });
                        Result res = new Result(row, ModelBench.unitsPerEvent(m, row.fds(), active.get(), writes.get()));
                        out.add(res);
                        each.accept(res);
                    }
                } finally {
                    b.close();
                }
                return null;
            });
        }
        progress.accept(1.0);
        return out;
    }

    /** Adds one measured row as it arrives (on the FX thread), so that the chart grows live. */
    public void add(Result r) {
        results.add(r);
        status.set(format("bench.status.rowsSoFar", results.size()));
    }

    /** Notes a method left out (on the FX thread). */
    public void addLeftOut(LeftOut l) {
        leftOut.add(l);
    }

    /**
     * The charts' note: at which N select was left out and why, or "" when nothing was. The N
     * are as typed; the fd is the lowest of the highest fds it would have had to watch.
     */
    public String leftOutNote() {
        return leftOutNote(text, leftOut);
    }

    /** The note of {@link #leftOutNote()} for any list, in the words of {@code text} (the bench --chart PNG's too). */
    public static String leftOutNote(java.util.ResourceBundle text, List<LeftOut> leftOut) {
        if (leftOut.isEmpty()) return "";
        StringBuilder ns = new StringBuilder();
        int maxFd = Integer.MAX_VALUE;
        for (LeftOut l : leftOut) {
            if (ns.length() > 0) ns.append(", ");
            ns.append(l.n());
            maxFd = Math.min(maxFd, l.maxFd());
        }
        int size = org.pollscope.kernel.Linux.FD_SETSIZE;
        return Messages.format(text, "bench.note.selectLeftOut", ns.toString(), String.valueOf(maxFd),
            String.valueOf(size), String.valueOf(size - 1));
    }

    /** Shows measured results (on the FX thread). */
    public void show(List<Result> rs) {
        results.setAll(rs);
        status.set(format("bench.status.rows", rs.size()));
    }

    /** The results as the CSV of pollscope bench, plus the model's units. */
    public String csv() {
        StringBuilder sb = new StringBuilder("method,fds,active,writes,runs,per_event_us_median,per_event_us_p95,setup_us_median,model_units_per_event\n");
        for (Result r : results) {
            sb.append(r.row().csv()).append(',').append(String.format(java.util.Locale.ROOT, "%.2f", r.modelUnits())).append('\n');
        }
        return sb.toString();
    }

    public void exportCsv(Path file) throws IOException {
        Files.writeString(file, csv());
    }
}
