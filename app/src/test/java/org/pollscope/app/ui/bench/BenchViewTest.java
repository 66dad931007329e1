package org.pollscope.app.ui.bench;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pollscope.app.ui.LogChart;
import org.pollscope.app.ui.MainView;
import org.pollscope.app.ui.MainWindow;
import org.pollscope.app.ui.MainViewModel;
import org.pollscope.app.ui.Messages;
import org.pollscope.probe.LinuxSyscalls;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@ExtendWith(ApplicationExtension.class)
class BenchViewTest {
    MainView view;

    @Start
    void start(Stage stage) {
        view = MainWindow.show(stage, new MainViewModel(), 1200, 760);
    }

    @Test
    void badSettingsShowAMessageAndRunNothing(FxRobot robot) {
        robot.interact(view::showBench);
        robot.interact(() -> robot.lookup("#bench-fds").queryAs(TextField.class).setText("x"));
        robot.clickOn("#bench-run");
        assertThat(robot.lookup("#bench-status").queryAs(Label.class).getText()).startsWith("N: expected numbers");
    }

    @Test
    void runningFillsBothChartsOnLogAxes(FxRobot robot) throws Exception {
        assumeTrue(LinuxSyscalls.UNAVAILABLE == null, "needs the real Linux kernel: " + LinuxSyscalls.UNAVAILABLE);
        robot.interact(view::showBench);
        robot.interact(() -> {
            view.bench().fdsProperty().set("10,100");
            view.bench().writesProperty().set(20);
            view.bench().runsProperty().set(2);
        });
        robot.clickOn("#bench-run");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> view.bench().results().size() == 8);
        WaitForAsyncUtils.waitForFxEvents();
        @SuppressWarnings("unchecked")
        LineChart<Number, Number> real = robot.lookup("#bench-real-chart").queryAs(LineChart.class);
        @SuppressWarnings("unchecked")
        LineChart<Number, Number> model = robot.lookup("#bench-model-chart").queryAs(LineChart.class);
        assertThat(real.getData()).extracting(s -> s.getName()).containsExactly("select", "poll", "epoll-lt", "epoll-et");
        assertThat(model.getData().get(1).getData()).hasSize(2);
        // x is log10(N)
        assertThat(real.getData().get(1).getData().get(1).getXValue().doubleValue()).isEqualTo(2.0);
        assertThat(robot.lookup("#bench-status").queryAs(Label.class).getText()).isEqualTo("8 rows");
    }

    @Test
    void selectLeftOutPastFdSetSizeIsSaidInBothCharts(FxRobot robot) throws Exception {
        assumeTrue(LinuxSyscalls.UNAVAILABLE == null, "needs the real Linux kernel: " + LinuxSyscalls.UNAVAILABLE);
        robot.interact(view::showBench);
        robot.interact(() -> {
            view.bench().fdsProperty().set("10,1000");
            view.bench().writesProperty().set(20);
            view.bench().runsProperty().set(2);
        });
        robot.clickOn("#bench-run");
        // the label is looked up once, here: a lookup from this thread while the chart adds its nodes can fail
        Label status = robot.lookup("#bench-status").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> "7 rows".equals(status.getText()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.bench().leftOut()).extracting(l -> l.method() + "@" + l.n()).containsExactly("select@1000");
        for (String id : new String[] {"#bench-real-chart", "#bench-model-chart"}) {
            LogChart chart = robot.lookup(id).queryAs(LogChart.class);
            assertThat(chart.noteLabel().isVisible()).as(id).isTrue();
            assertThat(chart.noteLabel().getText()).startsWith("select is left out at N = 1000: it would watch fd ")
                .endsWith(" and up, past the 1024 bits of an fd_set (FD_SETSIZE: fds 0 to 1023 only).");
            assertThat(chart.getData().get(0).getName()).isEqualTo("select");
            assertThat(chart.getData().get(0).getData()).hasSize(1);
            assertThat(chart.isHorizontalZeroLineVisible()).isFalse();
        }
    }
}
