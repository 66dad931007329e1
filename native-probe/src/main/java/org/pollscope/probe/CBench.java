package org.pollscope.probe;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The C twin of {@link Bench}'s epoll loop (bench.c, shipped in this jar), compiled with gcc
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
        Process p = new ProcessBuilder("gcc", "-O2", "-o", bin.toString(), src.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("gcc could not build bench.c: " + out.strip());
        }
        return new CBench(bin);
    }

    /** Runs the C loop: {median, p95, setup median} in microseconds. */
    public double[] run(int n, int active, int writes, int runs, boolean edgeTriggered) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of(binary.toString(), String.valueOf(n), String.valueOf(active),
            String.valueOf(writes), String.valueOf(runs)));
        if (edgeTriggered) cmd.add("et");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(600, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException("bench (C) failed: " + out);
        String[] f = out.split("\\s+");
        return new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])};
    }
}
