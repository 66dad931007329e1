package org.pollscope.kernel.program;

import java.util.List;
import java.util.function.IntConsumer;
import org.pollscope.kernel.Linux;
import org.pollscope.kernel.SimThread;
import org.pollscope.kernel.SyscallResult;

/**
 * What the built-in programs share: a name, a description, the listing, and finding a line
 * of the listing by what it says, so that the code marks lines by meaning, not by number.
 */
abstract class ListedProgram implements Program {
    /** what {@link #echoOnce} answers when the read found nothing (EAGAIN) */
    static final int AGAIN = -1;

    private final String name;
    private final String description;
    private final List<String> listing;

    /** {@code listing}: one string, lines separated by newlines (a text block). */
    ListedProgram(String name, String description, String listing) {
        this.name = name;
        this.description = description;
        this.listing = listing.stripTrailing().lines().map(String::stripTrailing).toList();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public List<String> listing() {
        return listing;
    }

    /** The number (from 1) of the one line of the listing that contains {@code text}. */
    final int lineOf(String text) {
        int found = 0;
        for (int i = 0; i < listing.size(); i++) {
            if (listing.get(i).contains(text)) {
                if (found != 0) throw new IllegalStateException(name + ": lines " + found + " and " + (i + 1) + " both say " + text);
                found = i + 1;
            }
        }
        if (found == 0) throw new IllegalStateException(name + ": no line of the listing says " + text);
        return found;
    }

    /** The lines of a listing where a client is read, echoed and closed. */
    record EchoLines(int read, int write, int close) {}

    /** The {@link EchoLines} of this listing, found by what each line says. */
    final EchoLines echoLines(String read, String write, String close) {
        return new EchoLines(lineOf(read), lineOf(write), lineOf(close));
    }

    /**
     * What a select or poll loop does with the fds one call reported, in the order reported:
     * on the listener, accept every pending connection; on a client, one read and its echo,
     * and {@code left} when the client has gone.
     */
    static void serveReady(Simulation sim, SimThread t, SyscallResult o, int acceptLine, IntConsumer accepted,
                           int buffer, EchoLines lines, IntConsumer left) {
        for (SyscallResult.Ready ready : o.events()) {
            int fd = (int) ready.key();
            if (fd == sim.listener) {
                sim.line(t, acceptLine);
                sim.acceptAll(t, accepted);
                continue;
            }
            if (echoOnce(sim, t, fd, buffer, lines) == 0) left.accept(fd);
        }
    }

    /** Accepts every pending connection and adds each to epoll instance {@code ep} for {@code events}. */
    static void acceptInto(Simulation sim, SimThread t, int ep, int events, int acceptLine, int addLine) {
        sim.line(t, acceptLine);
        sim.acceptAll(t, c -> {
            sim.line(t, addLine);
            sim.epollCtl(t, ep, Linux.EPOLL_CTL_ADD, c, events);
        });
    }

    /**
     * One read of up to {@code buffer} bytes from client {@code fd} and the echo of what came:
     * returns the bytes echoed; {@link #AGAIN} when there was nothing; 0 when the client left
     * (end of file, or an error such as ECONNRESET), after closing fd, which also takes it off
     * every epoll interest list. Marks the read, write and close lines as it goes.
     */
    static int echoOnce(Simulation sim, SimThread t, int fd, int buffer, EchoLines lines) {
        sim.line(t, lines.read());
        SyscallResult r = sim.read(t, fd, buffer);
        if (r.failed() && r.errno() == Linux.EAGAIN) return AGAIN;
        if (r.failed() || r.ret() == 0) {
            sim.line(t, lines.close());
            sim.close(t, fd);
            return 0;
        }
        sim.line(t, lines.write());
        sim.write(t, fd, r.bytes());
        return (int) r.ret();
    }

    /** Fills in the parameters a listing shows. */
    static String fill(String listing, int buffer, int maxevents, int threads) {
        return listing.replace("{buf}", String.valueOf(buffer)).replace("{max}", String.valueOf(maxevents))
            .replace("{T}", String.valueOf(threads));
    }

    /** {@code a}, grown to hold index {@code i}. */
    static int[] grow(int[] a, int i) {
        return i < a.length ? a : java.util.Arrays.copyOf(a, Math.max(a.length * 2, i + 1));
    }

    static boolean[] grow(boolean[] a, int i) {
        return i < a.length ? a : java.util.Arrays.copyOf(a, Math.max(a.length * 2, i + 1));
    }
}
