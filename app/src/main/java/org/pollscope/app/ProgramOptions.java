package org.pollscope.app;

import org.pollscope.app.ui.MainViewModel;
import org.pollscope.app.ui.Messages;
import org.pollscope.app.ui.scenario.ProgramChoice;
import org.pollscope.kernel.program.Workload;
import picocli.CommandLine.Option;

/**
 * {@code --program NAME [--clients N] [--active A] [--seed S] [--seconds S] [--request-size B] [--think MS] [--churn C]}:
 * a built-in program under a
 * workload, to step in place of a scenario file ({@code open}, {@code snapshot}). Checked as the
 * window's "Open a built-in program" form checks it.
 */
final class ProgramOptions {
    @Option(names = "--program", paramLabel = "NAME", description = "A built-in program to step instead of a FILE (see 'simulate --list').")
    String program;

    @Option(names = "--clients", defaultValue = "4", paramLabel = "N", description = "Clients of the program's workload (default 4).")
    String clients;

    @Option(names = "--active", defaultValue = "2", paramLabel = "A", description = "How many of them send requests (default 2).")
    String active;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of the workload's random choices (default 1).")
    String seed;

    @Option(names = "--seconds", defaultValue = "1", paramLabel = "S", description = "Simulated seconds the run lasts (default 1).")
    double seconds;

    // simulate's --size; here --size is the window's (snapshot --size WxH), so the request size is named in full
    @Option(names = "--request-size", defaultValue = "512", paramLabel = "BYTES[-MAX]", description = "Request size, or a range (default 512); simulate's --size.")
    String size;

    @Option(names = "--think", defaultValue = "1", paramLabel = "MS", description = "Mean think time between a reply and the next request (default 1 ms).")
    double think;

    @Option(names = "--churn", defaultValue = "0", paramLabel = "PER_S", description = "Clients that close and connect again, per simulated second (default 0).")
    double churn;

    /** The choice the options make; {@link ProgramChoice#validate()} says what is wrong with it. */
    ProgramChoice choice() {
        ProgramChoice c = new ProgramChoice(Messages.english());
        c.programProperty().set(program);
        c.clientsProperty().set(clients);
        c.activeProperty().set(active);
        c.seedProperty().set(seed);
        return c;
    }

    /** The program and workload, or null when no --program was given. */
    MainViewModel.ProgramRun run() {
        if (program == null) return null;
        ProgramChoice c = choice();
        Workload w = c.workload();
        int[] sizes = sizes();
        return new MainViewModel.ProgramRun(c.chosenProgram(),
            new Workload(w.clients(), w.active(), sizes[0], sizes[1], think, churn, seconds, w.seed()));
    }

    /** --request-size as the smallest and largest request, or null when it is not BYTES or MIN-MAX. */
    private int[] sizes() {
        try {
            int dash = size.indexOf('-', 1);
            int min = Integer.parseInt(dash < 0 ? size.trim() : size.substring(0, dash).trim());
            int max = dash < 0 ? min : Integer.parseInt(size.substring(dash + 1).trim());
            return min < 1 || max < min || max > Workload.MAX_REQUEST ? null : new int[] {min, max};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** What is wrong with the options ("--clients: …"), or null. */
    String problem() {
        if (program == null) return null;
        String wrong = choice().validate();
        if (wrong != null) return "--" + wrong;
        if (!(seconds > 0) || seconds > 3600) return "--seconds must be above 0 and at most 3600, found " + seconds;
        if (!(think >= 0) || Double.isInfinite(think)) return "--think must be 0 ms or more, found " + think;
        if (!(churn >= 0) || Double.isInfinite(churn)) return "--churn must be 0 or more per second, found " + churn;
        if (sizes() == null) return "--request-size '" + size + "': sizes are BYTES or MIN-MAX, 1 to " + Workload.MAX_REQUEST + " bytes, the smallest first";
        return null;
    }
}
