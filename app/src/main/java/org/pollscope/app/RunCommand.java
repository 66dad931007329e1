package org.pollscope.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.pollscope.kernel.scenario.ModelTarget;
import org.pollscope.kernel.scenario.ScenarioRunner;
import org.pollscope.probe.LinuxTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pollscope run FILE... --on model|linux|both}: runs scenarios and reports each statement. */
@Command(name = "run", description = "Run scenario files on the model, on the real kernel, or on both and compare.",
    mixinStandardHelpOptions = true)
public final class RunCommand implements Callable<Integer> {

    /** The sides a scenario can run on. */
    enum Side { model, linux, both }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*",
        description = "Scenario files (.scn), or folders: every .scn below them, sorted by path.")
    List<Path> files;

    @Option(names = "--on", paramLabel = "model|linux|both", defaultValue = "model",
        description = "Where to run: model (default), linux, or both (a result that differs is a failure).")
    Side on;

    @Option(names = {"-q", "--quiet"}, description = "Print only failures and the totals.")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        List<Path> expanded = new ArrayList<>();
        for (Path p : files) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(f -> f.toString().endsWith(".scn")).sorted().forEach(expanded::add);
                }
            } else {
                expanded.add(p);
            }
        }
        if (expanded.isEmpty()) {
            spec.commandLine().getErr().println("pollscope run: no .scn files in " + files);
            return 2;
        }
        Map<String, ScenarioRunner.TargetFactory> factories = new LinkedHashMap<>();
        factories.put("model", ModelTarget::new);
        factories.put("linux", LinuxTarget::new);
        List<String> sides = on == Side.both ? List.of("model", "linux") : List.of(on.name());
        var out = new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
            java.nio.charset.StandardCharsets.UTF_8);
        var err = new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true,
            java.nio.charset.StandardCharsets.UTF_8);
        if (spec.commandLine().getOut() != null) {
            out = new java.io.PrintStream(new WriterOutputStream(spec.commandLine().getOut()), true, java.nio.charset.StandardCharsets.UTF_8);
            err = new java.io.PrintStream(new WriterOutputStream(spec.commandLine().getErr()), true, java.nio.charset.StandardCharsets.UTF_8);
        }
        return new ScenarioRunner(factories, out, err).quiet(quiet).run(expanded, sides);
    }
}
