package org.pollscope.app;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Where a command writes, checked before it does any work: a file whose folder exists and
 * that can be created or written there, or a folder. A folder is never made silently, and a
 * parent never: a wrong path is one line, "--out: cannot write PATH (why)", exit 2.
 */
final class Outputs {
    private Outputs() {}

    /** Checks that {@code file} can be written (made and removed again when it did not exist); throws the one-line problem. */
    static void checkFile(CommandSpec spec, String option, Path file) {
        String why = fileProblem(file);
        if (why != null) throw new ParameterException(spec.commandLine(), option + ": cannot write " + file + " (" + why + ")");
    }

    /**
     * Checks a folder to write files in: it exists, or its parent does (then it is made now,
     * and only it). Throws the one-line problem.
     */
    static void checkDirectory(CommandSpec spec, String option, Path dir) {
        String why = directoryProblem(dir);
        if (why != null) throw new ParameterException(spec.commandLine(), option + ": cannot write " + dir + " (" + why + ")");
    }

    static String fileProblem(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) return "it is a directory";
        Path parent = abs.getParent();
        if (parent == null) return "no file name";
        if (!Files.exists(parent)) return "no such directory " + parent;
        if (!Files.isDirectory(parent)) return parent + " is not a directory";
        boolean existed = Files.exists(abs);
        try {
            // the write itself is the only sure test (root passes isWritable; /proc refuses new files)
            Files.newOutputStream(abs, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND).close();
            if (!existed) Files.deleteIfExists(abs);
            return null;
        } catch (IOException e) {
            return reason(e, parent);
        }
    }

    static String directoryProblem(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        if (Files.exists(abs) && !Files.isDirectory(abs)) return "it is a file, not a directory";
        if (!Files.isDirectory(abs)) {
            Path parent = abs.getParent();
            if (parent == null || !Files.isDirectory(parent)) return "no such directory " + (parent == null ? abs : parent)
                + "; only the last folder of the path is made";
            try {
                Files.createDirectory(abs);
            } catch (IOException e) {
                return reason(e, parent);
            }
        }
        try {
            Path probe = Files.createTempFile(abs, ".pollscope-", ".tmp");
            Files.delete(probe);
            return null;
        } catch (IOException e) {
            return reason(e, abs);
        }
    }

    private static String reason(IOException e, Path where) {
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof java.nio.file.NoSuchFileException) return "files cannot be made in " + where;
        if (e instanceof FileSystemException f && f.getReason() != null) {
            String r = f.getReason();
            if (r.equals("No such file or directory")) return "files cannot be made in " + where;
            return r.toLowerCase(java.util.Locale.ROOT);
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }
}
