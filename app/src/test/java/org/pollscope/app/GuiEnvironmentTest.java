package org.pollscope.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GuiEnvironmentTest {
    private static final Set<String> ALL_LIBRARIES = Set.of("libgtk-3.so.0", "libXtst.so.6");

    private static String problem(Map<String, String> env, Set<String> installed) {
        return GuiEnvironment.problem("Linux", null, env::get, installed::contains);
    }

    @Test
    void aDisplayAndGtkOpenTheWindow() {
        assertThat(problem(Map.of("DISPLAY", ":0"), ALL_LIBRARIES)).isNull();
        assertThat(problem(Map.of("WAYLAND_DISPLAY", "wayland-0"), ALL_LIBRARIES)).isNull();
    }

    @Test
    void noDisplaySaysSoAndNamesTheHeadlessCommandsInTwoLines() {
        String p = problem(Map.of(), ALL_LIBRARIES);
        assertThat(p).isNotNull();
        assertThat(p.lines()).hasSize(2);
        assertThat(p).contains("DISPLAY and WAYLAND_DISPLAY are unset").contains("xvfb-run")
            .contains("pollscope snapshot").contains("lesson play").doesNotContain("GTK");
        // set but empty is no display either
        assertThat(problem(Map.of("DISPLAY", " "), ALL_LIBRARIES)).isEqualTo(p);
    }

    @Test
    void noGtkNamesTheLibraryAndTheDebianPackages() {
        String p = problem(Map.of("DISPLAY", ":0"), Set.of("libXtst.so.6"));
        assertThat(p).isNotNull();
        assertThat(p.lines()).hasSize(2);
        assertThat(p).contains("libgtk-3.so.0 cannot be loaded").contains("apt-get install libgtk-3-0 libxtst6 libgl1")
            .contains("pollscope snapshot");
    }

    @Test
    void noLibXtstNamesIt() {
        assertThat(problem(Map.of("DISPLAY", ":0"), Set.of("libgtk-3.so.0"))).contains("libXtst.so.6 cannot be loaded");
    }

    @Test
    void neitherDisplayNorGtkSaysBothInTwoLines() {
        String p = problem(Map.of(), Set.of());
        assertThat(p.lines()).hasSize(2);
        assertThat(p).contains("DISPLAY and WAYLAND_DISPLAY are unset").contains("GTK 3 is missing too (libgtk-3.so.0)");
    }

    @Test
    void otherSystemsAndMonocleAreNotChecked() {
        assertThat(GuiEnvironment.problem("Mac OS X", null, n -> null, l -> false)).isNull();
        assertThat(GuiEnvironment.problem("Windows 11", null, n -> null, l -> false)).isNull();
        assertThat(GuiEnvironment.problem("Linux", "Monocle", n -> null, l -> false)).isNull();
    }

    @Test
    void theDynamicLinkerIsAsked() {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "dlopen by soname is Linux's");
        assertThat(GuiEnvironment.canLoad("libc.so.6")).isTrue();
        assertThat(GuiEnvironment.canLoad("libpollscope-no-such-library.so.0")).isFalse();
    }

    /** pollscope with DISPLAY and WAYLAND_DISPLAY removed from its environment, in a process of its own. */
    @Test
    void theCommandWithoutADisplayExits2WithTheMessageAndNoTrace() throws Exception {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "only Linux's window needs DISPLAY");
        for (List<String> args : List.of(List.<String>of(), List.of("--lang", "zh"))) {
            Run r = pollscope(args);
            assertThat(r.status()).as("exit status of pollscope %s", args).isEqualTo(2);
            assertThat(r.err().lines()).hasSize(2);
            assertThat(r.err()).startsWith("pollscope: the window needs a display").contains("pollscope snapshot")
                .doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void aBadLanguageIsExit2() {
        MainCommandTest.Result r = MainCommandTest.run("--lang", "fr");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--lang: expected en or zh, found 'fr'");
        MainCommandTest.Result o = MainCommandTest.run("open", "--program", "epoll-lt", "--lang", "fr");
        assertThat(o.status()).isEqualTo(2);
        assertThat(o.err()).contains("--lang: expected en or zh, found 'fr'");
    }

    record Run(int status, String err) {}

    private static Run pollscope(List<String> args) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new java.util.ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
            Main.class.getName()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        Process p = pb.start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("pollscope " + args + " did not exit without a display");
        }
        return new Run(p.exitValue(), err);
    }
}
