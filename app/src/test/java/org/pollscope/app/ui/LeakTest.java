package org.pollscope.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pollscope.app.ui.kernel.StepWork;
import org.pollscope.app.ui.live.LiveViewModel;
import org.pollscope.kernel.program.Programs;
import org.pollscope.kernel.program.Workload;
import org.pollscope.lessons.Course;
import org.pollscope.lessons.Lesson;
import org.pollscope.probe.LinuxSyscalls;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * No leaks: the window opened and closed again and again, every tab shown, a scenario and a
 * program stepped off the JavaFX thread, the live server started with a client and stopped, and
 * every lesson played to its end, in both languages: the process's open fds
 * ({@code /proc/self/fd}) and its PollScope threads return to where they were after the first
 * round (which opens what the JVM and JavaFX open once: fonts, jars, the toolkit's threads).
 */
@ExtendWith(ApplicationExtension.class)
class LeakTest {
    static final Path CORPUS = Path.of("..", "kernel-model", "src", "test", "resources", "scenarios");
    Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.show();
    }

    /** The names of PollScope's own live threads (the step commands, the live server, its UI threads). */
    private static Set<String> ourThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
            .filter(n -> n.startsWith("pollscope")).collect(Collectors.toCollection(TreeSet::new));
    }

    private void round(FxRobot robot, Locale locale) throws Exception {
        MainViewModel model = new MainViewModel(Messages.of(locale));
        MainView[] v = new MainView[1];
        robot.interact(() -> {
            v[0] = new MainView(model, Messages.of(locale));
            stage.setScene(new Scene(v[0].root(), 1024, 768));
        });
        MainView view = v[0];
        for (String tab : List.of("tab-course", "tab-scenario", "tab-bench", "tab-compare", "tab-live")) {
            robot.interact(() -> view.root().lookup("#" + tab));
        }
        robot.interact(view::showScenario);
        robot.interact(() -> model.open(CORPUS.resolve("et-partial-read-no-new-edge.scn")));
        robot.interact(() -> view.step().inBackground(StepWork.TO_END));
        MainWindow.idle(view, 30);
        robot.interact(() -> model.openProgram(Programs.byName("epoll-lt"), Workload.of(50, 5, 1.0, 1)));
        robot.interact(() -> view.step().goToInBackground(300, null));
        MainWindow.idle(view, 60);
        robot.interact(view::showBench);
        robot.interact(view::showCompare);
        if (LinuxSyscalls.UNAVAILABLE == null) {
            LiveViewModel live = MainWindow.startLive(robot, view);
            try (Socket c = new Socket("127.0.0.1", live.server().port())) {
                c.getOutputStream().write("x\n".getBytes());
                c.getInputStream().readNBytes(2);
            }
            robot.interact(live::stop);
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !live.runningProperty().get() && !live.workingProperty().get());
        }
        Course course = Course.builtIn();
        String lang = locale.getLanguage().equals("zh") ? "zh" : "en";
        for (String id : course.ids()) {
            Lesson l = course.lesson(id, lang);
            if (l == null) continue;
            robot.interact(() -> {
                view.openLesson(l);
                var p = view.lesson();
                p.jump(0);
                while (true) {
                    if (!p.answeredProperty().get()) p.reveal();
                    if (!p.next()) break;
                }
            });
        }
        robot.interact(() -> {
            view.close();
            stage.setScene(new Scene(new javafx.scene.layout.Pane(), 100, 100));
        });
        MainWindow.idle(view, 30);
    }

    @Test
    void everyViewAndEveryLessonOpenedAndClosedLeaveNoFdAndNoThreadBehind(FxRobot robot) throws Exception {
        round(robot, Locale.ENGLISH);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> ourThreads().isEmpty());
        long fds = org.pollscope.probe.Bench.openFds();
        for (Locale l : List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH)) round(robot, l);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> ourThreads().isEmpty());
        assertThat(ourThreads()).isEmpty();
        assertThat(org.pollscope.probe.Bench.openFds()).as("open fds after two more rounds").isEqualTo(fds);
    }
}
