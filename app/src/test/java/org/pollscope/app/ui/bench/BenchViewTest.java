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
import org.pollscope.app.ui.MainView;
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
        view = new MainView(new MainViewModel(), Messages.of(Locale.ENGLISH));
        stage.setScene(new Scene(view.root(), 1200, 760));
        stage.show();
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
}
