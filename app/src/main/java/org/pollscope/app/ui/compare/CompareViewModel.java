package org.pollscope.app.ui.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.pollscope.app.ui.Messages;
import org.pollscope.kernel.Linux;
import org.pollscope.kernel.program.Measures;
import org.pollscope.kernel.program.Programs;
import org.pollscope.kernel.program.Simulation;
import org.pollscope.kernel.program.Workload;

/**
 * The Compare tab: the same workload on the select, poll and epoll servers of the model, swept
 * over the number of idle clients, with the kernel work per wait call and the latency of each.
 * {@link #measure} runs on the caller's thread (the view runs it in the background).
 */
public final class CompareViewModel {
    /** The servers compared. */
    public static final List<String> PROGRAMS = List.of("select", "poll", "epoll-lt");

    /** One point: a server at N idle clients. */
    public record Point(String program, int idle, double workPerCall, double latencyMs, long requests) {}

    /** A server not run at N idle clients: {@code clients} connections in all would not fit its fd_set. */
    public record LeftOut(String program, int idle, int clients) {}

    private final StringProperty sweep = new SimpleStringProperty(this, "sweep", "10,100,1000,10000");
    private final IntegerProperty active = new SimpleIntegerProperty(this, "active", 10);
    private final ObservableList<Point> points = FXCollections.observableArrayList();
    private final ObservableList<LeftOut> leftOut = FXCollections.observableArrayList();
    private final StringProperty status = new SimpleStringProperty(this, "status", "");
    private final ResourceBundle text;

    /** English: the words of the bundle's root locale. */
    public CompareViewModel() {
        this(Messages.english());
    }

    /** The messages and status lines in the words of {@code text}, the window's bundle. */
    public CompareViewModel(ResourceBundle text) {
        this.text = text;
    }

    public StringProperty sweepProperty() {
        return sweep;
    }

    public IntegerProperty activeProperty() {
        return active;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public ObservableList<Point> points() {
        return points;
    }

    /** What the last sweep left out (select past FD_SETSIZE), for the charts' note. */
    public ObservableList<LeftOut> leftOut() {
        return leftOut;
    }

    /**
     * The fds the model's select server holds for {@code clients} connections: the listening
     * socket (fd 0) and one accepted socket each, so its highest fd is {@code clients} (the
     * clients' ends are in another process).
     */
    static int selectFds(int clients) {
        return clients + 1;
    }

    /**
     * Whether select cannot serve {@code clients}: its highest fd would not fit an fd_set
     * ({@link Linux#FD_SETSIZE}). Both Compare panels leave select out by this rule, the one
     * {@code pollscope simulate} warns by.
     */
    static boolean selectRefused(int clients) {
        return selectFds(clients) > Linux.FD_SETSIZE;
    }

    /** The idle-client counts typed, or null when they do not parse or are below 1. */
    List<Integer> idles() {
        List<Integer> out = new ArrayList<>();
        for (String s : sweep.get().split(",")) {
            try {
                int n = Integer.parseInt(s.trim());
                if (n < 1) return null;
                out.add(n);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return out.isEmpty() ? null : out;
    }

    /** What is wrong with the settings, or null. */
    public String validate() {
        if (idles() == null) return text.getString("compare.error.idle");
        if (active.get() < 1) return text.getString("compare.error.active");
        return null;
    }

    /**
     * Runs every server at every idle count (0.2 simulated seconds each). select is left out
     * where the fds pass FD_SETSIZE, as a real fd_set cannot hold them.
     */
    public List<Point> measure(DoubleConsumer progress, BooleanSupplier cancelled, Consumer<Point> each) {
        return measure(progress, cancelled, each, l -> { });
    }

    /** As above, handing over also each server left out at an idle count. */
    public List<Point> measure(DoubleConsumer progress, BooleanSupplier cancelled, Consumer<Point> each, Consumer<LeftOut> left) {
        String problem = validate();
        if (problem != null) throw new IllegalStateException(problem);
        List<Integer> idles = idles();
        List<Point> out = new ArrayList<>();
        int steps = idles.size() * PROGRAMS.size();
        int done = 0;
        for (int idle : idles) {
            for (String p : PROGRAMS) {
                if (cancelled.getAsBoolean()) throw new CancellationException("cancelled");
                int clients = idle + active.get();
                if (p.equals("select") && selectRefused(clients)) {
                    left.accept(new LeftOut(p, idle, clients));
                    progress.accept(++done / (double) steps);
                    continue;
                }
                Measures m = new Simulation(Programs.byName(p), Workload.of(clients, active.get(), 0.2, 1)).run();
                Point pt = new Point(p, idle, m.waitCallWork(), m.latencyMedianMs(), m.requests());
                out.add(pt);
                each.accept(pt);
                progress.accept(++done / (double) steps);
            }
        }
        return out;
    }

    /** Notes a server left out (on the FX thread). */
    public void addLeftOut(LeftOut l) {
        leftOut.add(l);
    }

    /**
     * The charts' note: at which idle counts select was left out and why, or "" when nothing
     * was. The clients named are the fewest that do not fit: past FD_SETSIZE - 1 fds (the
     * listener takes fd 0), the model's select server turns clients away.
     */
    public String leftOutNote() {
        if (leftOut.isEmpty()) return "";
        StringBuilder idles = new StringBuilder();
        for (LeftOut l : leftOut) {
            if (idles.length() > 0) idles.append(", ");
            idles.append(l.idle());
        }
        return Messages.format(text, "compare.note.selectLeftOut", idles.toString(), String.valueOf(Linux.FD_SETSIZE),
            String.valueOf(Linux.FD_SETSIZE), String.valueOf(Linux.FD_SETSIZE - 1));
    }

    /** Adds a measured point (on the FX thread). */
    public void add(Point p) {
        points.add(p);
        status.set(Messages.format(text, "compare.status.points", points.size()));
    }
}
