package org.pollscope.kernel.scenario;

import java.util.List;

/**
 * What a statement must return: the return value, then the errno when it is -1, then the
 * events for calls that report readiness, then the bytes read. {@code fd} stands for "a new
 * file descriptor" (the number differs between the model and the kernel). {@code bytes} holds one
 * char per byte (ISO-8859-1), as string literals do.
 */
public record Expectation(SourcePos pos, boolean anyFd, long value, String errno, Events events, String bytes) {

    /** Expected events: ordered ([...]) or in any order ({...}). */
    public record Events(boolean ordered, List<Event> list) {}

    /** One expected event: the fd's name, the exact mask, and optionally epoll_event.data. */
    public record Event(SourcePos pos, String name, long mask, Long data) {}
}
