package org.pollscope.probe.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link StraceTracer}'s refusals that this machine cannot make for real (its kernel has no Yama):
 * a stand-in strace that answers as strace does when ptrace is refused, over a /proc-like tree.
 */
class StraceTracerTest {
    @TempDir
    Path dir;

    StraceTracer tracer(int scope) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh for a stand-in strace");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path strace = Files.writeString(bin.resolve("strace"), """
            #!/bin/sh
            case "$1" in -V) echo "strace -- version 6.1"; exit 0;; esac
            echo "strace: attach: ptrace(PTRACE_SEIZE, 42): Operation not permitted" >&2
            exit 1
            """);
        Files.setPosixFilePermissions(strace, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path proc = dir.resolve("proc");
        Files.createDirectories(proc.resolve("42/fd"));
        Files.createDirectories(proc.resolve("42/task/42"));
        Files.writeString(proc.resolve("42/comm"), "server\n");
        Files.writeString(proc.resolve("42/status"), "Name:\tserver\nTracerPid:\t0\n");
        Files.createDirectories(proc.resolve("sys/kernel/yama"));
        Files.writeString(proc.resolve("sys/kernel/yama/ptrace_scope"), scope + "\n");
        return new StraceTracer(Map.of("PATH", bin.toString()), proc);
    }

    @Test
    void ptraceRefusedByYamaSaysWhichSettingAndHowToChangeIt() throws Exception {
        assertThatThrownBy(() -> tracer(1).trace(42, 1))
            .isInstanceOf(ProcException.class)
            .hasMessage("ptrace of process 42 refused (Operation not permitted): kernel.yama.ptrace_scope is 1"
                + " (only a parent may trace its child); fix: sudo sysctl kernel.yama.ptrace_scope=0, or run pollscope as root");
        assertThatThrownBy(() -> tracer(3).trace(42, 1))
            .hasMessageContaining("kernel.yama.ptrace_scope is 3 (no one may trace)");
    }

    @Test
    void ptraceRefusedWithoutYamaQuotesStrace() throws Exception {
        assertThatThrownBy(() -> tracer(0).trace(42, 1))
            .hasMessage("ptrace of process 42 refused (Operation not permitted): strace: attach: ptrace(PTRACE_SEIZE, 42):"
                + " Operation not permitted; run as the process's user, and if Yama is on, sudo sysctl kernel.yama.ptrace_scope=0");
    }

    @Test
    void aMissingProcessIsSaidBeforeStraceIsLookedFor() throws Exception {
        StraceTracer t = new StraceTracer(Map.of("PATH", ""), dir);
        assertThatThrownBy(() -> t.trace(7, 1)).hasMessage("no process 7 (no " + dir.resolve("7") + ")");
    }
}
