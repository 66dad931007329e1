package org.pollscope.kernel.scenario;

import java.util.List;

/** One statement of a scenario. {@code only} is "model", "linux" or null (both sides). */
public sealed interface Statement {
    SourcePos pos();

    /** The side this statement is limited to by a preceding {@code @only}, or null. */
    String only();

    /** The source text of the statement, trimmed, for reports. */
    String text();

    /** {@code a, b = socketpair() => 0}: a call with optional bindings and expectation. */
    record Call(SourcePos pos, String text, String only, List<String> bindings, String name, List<Expr> args,
                Expectation expect) implements Statement {}

    /** {@code thread t { ... }}: a thread of the main process running the body. */
    record Thread(SourcePos pos, String text, String only, String name, List<Statement> body) implements Statement {}

    /** {@code fork { ... }}: a child process sharing the parent's open files (model only). */
    record Fork(SourcePos pos, String text, String only, List<Statement> body) implements Statement {}

    /** {@code await_blocked(t)}: go on once thread t sleeps inside a system call. */
    record AwaitBlocked(SourcePos pos, String text, String only, String thread) implements Statement {}

    /** {@code join(t)}: wait until thread t has run its whole body. */
    record Join(SourcePos pos, String text, String only, String thread) implements Statement {}

    /** {@code sleep(ms)}: simulated time in the model, real time on Linux. */
    record Sleep(SourcePos pos, String text, String only, long millis) implements Statement {}
}
