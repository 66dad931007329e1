package org.pollscope.app.ui.kernel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pollscope.kernel.scenario.ScenarioParser;
import static org.assertj.core.api.Assertions.assertThat;

class StepViewModelTest {

    static Stream<Path> corpus() throws Exception {
        Path dir = Path.of("..", "kernel-model", "src", "test", "resources", "scenarios");
        try (Stream<Path> s = java.nio.file.Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".scn")).sorted().toList().stream();
        }
    }

    static String shown(StepViewModel vm) {
        return vm.positionProperty().get() + "|" + vm.statementProperty().get() + "|" + vm.explanationProperty().get() + "|"
            + vm.costProperty().get() + "|" + vm.lastCallCostProperty().get() + "|" + vm.syscalls() + "|" + vm.events() + "|"
            + vm.fdTables() + "|" + trees(vm) + "|" + vm.kernelProperty().get().describeState();
    }

    /** What the canvas would draw of each interest list: node ids in order, colour and readiness. */
    private static String trees(StepViewModel vm) {
        StringBuilder sb = new StringBuilder();
        for (var ep : vm.kernelProperty().get().eventPolls()) {
            TreeLayout t = TreeLayout.of(ep.label(), ep.interestList());
            for (int r = 0; r < t.size(); r++) {
                sb.append(t.id(r)).append(t.red(r) ? "R" : "B").append(t.depth(r)).append(t.ready(r) ? "*" : "").append(' ');
            }
            sb.append(';');
        }
        return sb.toString();
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
        // a binary file (a PNG chosen by mistake): where and what, not "Input length = 1"
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        assertThat(other.showSavedTrace(png)).isEqualTo("line 1, column 1: byte 0x89 is not UTF-8 text");
        assertThat(other.showSavedTrace("{\"type\":\"X\"}\n{\"type\":\"Y\"}\nGIF89a".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
            .isEqualTo("line 3, column 1: expected a JSON object ('{'), found 'G'");
        assertThat(other.events()).isEqualTo(before);
    }

    @Test
    void clickingAFileAddsAStatementThatSteppingReplays() throws Exception {
        StepViewModel vm = new StepViewModel();
        vm.load(ScenarioParser.parse("t.scn", "a, b = socketpair()\nep = epoll_create1(0)\n"
            + "epoll_ctl(ep, ADD, a, EPOLLIN) => 0\nepoll_wait(ep, 8, 0) => 0\n"));
        vm.forward();
        vm.forward();
        vm.forward();
        var k = vm.kernelProperty().get();
        var a = k.processes().get(0).fds().get(0);
        List<StepViewModel.Action> actions = vm.actionsFor(a, 0);
        assertThat(actions).extracting(StepViewModel.Action::statement)
            .containsExactly("write(b, 5)", "close(b)", "shutdown(a, RDWR)");
        assertThat(vm.insert("write(b, 5)")).isNull();
        // the new statement ran as step 4, and the epoll_wait after it now finds a ready
        assertThat(vm.positionProperty().get()).isEqualTo(4);
        assertThat(vm.stepsProperty().get()).isEqualTo(5);
        assertThat(vm.explanationProperty().get()).contains("ep_poll_callback");
        assertThat(vm.scenarioProperty().get().statements().get(3).text()).isEqualTo("write(b, 5)");
        String after = shown(vm);
        vm.back();
        assertThat(vm.kernelProperty().get().eventPolls().get(0).readyList()).isEmpty();
        vm.forward();
        assertThat(shown(vm)).isEqualTo(after);
        assertThat(vm.kernelProperty().get().eventPolls().get(0).readyList()).hasSize(1);
        // a statement that does not parse changes nothing and says where
        assertThat(vm.insert("write(b,")).contains("(clicked):1");
        assertThat(vm.stepsProperty().get()).isEqualTo(5);
    }

    @Test
    void anEventfdOffersAWriteToItselfAndAListenerNothing() throws Exception {
        StepViewModel vm = new StepViewModel();
        vm.load(ScenarioParser.parse("e.scn", "e = eventfd(0)\n"));
        vm.forward();
        var efd = vm.kernelProperty().get().processes().get(0).fds().get(0);
        assertThat(vm.actionsFor(efd, 0)).extracting(StepViewModel.Action::statement).containsExactly("write(e, 8)");
    }

    @Test
    void runToTheNextReturnStopsWhereASleepingCallReturns() throws Exception {
        StepViewModel vm = new StepViewModel();
        vm.load(ScenarioParser.parse(Path.of("../kernel-model/src/test/resources/scenarios/thread-epoll-wait-woken-by-write.scn")));
        assertThat(vm.runToNextReturn()).isTrue();
        assertThat(vm.statementProperty().get()).contains("write(b, \"x\")");
        assertThat(vm.events()).anyMatch(e -> e.contains("epoll_wait"));
    }

    @Test
    void userSpaceListsProcessesThreadsAndFds() throws Exception {
        StepViewModel vm = new StepViewModel();
        vm.load(ScenarioParser.parse(Path.of("../kernel-model/src/test/resources/scenarios/thread-epoll-wait-woken-by-write.scn")));
        for (int i = 0; i < 5; i++) vm.forward();
        assertThat(vm.fdTables()).anyMatch(l -> l.matches("  T\\d+ t: asleep in epoll_wait on eventpoll#\\d+ wq"))
            .anyMatch(l -> l.matches("  fd 0 → unix#\\d+"));
        assertThat(vm.lastCallCostProperty().get()).startsWith("last call, ");
    }
}
