package org.pollscope.kernel.scenario;

import java.util.List;

/** An argument of a call, as written. */
public sealed interface Expr {
    SourcePos pos();

    /** An integer literal (decimal, possibly negative, or 0x hex). */
    record Num(SourcePos pos, long value) implements Expr {}

    /** An upper-case constant such as EPOLLIN or EBADF. */
    record Const(SourcePos pos, String name, long value) implements Expr {}

    /** A lower-case name bound to a file descriptor (or a thread). */
    record Name(SourcePos pos, String name) implements Expr {}

    /** A string literal, escapes already resolved. */
    record Str(SourcePos pos, String value) implements Expr {}

    /** Constants and integers combined with '|'. */
    record Or(SourcePos pos, List<Expr> parts) implements Expr {}

    /** {@code [a: POLLIN, b]}: items are names (or integers, for raw fds) with optional flags. */
    record ListOf(SourcePos pos, List<Item> items) implements Expr {}

    /** {@code read=[a, b]}: a keyword argument. */
    record Keyword(SourcePos pos, String key, Expr value) implements Expr {}

    /** One item of a list: an fd (by name, or a raw integer) and its flags (0 when absent). */
    record Item(SourcePos pos, Expr fd, Expr flags) {}

    /** The integer value of a numeric expression (Num, Const or Or of them). */
    static long valueOf(Expr e) {
        if (e instanceof Num n) return n.value();
        if (e instanceof Const c) return c.value();
        if (e instanceof Or o) {
            long v = 0;
            for (Expr p : o.parts()) v |= valueOf(p);
            return v;
        }
        throw new IllegalArgumentException("not a number: " + e);
    }
}
