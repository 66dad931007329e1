package org.pollscope.kernel.scenario;

/**
 * The result of one statement on one side.
 *
 * @param statement the statement
 * @param shown     the result as printed, with fd numbers ("fd 5", "1 [a: EPOLLIN]")
 * @param canonical the result with every side-specific number replaced by names, for model/linux comparison
 * @param failure   why the statement's expectation (or the statement itself) failed, else null
 * @param skipped   why the statement did not run on this side, else null
 */
public record StepResult(Statement statement, String shown, String canonical, String failure, String skipped) {

    public boolean hasExpectation() {
        return statement instanceof Statement.Call c && c.expect() != null;
    }
}
