package org.pollscope.app.ui.kernel;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.util.Duration;
import org.pollscope.kernel.Stepper;

/**
 * A step command run off the JavaFX thread. The JavaFX thread waits {@link #WAIT_MS} for it, so
 * a quick step shows at once, as if it had run there; a longer one lets the window go on, shows
 * its progress after a quarter of a second with a way to cancel it, and hands its result back to
 * the JavaFX thread when it ends. One command at a time: the stepper belongs to it while it runs.
 */
public final class StepJob {
    /** How long the JavaFX thread waits for a command before the work goes on without it. */
    static final long WAIT_MS = 60;
    /** Progress is shown for a command that has taken this long. */
    static final long SHOW_AFTER_MS = 250;

    /** What the view model does with a command's end, on the JavaFX thread: whether it did what it says, or why it failed. */
    interface Done {
        void accept(boolean ok, Throwable failure);
    }

    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private final ReadOnlyBooleanWrapper shown = new ReadOnlyBooleanWrapper(this, "shown", false);
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper(this, "text", "");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", -1);
    private volatile boolean stopRequested;
    private volatile Stepper running;
    private Timeline poll;
    private Thread worker;

    /** Whether a command runs. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public boolean busy() {
        return busy.get();
    }

    /** Whether its progress is shown (it has run for {@link #SHOW_AFTER_MS}). */
    public ReadOnlyBooleanProperty shownProperty() {
        return shown.getReadOnlyProperty();
    }

    /** What the command is doing, in words ("Going to step 10,000: 4,210 run"). */
    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    /** 0 to 1, or -1 when only the run can tell where it ends (to the end, to the next wakeup). */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** Stops the running command at its next step; the views then show the step it reached. */
    public void cancel() {
        stopRequested = true;
        Stepper s = running;
        if (s != null) s.cancel();
    }

    /** Waits for the command's thread to end (for tests and for closing the window), at most {@code ms}. */
    public boolean join(long ms) throws InterruptedException {
        Thread t = worker;
        if (t == null) return true;
        t.join(ms);
        return !t.isAlive();
    }

    /**
     * Runs {@code work} on {@code s} on a thread of its own; {@code done} is called on the JavaFX
     * thread when it ends, before {@link #busyProperty()} turns false. Call on the JavaFX thread.
     * False when a command already runs.
     */
    boolean start(Stepper s, StepWork work, int k, StepText words, Done done) {
        if (busy.get()) return false;
        int was = s.position();
        stopRequested = false;
        running = s;
        busy.set(true);
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                result.complete(work.apply(s, k, () -> stopRequested));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "pollscope-step");
        t.setDaemon(true);
        worker = t;
        t.start();
        Runnable finish = () -> {
            if (poll != null) poll.stop();
            poll = null;
            running = null;
            boolean ok = false;
            Throwable failure = null;
            try {
                ok = result.get();
            } catch (ExecutionException e) {
                failure = e.getCause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // the views take the new state while still marked busy, so a frozen canvas draws once, when it thaws
            try {
                done.accept(ok, failure);
            } finally {
                busy.set(false);
                shown.set(false);
                text.set("");
                progress.set(-1);
            }
        };
        try {
            result.get(WAIT_MS, TimeUnit.MILLISECONDS);
            finish.run();
            return true;
        } catch (TimeoutException slow) {
            // the window goes on; progress is shown below
        } catch (ExecutionException e) {
            finish.run();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long started = System.nanoTime();
        int target = work.target(was, k);
        poll = new Timeline(new KeyFrame(Duration.millis(100), e -> {
            if (System.nanoTime() - started < SHOW_AFTER_MS * 1_000_000L) return;
            int at = s.progress();
            text.set(words.busy(target, at));
            // going back replays from a checkpoint before the target: the share of the way there
            progress.set(target > 0 ? Math.min(1, at / (double) target) : -1);
            shown.set(true);
        }));
        poll.setCycleCount(Animation.INDEFINITE);
        poll.play();
        result.whenComplete((r, e) -> Platform.runLater(finish));
        return true;
    }
}
