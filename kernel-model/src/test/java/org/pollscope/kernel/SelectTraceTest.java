package org.pollscope.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pollscope.kernel.scenario.ScenarioParser;
import org.pollscope.kernel.scenario.ScenarioStepper;
import org.pollscope.kernel.trace.TraceEvent;
import org.pollscope.kernel.trace.TraceText;

/** The trace of select and poll reads as strace prints them: the nfds passed, each call's own event names. */
class SelectTraceTest {
    List<String> calls(String scenario) throws Exception {
        ScenarioStepper st = new ScenarioStepper(ScenarioParser.parse("t.scn", scenario));
        st.goTo(st.steps());
        return st.kernel().trace().events().stream()
            .filter(e -> e instanceof TraceEvent.SyscallEnter || e instanceof TraceEvent.SyscallExit)
            .map(TraceText::describe).filter(s -> s.contains("select") || s.contains("poll")).toList();
    }

    @Test
    void selectShowsTheNfdsPassedAndReadWriteExceptBits() throws Exception {
        List<String> lines = calls("""
            a, b = socketpair()
            write(b, "x")
            select(read=[a], write=[a], timeout_ms=0)
            """);
        assertThat(lines).containsExactly("T100 select(1, [0], [0], [], {0, 0})", "T100 select = 2 [{READ|WRITE, 0}]");
    }

    @Test
    void pollShowsPollNames() throws Exception {
        List<String> lines = calls("""
            a, b = socketpair()
            write(b, "x")
            poll([a: POLLIN], 0)
            """);
        assertThat(lines.get(lines.size() - 1)).isEqualTo("T100 poll = 1 [{POLLIN, 0}]");
    }
}
