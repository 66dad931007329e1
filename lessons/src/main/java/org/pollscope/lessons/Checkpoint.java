package org.pollscope.lessons;

import java.util.List;

/**
 * A {@code check} block: a question whose answer and wrong options the model computes.
 *
 * @param line      the line of its {@code predict:} or {@code choose:} key
 * @param statement for PREDICT, the statement whose result the student predicts; else null
 * @param measure   for CHOOSE, the measure as written ("visited", "items ep"); else null
 * @param ask       the question: {@code ask:} for PREDICT (or the default), the text of {@code choose:}
 * @param wrong     the named wrong beliefs, one option each
 * @param explain   shown after the answer; {@code {answer}} stands for the computed answer
 */
public record Checkpoint(int line, Kind kind, String statement, String measure, String ask, List<Belief> wrong,
                         String explain) {

    /** The question's kind. */
    public enum Kind {
        /** predict what the next call returns */
        PREDICT,
        /** choose a number the kernel counts */
        CHOOSE
    }

    /** The question asked when a predict checkpoint says no {@code ask:}. */
    public static final String DEFAULT_ASK = "What does this call return?";

    public Checkpoint {
        wrong = List.copyOf(wrong);
    }
}
