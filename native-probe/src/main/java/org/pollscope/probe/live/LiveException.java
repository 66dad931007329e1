package org.pollscope.probe.live;

/** The live server could not start or do what it was asked; the message is one line that says why. */
public final class LiveException extends Exception {
    public LiveException(String message) {
        super(message);
    }
}
