package org.pollscope.app.ui.scenario;

import java.util.List;
import java.util.ResourceBundle;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.pollscope.app.ui.Fields;
import org.pollscope.app.ui.Messages;
import org.pollscope.kernel.program.Program;
import org.pollscope.kernel.program.Programs;
import org.pollscope.kernel.program.Workload;

/**
 * What "Open a built-in program" asks for: a program of {@link Programs} and the workload it
 * runs under (clients, how many of them send, the seed), as typed. Plain Java with JavaFX
 * properties, tested without the toolkit. The run lasts {@link #SECONDS} of simulated time; its
 * steps are found as it runs, with no cap.
 */
public final class ProgramChoice {
    /**
     * A classroom's C10K: the simulated process's fd limit is raised to fit them (as a server
     * raises RLIMIT_NOFILE), and the kernel views draw a tree of this many items.
     */
    public static final int MAX_CLIENTS = 10_000;
    public static final double SECONDS = 1.0;

    private final ResourceBundle text;
    private final StringProperty program = new SimpleStringProperty(this, "program", "epoll-lt");
    private final StringProperty clients = new SimpleStringProperty(this, "clients", "4");
    private final StringProperty active = new SimpleStringProperty(this, "active", "2");
    private final StringProperty seed = new SimpleStringProperty(this, "seed", "1");

    public ProgramChoice(ResourceBundle text) {
        this.text = text;
    }

    /** The programs offered, simplest first. */
    public List<String> programs() {
        return Programs.names();
    }

    /** The one-line description of a program in the window's language (the program's own when the bundle has none), or "". */
    public String description(String name) {
        Program p = name == null ? null : Programs.byName(name);
        if (p == null) return "";
        String key = "program.about." + name;
        return text.containsKey(key) ? text.getString(key) : p.description();
    }

    public StringProperty programProperty() {
        return program;
    }

    public StringProperty clientsProperty() {
        return clients;
    }

    public StringProperty activeProperty() {
        return active;
    }

    public StringProperty seedProperty() {
        return seed;
    }

    /** What is wrong with the choice, naming the field, or null when it can be opened. */
    public String validate() {
        if (program.get() == null || Programs.byName(program.get()) == null) {
            return Messages.format(text, "program.error.program", String.valueOf(program.get()));
        }
        Integer n = Fields.integer(clients.get());
        if (n == null || n < 1 || n > MAX_CLIENTS) {
            return Messages.format(text, "program.error.clients", String.valueOf(MAX_CLIENTS), clients.get());
        }
        Integer a = Fields.integer(active.get());
        if (a == null || a < 0 || a > n) return Messages.format(text, "program.error.active", String.valueOf(n), active.get());
        if (Fields.seed(seed.get()) == null) return Messages.format(text, "compare.step.error.seed", seed.get());
        return null;
    }

    /** The chosen program (call when {@link #validate()} is null). */
    public Program chosenProgram() {
        return Programs.byName(program.get());
    }

    /** The chosen workload (call when {@link #validate()} is null). */
    public Workload workload() {
        return Workload.of(Fields.integer(clients.get()), Fields.integer(active.get()), SECONDS, Fields.seed(seed.get()));
    }
}
