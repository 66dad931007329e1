package org.pollscope.lessons;

/**
 * One step of a lesson: a {@code ## } heading and what follows it up to the next one.
 *
 * @param line      the line of the heading
 * @param narrative the step's Markdown, without its scn, program, check and notes blocks
 * @param notes     the presenter notes (teacher mode only), or null
 * @param action    the step's scn or program block, or null
 * @param check     the step's checkpoint, or null
 */
public record LessonStep(int line, String title, String narrative, String notes, Action action, Checkpoint check) {}
