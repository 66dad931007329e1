package org.pollscope.probe;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The C twin of {@link Bench}'s loops (bench.c, shipped in this jar: epoll level- and
 * edge-triggered, poll and select), compiled with gcc
 * and run on the same machine in the same session, so that the Java numbers can be checked
 * against what the kernel gives a C program: the binding must not be what is measured.
 */
public final class CBench {
    private final Path binary;

    private CBench(Path binary) {
        this.binary = binary;
    }

    /** Compiles bench.c with gcc; throws with the reason when it cannot. */
    public static CBench compile() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("pollscope-cbench");
        Path src = dir.resolve("bench.c");
        try (InputStream in = CBench.class.getResourceAsStream("bench.c")) {
            if (in == null) throw new IOException("bench.c is missing from the jar");
            Files.copy(in, src);
        }
        Path bin = dir.resolve("bench");
        Process p = new ProcessBuilder("gcc", "-O2", "-pthread", "-o", bin.toString(), src.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("gcc could not build bench.c: " + out.strip());
        }
        return new CBench(bin);
    }

    /** Runs the C epoll loop: {median, p95, setup median} in microseconds. */
    public double[] run(int n, int active, int writes, int runs, boolean edgeTriggered) throws IOException, InterruptedException {
        return run(n, active, writes, runs, edgeTriggered ? Bench.Method.EPOLL_ET : Bench.Method.EPOLL_LT);
    }

    /** Runs the C loop of one method: {median, p95, setup median} in microseconds. */
    public double[] run(int n, int active, int writes, int runs, Bench.Method method) throws IOException, InterruptedException {
        String how = switch (method) {
            case EPOLL_LT -> "lt";
            case EPOLL_ET -> "et";
            case POLL -> "poll";
            case SELECT -> "select";
        };
        List<String> cmd = List.of(binary.toString(), String.valueOf(n), String.valueOf(active),
            String.valueOf(writes), String.valueOf(runs), how);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(600, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException("bench (C) failed: " + out);
        String[] f = out.split("\\s+");
        return new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])};
    }
}
