package org.pollscope.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The window opens within the screen, whatever size was remembered. */
class PollScopeAppTest {
    @Test
    void theDefaultSizeIsClampedToASmallScreenAndPlacedOnIt() {
        // a 1024x768 screen less a 28-pixel panel at its top
        assertThat(PollScopeApp.fit(1280, 800, 0, 28, 1024, 740)).containsExactly(0, 28, 1024, 740);
    }

    @Test
    void aSizeThatFitsIsKeptAndCentred() {
        assertThat(PollScopeApp.fit(1280, 800, 0, 0, 1920, 1080)).containsExactly(320, 140, 1280, 800);
        // a second screen to the right of the first
        assertThat(PollScopeApp.fit(1000, 2000, 1920, 0, 1280, 1024)).containsExactly(2060, 0, 1000, 1024);
    }

    @Test
    void noRememberedSizeIsTheDefault() {
        assertThat(PollScopeApp.fit(0, -1, 0, 0, 1920, 1080)).containsExactly(320, 140, 1280, 800);
    }
}
