package org.pollscope.app.ui.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

class CompareStepModelTest {
    /** English whatever the machine's locale: the default locale would otherwise be tried first. */
    static final ResourceBundle EN = ResourceBundle.getBundle("org.pollscope.app.ui.messages", Locale.ROOT,
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));

    private static CompareStepModel model(int idle, int active) {
        CompareStepModel m = new CompareStepModel(EN);
        m.idleProperty().set(String.valueOf(idle));
        m.activeProperty().set(String.valueOf(active));
        return m;
    }

    /** Every number a column shows. */
    private static List<Object> snapshot(CompareStepModel m) {
        List<Object> out = new ArrayList<>();
        for (CompareStepModel.Column c : m.columns()) {
            out.addAll(List.of(c.program(), c.refusalProperty().get(), c.lineProperty().get(), c.lastCallProperty().get(),
                c.lastWorkProperty().get(), c.lastFdsVisitedProperty().get(), c.lastItemsScannedProperty().get(),
                c.lastBytesCopiedProperty().get(), c.lastReadyProperty().get(), c.totalWorkProperty().get(),
                c.waitCallsProperty().get(), c.requestsProperty().get(), c.timeNanosProperty().get()));
        }
        return out;
    }

    @Test
    void afterKStepsEachServerMadeKWaitCalls() {
        CompareStepModel m = model(400, 10);
        assertThat(m.reset()).isTrue();
        for (CompareStepModel.Column c : m.columns()) assertThat(c.waitCallsProperty().get()).isZero();
        m.step();
        m.step();
        m.stepMany(5);
        assertThat(m.stepsProperty().get()).isEqualTo(7);
        assertThat(m.columns()).extracting(CompareStepModel.Column::program).containsExactly("select", "poll", "epoll-lt");
        assertThat(m.columns()).extracting(c -> c.waitCallsProperty().get()).containsOnly(7L);
        assertThat(m.columns()).extracting(c -> c.lastCallProperty().get()).containsExactly("select", "poll", "epoll_wait");
        for (CompareStepModel.Column c : m.columns()) {
            assertThat(c.refusalProperty().get()).isEmpty();
            assertThat(c.finishedProperty().get()).isFalse();
            assertThat(c.timeNanosProperty().get()).isGreaterThan(m.startLineProperty().get());
            assertThat(c.totalWorkProperty().get()).isGreaterThanOrEqualTo(c.lastWorkProperty().get()).isPositive();
            assertThat(c.lastReadyProperty().get()).isPositive();
            // the thread is back on its wait call: the listing line that names it
            String current = c.listing().get(c.lineProperty().get() - 1);
            assertThat(current).contains(c.lastCallProperty().get() + "(");
        }
        assertThat(m.columns().stream().mapToLong(c -> c.requestsProperty().get()).sum()).isPositive();
    }

    @Test
    void withElevenHundredIdleClientsPollVisitsThemAllAndEpollWaitDoesNot() {
        CompareStepModel m = model(1100, 10);
        assertThat(m.reset()).isTrue();
        CompareStepModel.Column select = m.column("select");
        CompareStepModel.Column poll = m.column("poll");
        CompareStepModel.Column epoll = m.column("epoll-lt");
        assertThat(select.refusalProperty().get()).isEqualTo("select cannot hold 1111 fds (FD_SETSIZE 1024)");
        for (int k = 1; k <= 20; k++) {
            m.step();
            // the listener and 1110 connections, once per pass of do_poll (twice when it slept in between)
            long fds = poll.lastFdsVisitedProperty().get();
            assertThat(fds).isGreaterThanOrEqualTo(1111).matches(n -> n % 1111 == 0, "a multiple of 1111");
            assertThat(poll.lastWorkProperty().get()).isGreaterThan(fds);
            assertThat(epoll.lastFdsVisitedProperty().get()).isZero();
            // epoll_wait looks at ready items only: at most the 10 active clients and the listener
            assertThat(epoll.lastItemsScannedProperty().get()).isBetween(1L, 11L);
            assertThat(epoll.lastWorkProperty().get()).isLessThan(20);
            assertThat(select.waitCallsProperty().get()).isZero();
            assertThat(poll.waitCallsProperty().get()).isEqualTo(k);
            assertThat(epoll.waitCallsProperty().get()).isEqualTo(k);
        }
        assertThat(poll.totalWorkProperty().get()).isGreaterThan(10 * epoll.totalWorkProperty().get());
    }

    @Test
    void selectRunsBelowFdSetSizeAndScansLikePoll() {
        CompareStepModel m = model(400, 10);
        m.stepMany(5);
        CompareStepModel.Column select = m.column("select");
        assertThat(select.refusalProperty().get()).isEmpty();
        assertThat(select.waitCallsProperty().get()).isEqualTo(5);
        assertThat(select.lastFdsVisitedProperty().get()).isGreaterThanOrEqualTo(411).matches(n -> n % 411 == 0, "a multiple of 411");
    }

    @Test
    void theSameSeedGivesTheSameColumnsAfterAReset() {
        CompareStepModel m = model(300, 8);
        m.seedProperty().set("42");
        m.stepMany(15);
        List<Object> first = snapshot(m);
        assertThat(m.reset()).isTrue();
        assertThat(m.stepsProperty().get()).isZero();
        assertThat(m.columns()).extracting(c -> c.waitCallsProperty().get()).containsOnly(0L);
        m.stepMany(15);
        assertThat(snapshot(m)).isEqualTo(first);

        m.seedProperty().set("43");
        m.reset();
        m.stepMany(15);
        assertThat(snapshot(m)).isNotEqualTo(first);
    }

    @Test
    void badSettingsAreExplainedAndLeaveTheColumnsAlone() {
        CompareStepModel m = model(100, 5);
        m.stepMany(3);
        List<Object> before = snapshot(m);

        m.idleProperty().set("0");
        assertThat(m.reset()).isFalse();
        assertThat(m.messageProperty().get()).isEqualTo("idle clients: expected a whole number from 1 to 10000, found \"0\"");
        assertThat(snapshot(m)).isEqualTo(before);

        m.idleProperty().set("100");
        m.activeProperty().set("x");
        assertThat(m.reset()).isFalse();
        assertThat(m.messageProperty().get()).startsWith("active clients: expected a whole number");

        m.activeProperty().set("0");
        assertThat(m.validate()).startsWith("active clients:").endsWith("found \"0\"");

        m.activeProperty().set("5");
        m.seedProperty().set("1.5");
        assertThat(m.validate()).isEqualTo("seed: expected a whole number, found \"1.5\"");

        m.seedProperty().set("7");
        assertThat(m.reset()).isTrue();
        assertThat(m.messageProperty().get()).isEmpty();
    }

    @Test
    void aFirstStepWithBadSettingsRunsNothing() {
        CompareStepModel m = model(100, 5);
        m.idleProperty().set("lots");
        m.step();
        assertThat(m.readyProperty().get()).isFalse();
        assertThat(m.stepsProperty().get()).isZero();
        assertThat(m.messageProperty().get()).startsWith("idle clients:").contains("\"lots\"");
    }

    @Test
    void everyMessageIsTranslated() {
        ResourceBundle zh = ResourceBundle.getBundle("org.pollscope.app.ui.messages", Locale.SIMPLIFIED_CHINESE,
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        List<String> keys = new ArrayList<>();
        for (Enumeration<String> e = EN.getKeys(); e.hasMoreElements(); ) {
            String k = e.nextElement();
            if (k.startsWith("compare.step.")) keys.add(k);
        }
        assertThat(keys).hasSizeGreaterThan(10);
        for (String k : keys) assertThat(zh.getString(k)).as(k).isNotEqualTo(EN.getString(k)).isNotBlank();
        CompareStepModel m = new CompareStepModel(zh);
        m.idleProperty().set("1100");
        m.reset();
        assertThat(m.column("select").refusalProperty().get()).startsWith("select ").contains("1111").contains("FD_SETSIZE 1024");
    }
}
