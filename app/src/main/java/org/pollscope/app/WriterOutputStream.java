package org.pollscope.app;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Bytes written to a PrintWriter (picocli's out and err), decoded as UTF-8 line by line. */
final class WriterOutputStream extends OutputStream {
    private final PrintWriter writer;
    private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

    WriterOutputStream(PrintWriter writer) {
        this.writer = writer;
    }

    @Override
    public void write(int b) {
        line.write(b);
        if (b == '\n') flush();
    }

    @Override
    public void flush() {
        writer.print(line.toString(StandardCharsets.UTF_8));
        writer.flush();
        line.reset();
    }

    @Override
    public void close() throws IOException {
        flush();
    }
}
