package org.pollscope.kernel;

import java.util.ArrayList;
import java.util.List;
import org.pollscope.kernel.trace.TraceEvent;

/**
 * {@code wait_queue_head_t}: the list of entries a wake-up walks. Mirrors
 * {@code kernel/sched/wait.c}: {@code add_wait_queue} puts a non-exclusive entry at the head,
 * {@code add_wait_queue_exclusive} puts an exclusive entry at the tail, and
 * {@code __add_wait_queue_exclusive} (used by {@code ep_poll}) puts an exclusive entry at the
 * head; {@code __wake_up_common} calls every entry's function in order and stops after
 * {@code nr_exclusive} exclusive entries reported a wake-up.
 */
public final class WaitQueue {

    /** {@code wait_queue_func_t}: returns > 0 when it woke something, 0 when not, < 0 to stop the walk. */
    public interface WakeFunction {
        int wake(Entry entry, int key);
    }

    /** {@code wait_queue_entry_t}. */
    public static final class Entry {
        final String label;
        final WakeFunction func;
        boolean exclusive;
        WaitQueue queue;          // the head it is linked on, or null

        public Entry(String label, WakeFunction func) {
            this.label = label;
            this.func = func;
        }

        public String label() {
            return label;
        }

        public boolean exclusive() {
            return exclusive;
        }

        public boolean linked() {
            return queue != null;
        }
    }

    private final Kernel kernel;
    private final String name;
    private final List<Entry> entries = new ArrayList<>();

    public WaitQueue(Kernel kernel, String name) {
        this.kernel = kernel;
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** {@code add_wait_queue}: non-exclusive, at the head. */
    public void add(Entry e) {
        link(e, false, 0);
    }

    /** {@code add_wait_queue_exclusive}: exclusive, at the tail. */
    public void addExclusiveTail(Entry e) {
        link(e, true, entries.size());
    }

    /** {@code __add_wait_queue_exclusive}: exclusive, at the head (ep_poll's waiters: the last to come is woken first). */
    public void addExclusiveHead(Entry e) {
        link(e, true, 0);
    }

    private void link(Entry e, boolean exclusive, int at) {
        assert e.queue == null : e.label + " is already on " + e.queue.name;
        e.exclusive = exclusive;
        e.queue = this;
        entries.add(at, e);
        if (kernel.tracing()) kernel.emit(new TraceEvent.WaitAdd(kernel.now(), kernel.currentTid(), name, e.label, exclusive));
    }

    /** {@code remove_wait_queue}; a no-op when the entry is not linked here. */
    public void remove(Entry e) {
        if (e.queue != this) {
            return;
        }
        entries.remove(e);
        e.queue = null;
        if (kernel.tracing()) kernel.emit(new TraceEvent.WaitRemove(kernel.now(), kernel.currentTid(), name, e.label));
    }

    /** {@code waitqueue_active}. */
    public boolean active() {
        return !entries.isEmpty();
    }

    /** The entries in wake-up order (read-only copy), for views. */
    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /**
     * {@code __wake_up_common}: calls each entry's function with {@code key}; an exclusive entry
     * that returns > 0 uses up one of {@code nrExclusive} (0 means: wake all).
     */
    public void wakeUp(int key, int nrExclusive, String by) {
        if (kernel.tracing()) kernel.emit(new TraceEvent.WakeUp(kernel.now(), kernel.currentTid(), name, key, by));
        int left = nrExclusive;
        // entries may unlink themselves (autoremove) while we walk: walk a snapshot, skip the unlinked
        for (Entry e : List.copyOf(entries)) {
            if (e.queue != this) {
                continue;
            }
            int ret = e.func.wake(e, key);
            if (ret < 0) {
                break;
            }
            if (ret > 0 && e.exclusive && left > 0 && --left == 0) {
                break;
            }
        }
    }

    /** {@code wake_up_interruptible_poll} and friends: one exclusive waiter, the rest all. */
    public void wakeUpPoll(int key, String by) {
        wakeUp(key, 1, by);
    }

    /** {@code wake_up_interruptible_all}: key 0, every entry. */
    public void wakeUpAll(String by) {
        wakeUp(0, 0, by);
    }

    @Override
    public String toString() {
        return name;
    }
}
