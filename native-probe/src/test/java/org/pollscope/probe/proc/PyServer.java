package org.pollscope.probe.proc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * src/test/resources/proc/epoll_server.py, running (optionally under a command such as strace):
 * its pid, its epoll fd and what it registered there, as it printed them.
 */
final class PyServer implements AutoCloseable {
    /** One registration the server made: the mask it passed, the data, the kind, addresses ("" when none). */
    record Made(int fd, int events, long data, String kind, String local, String remote) {}

    static final Path SCRIPT = Path.of("src/test/resources/proc/epoll_server.py");

    final Process process;
    final int pid;
    final int epfd;
    final Map<Integer, Made> made = new LinkedHashMap<>();
    private final BufferedReader out;
    private final Writer in;

    /** The python3 interpreter itself (not pyenv's shim, which would start shells of its own), or null. */
    static String python() {
        for (String p : List.of("/root/.pyenv/shims/python3", "/usr/bin/python3", "/usr/local/bin/python3")) {
            if (!Files.isExecutable(Path.of(p))) continue;
            try {
                Process q = new ProcessBuilder(p, "-c", "import sys, os; print(sys.executable if hasattr(os, 'eventfd') else '')")
                    .redirectErrorStream(true).start();
                String exe = new String(q.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                if (q.waitFor(20, TimeUnit.SECONDS) && q.exitValue() == 0 && !exe.isEmpty()) return exe;
            } catch (IOException e) {
                // next
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    PyServer(Path dir, List<String> prefix) throws IOException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of(python(), SCRIPT.toAbsolutePath().toString(), dir.toString()));
        process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        in = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        int p = -1;
        int e = -1;
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith("ready ")) {
                String[] w = line.split(" ");
                p = Integer.parseInt(w[1]);
                e = Integer.parseInt(w[2]);
                break;
            }
            String[] w = line.split("\t", -1);
            made.put(Integer.parseInt(w[0]), new Made(Integer.parseInt(w[0]), (int) Long.parseLong(w[1]), Long.parseUnsignedLong(w[2]), w[3], w[4], w[5]));
        }
        if (p < 0) throw new IOException("the server ended before it was ready");
        pid = p;
        epfd = e;
    }

    /** Asks for one more registration (a pipe's read end); its fd. */
    int addPipe() throws IOException {
        in.write("pipe\n");
        in.flush();
        String line = out.readLine();
        if (line == null || !line.startsWith("added ")) throw new IOException("no answer to pipe: " + line);
        int fd = Integer.parseInt(line.substring(6));
        made.put(fd, new Made(fd, 1, 0x1000 + fd, "pipe", "", ""));
        return fd;
    }

    @Override
    public void close() throws Exception {
        try {
            in.close();
        } catch (IOException e) {
            // already gone
        }
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
