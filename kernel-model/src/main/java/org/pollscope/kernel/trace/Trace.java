package org.pollscope.kernel.trace;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * The one stream of {@link TraceEvent}s of a simulated kernel, in order. Listeners see each
 * event as it is appended; the list keeps them all unless recording is turned off (for long
 * workloads, where only the listeners, e.g. a {@link CostMeter}, need them).
 */
public final class Trace {
    private final List<TraceEvent> events = new ArrayList<>();
    private final List<Consumer<TraceEvent>> listeners = new ArrayList<>();
    private boolean recording = true;
    private long count;
    private long discarded;

    public void append(TraceEvent e) {
        count++;
        if (recording) {
            events.add(e);
        }
        for (int i = 0; i < listeners.size(); i++) {
            listeners.get(i).accept(e);
        }
    }

    /** Whether anyone would see an event: producers may skip building costly ones. */
    public boolean wanted() {
        return recording || !listeners.isEmpty();
    }

    public void addListener(Consumer<TraceEvent> l) {
        listeners.add(l);
    }

    public void removeListener(Consumer<TraceEvent> l) {
        listeners.remove(l);
    }

    public void setRecording(boolean on) {
        recording = on;
    }

    /** The recorded events (read-only view). */
    public List<TraceEvent> events() {
        return Collections.unmodifiableList(events);
    }

    /** How many events were appended, recorded or not. */
    public long count() {
        return count;
    }

    /**
     * Forgets the first {@code n} recorded events (a stepper keeps only the events of the steps
     * near the one shown); indexes into {@link #events()} count from what is left.
     */
    public void discardFirst(int n) {
        int k = Math.min(n, events.size());
        if (k == events.size()) {
            events.clear();
        } else {
            events.subList(0, k).clear();
        }
        discarded += k;
    }

    /** How many recorded events were forgotten by {@link #discardFirst}. */
    public long discarded() {
        return discarded;
    }

    public int size() {
        return events.size();
    }
}
