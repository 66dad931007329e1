package org.pollscope.probe.proc;

import java.util.List;

/**
 * What {@link ProcInspector#inspect(int)} and {@link StraceImport#parse(java.nio.file.Path)} give:
 * the interest list of every epoll fd of every process, what was ready over time (strace), the
 * lines of a log that could not be read, and the assumptions made (in words, one each).
 * {@link ReportJson} and {@link ReportText} print it.
 */
public record InterestReport(List<ProcessInterest> processes, List<String> unparsed, List<String> notes) {
    public InterestReport {
        processes = List.copyOf(processes);
        unparsed = List.copyOf(unparsed);
        notes = List.copyOf(notes);
    }
}
