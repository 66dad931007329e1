package org.pollscope.kernel.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelRunSmokeTest {

    static String run(String resource, int[] status) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ScenarioRunner r = new ScenarioRunner(Map.of("model", ModelTarget::new),
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        Path p = Path.of(ModelRunSmokeTest.class.getResource(resource).toURI());
        status[0] = r.run(List.of(p), List.of("model"));
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void specExamplePassesOnTheModel() throws Exception {
        int[] st = new int[1];
        String report = run("/spec/example.scn", st);
        System.out.println(report);
        assertThat(report).endsWith("9 passed, 0 failed\n");
        assertThat(st[0]).isZero();
    }

    @Test
    void threadBlockedInEpollWaitIsWokenByWrite() throws Exception {
        int[] st = new int[1];
        String report = run("/spec/threads.scn", st);
        System.out.println(report);
        assertThat(report).endsWith("3 passed, 0 failed\n");
    }
}
