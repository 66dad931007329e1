package org.pollscope.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pollscope open FILE.scn [--step K]}: the GUI with a scenario loaded, stepped to K. */
@Command(name = "open", mixinStandardHelpOptions = true, description = "Open the GUI with a scenario loaded (and stepped to K).")
public final class OpenCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "A scenario file (.scn).")
    Path file;

    @Option(names = "--step", defaultValue = "0", paramLabel = "K", description = "Step to run to (default 0).")
    int step;

    @Option(names = "--bench", description = "Show the Bench tab.")
    boolean bench;

    @Override
    public Integer call() {
        PollScopeApp.launchGui(file, step, bench);
        return 0;
    }
}
