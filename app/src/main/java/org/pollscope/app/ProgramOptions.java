package org.pollscope.app;

import org.pollscope.app.ui.MainViewModel;
import org.pollscope.app.ui.Messages;
import org.pollscope.app.ui.scenario.ProgramChoice;
import picocli.CommandLine.Option;

/**
 * {@code --program NAME [--clients N] [--active A] [--seed S]}: a built-in program under a
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
        return new MainViewModel.ProgramRun(c.chosenProgram(), c.workload());
    }

    /** What is wrong with the options ("--clients: …"), or null. */
    String problem() {
        String wrong = program == null ? null : choice().validate();
        return wrong == null ? null : "--" + wrong;
    }
}
