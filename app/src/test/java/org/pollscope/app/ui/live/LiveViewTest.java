package org.pollscope.app.ui.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pollscope.app.ui.MainView;
import org.pollscope.app.ui.MainViewModel;
import org.pollscope.app.ui.MainWindow;
import org.pollscope.probe.LinuxSyscalls;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Live tab driven as a teacher does: start the server, connect a real client, see its
 * registration in the real interest list and in the model's (and in the model's tree), stop, and
 * nothing is left behind: no fd, no thread.
 */
@ExtendWith(ApplicationExtension.class)
class LiveViewTest {
    MainView view;

    @Start
    void start(Stage stage) {
        view = MainWindow.show(stage, new MainViewModel(), 1280, 800);
    }

    private static long liveThreads() {
        return Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.isAlive() && t.getName().startsWith("pollscope-live")).count();
    }

    @Test
    void aRealClientLandsInBothTreesAndStoppingLeavesNothingBehind(FxRobot robot) throws Exception {
        assumeTrue(LinuxSyscalls.UNAVAILABLE == null, "the live server needs Linux: " + LinuxSyscalls.UNAVAILABLE);
        LiveViewModel vm = view.live();
        robot.interact(view::showLive);
        long fdsBefore = org.pollscope.probe.Bench.openFds();
        robot.interact(() -> vm.portProperty().set("0"));
        robot.clickOn("#live-start");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.runningProperty().get() && !vm.realList().isEmpty());
        int port = vm.server().port();
        assertThat(vm.statusProperty().get()).contains("127.0.0.1").contains(String.valueOf(port));
        int realBefore = vm.realList().size();
        int nodesBefore = view.liveView().canvas().drawnNodes();

        try (Socket client = new Socket("127.0.0.1", port)) {
            OutputStream out = client.getOutputStream();
            out.write("hello, kernel\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = client.getInputStream();
            byte[] echo = in.readNBytes("hello, kernel\n".length());
            assertThat(new String(echo, StandardCharsets.US_ASCII)).isEqualTo("hello, kernel\n");
            // the new connection's registration, in the real list (fdinfo) and in the model's, equal
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.realList().size() == realBefore + 1
                && vm.modelList().size() == realBefore + 1 && vm.listsEqualProperty().get()
                && vm.kernel().eventPolls().get(0).interestList().size() == realBefore + 1);
            assertThat(vm.realList()).containsExactlyElementsOf(vm.modelList().stream().toList());
            assertThat(vm.kernel().eventPolls().get(0).interestList().size()).isEqualTo(realBefore + 1);
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(view.liveView().canvas().drawnNodes()).isGreaterThan(nodesBefore);
            assertThat(vm.calls()).anyMatch(c -> c.contains("accept4")).allMatch(c -> c.endsWith("✓"));
        }
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.realList().size() == realBefore);
        assertThat(vm.divergences()).isEmpty();

        robot.clickOn("#live-stop");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !vm.runningProperty().get() && !vm.workingProperty().get());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> liveThreads() == 0);
        assertThat(org.pollscope.probe.Bench.openFds()).isEqualTo(fdsBefore);
    }

    @Test
    void theProcessPickerListsThisProcessAndInspectShowsItsListener(FxRobot robot) throws Exception {
        assumeTrue(LinuxSyscalls.UNAVAILABLE == null, "the live server and /proc need Linux: " + LinuxSyscalls.UNAVAILABLE);
        LiveViewModel vm = MainWindow.startLive(robot, view);
        int port = vm.server().port();
        int self = (int) ProcessHandle.current().pid();
        robot.interact(vm::listProcesses);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.processes().stream().anyMatch(p -> p.pid() == self));
        robot.interact(() -> {
            @SuppressWarnings("unchecked")
            javafx.scene.control.ComboBox<org.pollscope.probe.proc.ProcessList.EpollProcess> picker =
                robot.lookup("#live-processes").queryAs(javafx.scene.control.ComboBox.class);
            picker.setValue(vm.processes().stream().filter(p -> p.pid() == self).findFirst().orElseThrow());
        });
        robot.clickOn("#live-inspect");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.reportProperty().get().contains("tcp-listen 127.0.0.1:" + port));
        assertThat(vm.reportProperty().get()).startsWith("pid " + self).contains("eventfd");
        robot.interact(vm::stop);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !vm.runningProperty().get() && !vm.workingProperty().get());
    }

    /** The load slider's clients (LoadClients, as `live --clients` runs them) connect, are mirrored with no divergence, and go. */
    @Test
    void theLoadsClientsAreMirroredAndGoWhenTheLoadIsZero(FxRobot robot) throws Exception {
        assumeTrue(LinuxSyscalls.UNAVAILABLE == null, "the live server needs Linux: " + LinuxSyscalls.UNAVAILABLE);
        LiveViewModel vm = MainWindow.startLive(robot, view);
        vm.setLoad(20, 200);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.load().connected() == 20);
        long calls = vm.server().mirror().calls();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.server().mirror().calls() > calls + 40);
        vm.setLoad(0, 200);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.load().connected() == 0
            && Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.isAlive() && t.getName().equals("pollscope-live-ui-clients")));
        assertThat(vm.server().mirror().divergenceCount()).isZero();
        robot.interact(vm::stop);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> liveThreads() == 0);
    }

    /** The Live tab's canvas takes View > Zoom like every other (it kept the window's first type size). */
    @Test
    void theLiveCanvasFollowsTheZoom(FxRobot robot) {
        robot.interact(() -> view.setFontScale(1.25));
        assertThat(view.liveView().canvas().fontScale()).isEqualTo(1.25);
        robot.interact(() -> view.setFontScale(1));
        assertThat(view.liveView().canvas().fontScale()).isEqualTo(1.0);
    }

    @Test
    void aBadPortIsOneLineAndNothingStarts(FxRobot robot) {
        LiveViewModel vm = view.live();
        robot.interact(() -> {
            view.showLive();
            vm.portProperty().set("70000");
        });
        robot.clickOn("#live-start");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.errorProperty().get()).isEqualTo("port: expected a number from 1 to 65535, found \"70000\"");
        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(robot.lookup("#live-error").query().isVisible()).isTrue();
    }
}
