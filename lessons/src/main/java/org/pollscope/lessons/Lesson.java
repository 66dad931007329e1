package org.pollscope.lessons;

import java.util.List;

/**
 * One lesson in one language, as its Markdown file says it (docs/authoring-lessons.md). A
 * lesson holds no answer: {@link LessonEngine} computes every answer by running the model.
 *
 * @param file       the file's name in messages ("en/lt-vs-et.md")
 * @param id         the lesson's id, the file's name without {@code .md}
 * @param lang       the language: the name of the folder the file is in ("en", "zh")
 * @param level      beginner, intermediate or advanced
 * @param minutes    how long it takes, 5 to 60
 * @param objectives what the student can do afterwards
 * @param sources    the kernel functions and man pages the lesson teaches from
 * @param intro      the Markdown before the first step
 * @param steps      the steps, in order
 */
public record Lesson(String file, String id, String lang, String title, String level, int minutes,
                     List<String> objectives, List<String> sources, String intro, List<LessonStep> steps) {

    public Lesson {
        objectives = List.copyOf(objectives);
        sources = List.copyOf(sources);
        steps = List.copyOf(steps);
    }

    /** The checkpoints, in step order (a step holds at most one). */
    public List<Checkpoint> checkpoints() {
        return steps.stream().map(LessonStep::check).filter(c -> c != null).toList();
    }
}
