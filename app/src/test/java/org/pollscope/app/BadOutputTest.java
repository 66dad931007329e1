package org.pollscope.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command that writes checks where, before any work: one line, exit 2, nothing made.
 * Each case would run for seconds (a bench, a fuzz run, JavaFX) if the check came after the work.
 */
class BadOutputTest {
    @TempDir
    static Path tmp;

    static final String SCN = "../kernel-model/src/test/resources/spec/example.scn";

    static Stream<Arguments> badOutputs() {
        List<Arguments> cases = new ArrayList<>();
        for (String[] cmd : List.of(
                new String[] {"snapshot", SCN, "--out"},
                new String[] {"bench", "--fds", "10", "--runs", "1", "--out"},
                new String[] {"bench", "--fds", "10", "--runs", "1", "--chart"})) {
            String name = String.join(" ", cmd).replace(SCN, "x.scn");
            cases.add(Arguments.of(name + " missing folder", cmd, "/nonexistent-dir/x.png", "(no such directory /nonexistent-dir)"));
            cases.add(Arguments.of(name + " a folder", cmd, "DIR", "(it is a directory)"));
            cases.add(Arguments.of(name + " /proc", cmd, "/proc/x.png", "(files cannot be made in /proc)"));
            cases.add(Arguments.of(name + " under a file", cmd, "FILE/x.png", "is not a directory)"));
        }
        String[] fuzz = {"fuzz", "--count", "1", "--out"};
        cases.add(Arguments.of("fuzz missing parent", fuzz, "/nonexistent-dir/sub", "(no such directory /nonexistent-dir; only the last folder of the path is made)"));
        cases.add(Arguments.of("fuzz a file", fuzz, "FILE", "(it is a file, not a directory)"));
        cases.add(Arguments.of("fuzz /proc", fuzz, "/proc/divergences", "cannot write /proc/divergences ("));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badOutputs")
    void aPlaceThatCannotBeWrittenIsOneLineAndExit2BeforeAnyWork(String what, String[] cmd, String where, String why) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(!cmd[0].equals("fuzz") || org.pollscope.probe.LinuxSyscalls.UNAVAILABLE == null,
            "fuzz checks its --out once the kernel is there to fuzz: " + org.pollscope.probe.LinuxSyscalls.UNAVAILABLE);
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        String path = where.replace("DIR", tmp.toString()).replace("FILE", file.toString());
        List<String> args = new ArrayList<>(List.of(cmd));
        args.add(path);
        MainCommandTest.Result r = MainCommandTest.run(args.toArray(String[]::new));
        assertThat(r.status()).as(r.err()).isEqualTo(2);
        String option = cmd[cmd.length - 1];
        assertThat(r.err().lines().findFirst().orElse(""))
            .startsWith("pollscope " + cmd[0] + ": " + option + ": cannot write " + path + " ").contains(why);
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("fd limit").doesNotContain("chart written");
        assertThat(r.out()).isEmpty();
        assertThat(Path.of("/nonexistent-dir")).doesNotExist();
    }

    @org.junit.jupiter.api.Test
    void fuzzMakesOnlyTheLastFolderOfItsOut() throws Exception {
        Path dir = tmp.resolve("made-" + System.nanoTime());
        assertThat(Outputs.directoryProblem(dir)).isNull();
        assertThat(dir).isDirectory().isEmptyDirectory();
        assertThat(Outputs.directoryProblem(tmp.resolve("no/such/parents"))).startsWith("no such directory");
        assertThat(tmp.resolve("no")).doesNotExist();
    }

    @org.junit.jupiter.api.Test
    void aWritableFileIsLeftAsItWasAndANewOneIsNotLeftBehind() throws Exception {
        Path old = Files.writeString(tmp.resolve("old.csv"), "keep");
        assertThat(Outputs.fileProblem(old)).isNull();
        assertThat(old).hasContent("keep");
        Path fresh = tmp.resolve("fresh.csv");
        assertThat(Outputs.fileProblem(fresh)).isNull();
        assertThat(fresh).doesNotExist();
    }
}
