package org.pollscope.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pollscope.kernel.scenario.ScenarioParser;

class StepViewModelTest {

    static Stream<Path> corpus() throws Exception {
        Path dir = Path.of("..", "kernel-model", "src", "test", "resources", "scenarios");
        try (Stream<Path> s = java.nio.file.Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".scn")).sorted().toList().stream();
        }
    }

    private static String shown(StepViewModel vm) {
        return vm.positionProperty().get() + "|" + vm.statementProperty().get() + "|" + vm.explanationProperty().get() + "|"
            + vm.costProperty().get() + "|" + vm.syscalls() + "|" + vm.events() + "|" + vm.kernelProperty().get().describeState();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void forwardKThenBackKShowsExactlyWhatWasShown(Path file) throws Exception {
        StepViewModel vm = new StepViewModel();
        vm.load(ScenarioParser.parse(file));
        List<String> seen = new ArrayList<>();
        seen.add(shown(vm));
        while (vm.forward()) seen.add(shown(vm));
        for (int k = seen.size() - 1; k > 0; k--) {
            assertThat(shown(vm)).as("step %d of %s", k, file.getFileName()).isEqualTo(seen.get(k));
            vm.back();
        }
        assertThat(shown(vm)).isEqualTo(seen.get(0));
    }

    @Test
    void explanationNamesTheKernelFunctionsOfTheStep() throws Exception {
        StepViewModel vm = new StepViewModel();
        vm.load(ScenarioParser.parse("t.scn", """
            a, b = socketpair()
            ep = epoll_create1(0)
            epoll_ctl(ep, ADD, a, EPOLLIN) => 0
            write(b, "x") => 1
            epoll_wait(ep, 8, 0) => 1 [a: EPOLLIN]
            """));
        vm.forward();
        vm.forward();
        vm.forward();
        assertThat(vm.explanationProperty().get()).contains("ep_rbtree_insert links");
        vm.forward();
        assertThat(vm.explanationProperty().get()).contains("ep_poll_callback").contains("joins the tail of rdllist");
        assertThat(vm.statementProperty().get()).isEqualTo("line 4: write(b, \"x\") => 1");
        vm.forward();
        assertThat(vm.explanationProperty().get()).contains("ep_send_events copies");
        assertThat(vm.syscalls()).last().asString().contains("epoll_wait = 1");
        vm.back();
        assertThat(vm.positionProperty().get()).isEqualTo(4);
        assertThat(vm.explanationProperty().get()).contains("ep_poll_callback");
    }

    @Test
    void runToTheNextWakeupStopsAtTheWriteThatWakesTheThread() throws Exception {
        StepViewModel vm = new StepViewModel();
        vm.load(ScenarioParser.parse("t.scn", """
            a, b = socketpair()
            ep = epoll_create1(0)
            epoll_ctl(ep, ADD, a, EPOLLIN) => 0
            thread t {
                epoll_wait(ep, 8, -1) => 1 [a: EPOLLIN]
            }
            await_blocked(t)
            write(b, "x") => 1
            join(t)
            """));
        assertThat(vm.runToNextWakeup()).isTrue();
        assertThat(vm.statementProperty().get()).startsWith("line 8: write(b");
        assertThat(vm.runToNextWakeup()).isFalse();
        assertThat(vm.canForward()).isFalse();
    }

    @Test
    void exportedTraceLoadsBackAndABadOneChangesNothing() throws Exception {
        StepViewModel vm = new StepViewModel();
        vm.load(ScenarioParser.parse("t.scn", "a, b = socketpair()\nwrite(b, \"x\") => 1\n"));
        vm.toEnd();
        String json = vm.traceJson();
        assertThat(json.lines().count()).isGreaterThan(3);
        StepViewModel other = new StepViewModel();
        other.load(ScenarioParser.parse("u.scn", "e = eventfd(0)\n"));
        assertThat(other.showSavedTrace(json)).isNull();
        assertThat(other.events()).hasSize((int) json.lines().count());
        assertThat(other.events().get(0)).startsWith("SyscallEnter ");
        List<String> before = List.copyOf(other.events());
        assertThat(other.showSavedTrace("{\"type\": oops}")).startsWith("line 1, column");
        assertThat(other.events()).isEqualTo(before);
    }
}
