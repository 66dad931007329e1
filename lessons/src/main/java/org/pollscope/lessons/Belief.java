package org.pollscope.lessons;

/**
 * A {@code wrong:} line: what a student believes ({@code label}, in the lesson's language) and
 * the change that makes the world of that belief.
 */
public record Belief(int line, String label, Change change) {}
