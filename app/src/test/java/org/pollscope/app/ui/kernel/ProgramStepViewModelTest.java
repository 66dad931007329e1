package org.pollscope.app.ui.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pollscope.app.ui.Messages;
import org.pollscope.app.ui.scenario.ProgramChoice;
import org.pollscope.kernel.program.Program;
import org.pollscope.kernel.program.Programs;
import org.pollscope.kernel.program.Workload;
import org.pollscope.kernel.scenario.ScenarioParser;
import static org.assertj.core.api.Assertions.assertThat;

/** A built-in program stepped in the Scenario tab's view model: its listing, its current line, forward and back. */
class ProgramStepViewModelTest {
    private static final Workload SMALL = Workload.of(3, 3, 0.003, 5);

    /** What the views show of a step; the count of steps aside: a program's steps are found as it runs. */
    private static String shown(StepViewModel vm) {
        return StepViewModelTest.shown(vm) + "|" + vm.currentLineProperty().get() + "|" + vm.listing();
    }

    static Stream<String> programs() {
        return Programs.names().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("programs")
    void forwardKThenBackKShowsExactlyWhatWasShown(String name) {
        StepViewModel vm = new StepViewModel();
        vm.loadProgram(Programs.byName(name), SMALL);
        List<String> seen = new ArrayList<>();
        seen.add(shown(vm));
        while (vm.forward()) seen.add(shown(vm));
        assertThat(seen).hasSize(vm.stepsProperty().get() + 1);
        int steps = vm.stepsProperty().get();
        for (int k = seen.size() - 1; k > 0; k--) {
            assertThat(shown(vm)).as("step %d of %s", k, name).isEqualTo(seen.get(k));
            // once the end is found the count stays: going back does not forget it
            assertThat(vm.stepsProperty().get()).isEqualTo(steps);
            vm.back();
        }
        assertThat(shown(vm)).isEqualTo(seen.get(0));
    }

    @Test
    void theListingIsTheProgramsAndTheCurrentLineIsTheThreadsLine() {
        Program epoll = Programs.byName("epoll-lt");
        StepViewModel vm = new StepViewModel();
        vm.loadProgram(epoll, SMALL);
        assertThat(vm.listing()).hasSize(epoll.listing().size());
        assertThat(vm.listing().get(0)).isEqualTo("1  " + epoll.listing().get(0));
        assertThat(vm.program()).isSameAs(epoll);
        assertThat(vm.scenarioProperty().get()).isNull();
        assertThat(vm.statementProperty().get()).contains("epoll-lt");
        vm.forward();
        // the server returned from its first epoll_wait: the statement names its thread, line and what it does
        int line = vm.currentLineProperty().get() + 1;
        assertThat(line).isBetween(1, epoll.listing().size());
        assertThat(vm.statementProperty().get()).startsWith("T").contains("line " + line + ":");
        assertThat(vm.syscalls()).anyMatch(c -> c.contains("epoll_wait"));
        assertThat(vm.explanationProperty().get()).isNotBlank();
        // the fd tables show both processes: the server's and the clients'
        assertThat(vm.fdTables()).filteredOn(l -> l.startsWith("pid ")).hasSize(2);
    }

    @Test
    void runToNextWakeupStopsWhereTheServerIsWoken() {
        StepViewModel vm = new StepViewModel();
        vm.loadProgram(Programs.byName("select"), SMALL);
        assertThat(vm.runToNextWakeup()).isTrue();
        assertThat(vm.events()).anyMatch(e -> e.contains(" woken: "));
    }

    @Test
    void aScenarioAfterAProgramIsSteppedAsAScenario() throws Exception {
        StepViewModel vm = new StepViewModel();
        vm.loadProgram(Programs.byName("poll"), SMALL);
        vm.forward();
        vm.load(ScenarioParser.parse("t.scn", "e = eventfd(0)\nwrite(e, 8)\n"));
        assertThat(vm.program()).isNull();
        assertThat(vm.listing()).containsExactly("1  e = eventfd(0)", "2  write(e, 8)");
        assertThat(vm.positionProperty().get()).isZero();
        assertThat(vm.currentLineProperty().get()).isEqualTo(-1);
        vm.forward();
        assertThat(vm.currentLineProperty().get()).isZero();
    }

    @Test
    void filesOfAProgramOfferNoActions() {
        StepViewModel vm = new StepViewModel();
        vm.loadProgram(Programs.byName("epoll-lt"), SMALL);
        for (int i = 0; i < 6; i++) vm.forward();
        var table = vm.kernelProperty().get().processes().get(0).fds();
        assertThat(vm.actionsFor(table.get(0), 0)).isEmpty();
        assertThat(vm.insert("close(x)")).isNotNull();
    }

    @Test
    void theChoiceNamesTheFieldThatIsWrong() {
        ResourceBundle en = Messages.english();
        ProgramChoice c = new ProgramChoice(en);
        assertThat(c.validate()).isNull();
        assertThat(c.workload().clients()).isEqualTo(4);
        assertThat(c.workload().active()).isEqualTo(2);
        c.clientsProperty().set("0");
        assertThat(c.validate()).startsWith("clients:").contains("\"0\"");
        c.clientsProperty().set("3");
        c.activeProperty().set("4");
        assertThat(c.validate()).startsWith("active clients:").contains("(3)");
        c.activeProperty().set("3");
        c.seedProperty().set("x");
        assertThat(c.validate()).startsWith("seed:");
        c.seedProperty().set("9");
        c.programProperty().set("nope");
        assertThat(c.validate()).startsWith("program:");
        c.programProperty().set("select");
        assertThat(c.validate()).isNull();
        assertThat(c.chosenProgram().name()).isEqualTo("select");
        assertThat(c.workload().seed()).isEqualTo(9);
        assertThat(c.description("select")).isEqualTo(Programs.byName("select").description());
        ProgramChoice zh = new ProgramChoice(Messages.of(Locale.SIMPLIFIED_CHINESE));
        zh.clientsProperty().set("abc");
        assertThat(zh.validate()).startsWith("客户端数").contains("abc");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("programs")
    void everyProgramIsDescribedInBothLanguages(String name) {
        ResourceBundle en = Messages.english();
        ResourceBundle zh = Messages.of(Locale.SIMPLIFIED_CHINESE);
        // the English bundle says what the program says of itself: this keeps the two in step
        assertThat(new ProgramChoice(en).description(name)).isEqualTo(Programs.byName(name).description());
        assertThat(new ProgramChoice(zh).description(name)).isNotEqualTo(Programs.byName(name).description())
            .matches(d -> d.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN), "has Chinese");
    }
}
