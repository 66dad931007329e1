package org.pollscope.lessons;

/**
 * A lesson that cannot be used: the message is exactly {@code FILE:LINE: problem}, one line
 * saying what is wrong and what would be accepted. Thrown by {@link LessonParser} for what the
 * text shows and by {@link LessonEngine} for what only running the model shows (a belief that
 * changes nothing, say). Never carries a stack trace to the user.
 */
public final class LessonSyntaxException extends RuntimeException {
    private final String file;
    private final int line;
    private final String problem;

    public LessonSyntaxException(String file, int line, String problem) {
        super(file + ":" + line + ": " + problem, null, false, false);
        this.file = file;
        this.line = line;
        this.problem = problem;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String problem() {
        return problem;
    }
}
