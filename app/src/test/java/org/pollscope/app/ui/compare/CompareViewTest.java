package org.pollscope.app.ui.compare;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pollscope.app.ui.LogAxis;
import org.pollscope.app.ui.LogChart;
import org.pollscope.app.ui.Messages;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ApplicationExtension.class)
class CompareViewTest {
    static final double WIDTH = 1280;
    static final double HEIGHT = 800;

    CompareView view;

    @Start
    void start(Stage stage) {
        view = new CompareView(new CompareViewModel(), Messages.of(Locale.ENGLISH));
        stage.setScene(new Scene(view.root(), WIDTH, HEIGHT));
        stage.show();
    }

    /** A label's text, looked up on the JavaFX thread: a lookup from the test's thread can meet a chart adding its nodes. */
    private static String text(FxRobot robot, String id) {
        try {
            return WaitForAsyncUtils.asyncFx(() -> robot.lookup(id).queryAs(Label.class).getText()).get();
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static ListView<String> listing(FxRobot robot, String program) {
        return robot.lookup("#compare-col-" + program + "-listing").queryAs(ListView.class);
    }

    private void setIdle(FxRobot robot, String idle) {
        robot.interact(() -> robot.lookup("#compare-step-idle").queryAs(TextField.class).setText(idle));
    }

    @Test
    void stepShowsEachServerOnItsWaitCallWithItsNumbers(FxRobot robot) {
        setIdle(robot, "400");
        robot.clickOn("#compare-step");
        for (String p : CompareViewModel.PROGRAMS) {
            assertThat(text(robot, "#compare-col-" + p + "-waits")).isEqualTo("wait calls: 1");
            assertThat(text(robot, "#compare-col-" + p + "-line")).startsWith("server thread on line ");
        }
        assertThat(listing(robot, "select").getSelectionModel().getSelectedItem()).contains("select(maxfd + 1");
        assertThat(listing(robot, "poll").getSelectionModel().getSelectedItem()).contains("poll(");
        assertThat(listing(robot, "epoll-lt").getSelectionModel().getSelectedItem()).contains("epoll_wait(");
        CompareStepModel.Column poll = view.stepModel().column("poll");
        assertThat(text(robot, "#compare-col-poll-last")).isEqualTo(String.format(Locale.ROOT,
            "poll returned %,d ready: %,d fds visited, %,d bytes copied, %,d work units", poll.lastReadyProperty().get(),
            poll.lastFdsVisitedProperty().get(), poll.lastBytesCopiedProperty().get(), poll.lastWorkProperty().get()));
        assertThat(poll.lastFdsVisitedProperty().get()).isGreaterThanOrEqualTo(411);
        assertThat(text(robot, "#compare-col-epoll-lt-last")).startsWith("epoll_wait returned ").contains("ready items scanned");
        assertThat(text(robot, "#compare-step-status")).startsWith("step 1: 410 clients, lined up at 9.200 ms");

        robot.clickOn("#compare-step10");
        for (String p : CompareViewModel.PROGRAMS) {
            assertThat(text(robot, "#compare-col-" + p + "-waits")).isEqualTo("wait calls: 11");
        }
        robot.clickOn("#compare-reset");
        assertThat(text(robot, "#compare-col-poll-waits")).isEqualTo("wait calls: 0");
        assertThat(text(robot, "#compare-col-poll-last")).isEqualTo("no wait call yet");
        assertThat(text(robot, "#compare-step-status")).startsWith("step 0:");
    }

    @Test
    void tooManyClientsForAnFdSetShowInTheSelectColumn(FxRobot robot) {
        setIdle(robot, "1100");
        robot.clickOn("#compare-step");
        Label refusal = robot.lookup("#compare-col-select-refusal").queryAs(Label.class);
        assertThat(refusal.isVisible()).isTrue();
        assertThat(refusal.getText()).isEqualTo("select cannot hold 1111 fds (FD_SETSIZE 1024)");
        assertThat(robot.lookup("#compare-col-select-numbers").query().isVisible()).isFalse();
        assertThat(robot.lookup("#compare-col-poll-refusal").query().isVisible()).isFalse();
        assertThat(text(robot, "#compare-col-poll-waits")).isEqualTo("wait calls: 1");
        assertThat(text(robot, "#compare-col-poll-last")).contains(" fds visited");
    }

    @Test
    void badSettingsShowTheMessageAndStepNothing(FxRobot robot) {
        setIdle(robot, "0");
        robot.clickOn("#compare-step");
        Label message = robot.lookup("#compare-step-message").queryAs(Label.class);
        assertThat(message.isVisible()).isTrue();
        assertThat(message.getText()).startsWith("idle clients: expected a whole number");
        assertThat(text(robot, "#compare-col-poll-waits")).isEqualTo("wait calls: 0");
        setIdle(robot, "20");
        robot.clickOn("#compare-step");
        assertThat(message.isVisible()).isFalse();
        assertThat(text(robot, "#compare-col-poll-waits")).isEqualTo("wait calls: 1");
    }

    @Test
    void altSStepsFromTheKeyboard(FxRobot robot) {
        setIdle(robot, "20");
        robot.press(KeyCode.ALT, KeyCode.S).release(KeyCode.S, KeyCode.ALT);
        assertThat(view.stepModel().stepsProperty().get()).isEqualTo(1);
        assertThat(text(robot, "#compare-col-epoll-lt-waits")).isEqualTo("wait calls: 1");
    }

    @Test
    void everythingFitsIn1280By800(FxRobot robot) {
        setIdle(robot, "400");
        robot.clickOn("#compare-step");
        Node previous = null;
        for (String p : CompareViewModel.PROGRAMS) {
            Node col = robot.lookup("#compare-col-" + p).query();
            inside(col);
            inside(robot.lookup("#compare-col-" + p + "-time").query());
            assertThat(listing(robot, p).getHeight()).as(p + " listing height").isGreaterThan(60);
            if (previous != null) {
                assertThat(bounds(col).getMinX()).as(p + " right of its neighbour").isGreaterThanOrEqualTo(bounds(previous).getMaxX());
            }
            previous = col;
        }
        for (String id : new String[] {"#compare-step", "#compare-step10", "#compare-reset", "#compare-step-status",
            "#compare-run", "#compare-work-chart", "#compare-latency-chart"}) {
            inside(robot.lookup(id).query());
        }
        assertThat(bounds(robot.lookup("#compare-work-chart").query()).getHeight()).isGreaterThan(150);
    }

    /** Where the layout put the node (an empty chart draws past its box, which the window clips). */
    @Test
    void theSweepBelowStillChartsWorkAgainstIdleClients(FxRobot robot) throws Exception {
        @SuppressWarnings("unchecked")
        LineChart<Number, Number> work = robot.lookup("#compare-work-chart").queryAs(LineChart.class);
        // empty, the log axis must not run to 10^100
        assertThat(((LogAxis) work.getYAxis()).getUpperBound()).isLessThanOrEqualTo(6);
        robot.interact(() -> robot.lookup("#compare-sweep").queryAs(TextField.class).setText("10,100"));
        robot.clickOn("#compare-run");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> text(robot, "#compare-status").equals("6 points"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(work.getData()).extracting(XYChart.Series::getName).containsExactly("select", "poll", "epoll-lt");
        assertThat(work.getData().get(1).getData()).extracting(d -> d.getXValue().doubleValue()).containsExactly(1.0, 2.0);
        LogAxis y = (LogAxis) work.getYAxis();
        assertThat(y.isAutoRanging()).isTrue();
        double pollAt100 = work.getData().get(1).getData().get(1).getYValue().doubleValue();
        assertThat(pollAt100).isBetween(y.getLowerBound(), y.getUpperBound());
    }

    @Test
    void aSweepPastFdSetSizeSaysInBothChartsWhySelectIsLeftOut(FxRobot robot) throws Exception {
        robot.interact(() -> robot.lookup("#compare-sweep").queryAs(TextField.class).setText("10,2000"));
        robot.clickOn("#compare-run");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> text(robot, "#compare-status").equals("5 points"));
        WaitForAsyncUtils.waitForFxEvents();
        for (String id : new String[] {"#compare-work-chart", "#compare-latency-chart"}) {
            LogChart chart = robot.lookup(id).queryAs(LogChart.class);
            Label note = chart.noteLabel();
            assertThat(note.isVisible()).as(id + " note").isTrue();
            assertThat(note.getText()).isEqualTo("select is left out at 2000 idle clients: the model's select server cannot hold 1024"
                + " clients or more, as an fd_set has 1024 bits (FD_SETSIZE: fds 0 to 1023 only).");
            // drawn inside the chart, whole, and the legend with it
            Bounds c = bounds(chart), n = bounds(note);
            assertThat(n.getMinY()).isGreaterThanOrEqualTo(c.getMinY());
            assertThat(n.getMaxY()).isLessThanOrEqualTo(Math.min(c.getMaxY(), HEIGHT));
            assertThat(n.getHeight()).isGreaterThanOrEqualTo(note.prefHeight(note.getWidth()) - 1);
            assertThat(chart.getData()).extracting(XYChart.Series::getName).containsExactly("select", "poll", "epoll-lt");
            assertThat(chart.getData().get(0).getData()).hasSize(1);
            // no zero line: at log10 it would draw a line at 1 that no data make
            assertThat(chart.isHorizontalZeroLineVisible()).isFalse();
            assertThat(chart.isVerticalZeroLineVisible()).isFalse();
        }
        robot.interact(() -> robot.lookup("#compare-sweep").queryAs(TextField.class).setText("10,100"));
        robot.clickOn("#compare-run");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> text(robot, "#compare-status").equals("6 points"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#compare-work-chart").queryAs(LogChart.class).noteLabel().isVisible()).isFalse();
    }

    @Test
    void theAxesTickOneTwoFiveInEveryDecade(FxRobot robot) throws Exception {
        robot.interact(() -> robot.lookup("#compare-sweep").queryAs(TextField.class).setText("10,1000"));
        robot.clickOn("#compare-run");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> text(robot, "#compare-status").equals("6 points"));
        WaitForAsyncUtils.waitForFxEvents();
        LogAxis x = (LogAxis) robot.lookup("#compare-work-chart").queryAs(LogChart.class).getXAxis();
        assertThat(x.getTickMarks()).extracting(t -> x.getTickLabelFormatter().toString(t.getValue()))
            .containsExactly("10", "20", "50", "100", "200", "500", "1k");
    }

    private static Bounds bounds(Node n) {
        return n.localToScene(n.getLayoutBounds());
    }

    private static void inside(Node n) {
        Bounds b = bounds(n);
        assertThat(n.isVisible()).as(n.getId() + " visible").isTrue();
        assertThat(b.getWidth()).as(n.getId() + " width").isPositive();
        assertThat(b.getMinX()).as(n.getId() + " left").isGreaterThanOrEqualTo(0);
        assertThat(b.getMinY()).as(n.getId() + " top").isGreaterThanOrEqualTo(0);
        assertThat(b.getMaxX()).as(n.getId() + " right").isLessThanOrEqualTo(WIDTH);
        assertThat(b.getMaxY()).as(n.getId() + " bottom").isLessThanOrEqualTo(HEIGHT);
    }
}
