package org.pollscope.kernel.program;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pollscope.kernel.trace.TraceEvent;

class ProgramStepperTest {
    /** Three clients, all sending (the blocking server would wait on an idle one for ever), for four simulated milliseconds. */
    private static final Workload SMALL = Workload.of(3, 3, 0.004, 7);

    /** The whole observable state: the kernel's dump, the trace (its size and a digest of every event), the listing lines. */
    private static String state(ProgramStepper s) {
        List<TraceEvent> trace = s.kernel().trace().events();
        return s.kernel().describeState() + "\n--\n" + trace.size() + " " + trace.hashCode() + " tid " + s.lastTid()
            + " line " + (s.lastTid() < 0 ? 0 : s.lineOf(s.lastTid()));
    }

    static Stream<String> programs() {
        return Programs.names().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("programs")
    void steppingForwardKThenBackKRestoresEveryState(String name) {
        ProgramStepper s = new ProgramStepper(Programs.byName(name), SMALL);
        List<String> forward = new ArrayList<>();
        forward.add(state(s));
        while (s.forward()) forward.add(state(s));
        assertThat(s.position()).isEqualTo(s.steps());
        assertThat(s.complete()).isTrue();
        assertThat(s.steps()).as("steps of %s", name).isGreaterThan(5);
        assertThat(forward).hasSize(s.steps() + 1);
        for (int k = s.steps(); k > 0; k--) {
            assertThat(state(s)).as("state at step %d of %s", k, name).isEqualTo(forward.get(k));
            s.back();
        }
        assertThat(state(s)).isEqualTo(forward.get(0));
        s.goTo(s.steps() / 2);
        assertThat(state(s)).isEqualTo(forward.get(s.steps() / 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("programs")
    void everyStepEndsWithAReturnOfTheServerOnAListingLine(String name) {
        ProgramStepper s = new ProgramStepper(Programs.byName(name), SMALL);
        int serverPid = s.simulation().server.process().pid();
        int listing = s.program().listing().size();
        while (s.forward()) {
            List<TraceEvent> step = s.kernel().trace().events().subList(s.stepStart(), s.kernel().trace().size());
            assertThat(step).as("step %d of %s", s.position(), name)
                .anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(TraceEvent.SyscallExit.class, x -> {
                    assertThat(x.pid()).isEqualTo(serverPid);
                    assertThat(x.tid()).isEqualTo(s.lastTid());
                }));
            assertThat(s.lineOf(s.lastTid())).as("listing line at step %d of %s", s.position(), name).isBetween(1, listing);
        }
        assertThat(s.forward()).isFalse();
    }

    @Test
    void aLongRunHasNoStepCapAndItsStepsAreFoundAsItRuns() {
        ProgramStepper s = new ProgramStepper(Programs.byName("epoll-lt"), Workload.of(4, 4, 10, 1).withThinkMs(0));
        assertThat(s.steps()).as("nothing is counted up front").isZero();
        assertThat(s.complete()).isFalse();
        s.goTo(5_000);
        assertThat(s.position()).isEqualTo(5_000);
        assertThat(s.steps()).isEqualTo(5_000);
        assertThat(s.complete()).isFalse();
        assertThat(s.canForward()).isTrue();
    }

    @Test
    void aStepPastTheEndStopsAtTheLastStepAndTheEndIsKnown() {
        ProgramStepper s = new ProgramStepper(Programs.byName("epoll-lt"), SMALL);
        s.goTo(1_000_000);
        assertThat(s.complete()).isTrue();
        assertThat(s.position()).isEqualTo(s.steps()).isLessThan(1_000_000);
        ProgramStepper fresh = new ProgramStepper(Programs.byName("epoll-lt"), SMALL, 0);
        fresh.goTo(s.steps());
        assertThat(state(s)).isEqualTo(state(fresh));
    }

    @Test
    void whatTheServerDoesBeforeItWaitsIsThereAtStepZero() {
        ProgramStepper s = new ProgramStepper(Programs.byName("epoll-lt"), SMALL);
        // Program.start makes the calls that never sleep at once, before the clock runs
        assertThat(s.kernel().trace().events()).filteredOn(TraceEvent.SyscallExit.class::isInstance)
            .extracting(e -> ((TraceEvent.SyscallExit) e).call()).startsWith("epoll_create1", "epoll_ctl");
        s.forward();
        List<TraceEvent> step = s.kernel().trace().events().subList(s.stepStart(), s.kernel().trace().size());
        assertThat(step).filteredOn(TraceEvent.SyscallExit.class::isInstance)
            .extracting(e -> ((TraceEvent.SyscallExit) e).call()).contains("epoll_wait");
        assertThat(s.program().listing().get(s.lineOf(s.lastTid()) - 1)).contains("epoll_wait");
    }
}
