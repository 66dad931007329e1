package org.pollscope.kernel.scenario;

/**
 * A scenario that cannot be read: the message starts with {@code FILE:LINE:COLUMN:} and says
 * what was expected there. Never carries a stack trace to the user.
 */
public final class ScenarioSyntaxException extends Exception {
    private final SourcePos pos;
    private final String problem;

    public ScenarioSyntaxException(SourcePos pos, String problem) {
        super(pos + ": " + problem, null, false, false);
        this.pos = pos;
        this.problem = problem;
    }

    public SourcePos pos() {
        return pos;
    }

    public String problem() {
        return problem;
    }
}
