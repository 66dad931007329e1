package org.pollscope.app.ui.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** A lesson's Markdown as the player lays it out. */
@ExtendWith(ApplicationExtension.class)
class MarkdownFlowTest {
    @Start
    void start(Stage stage) {
        // the toolkit only: Text nodes are made by the tests
    }

    @Test
    void aSoftBreakIsASpaceBetweenWordsAndNothingBetweenChineseCharacters() {
        assertThat(MarkdownFlow.plain("one\ntwo").strip()).isEqualTo("one two");
        assertThat(MarkdownFlow.plain("甲乙\n丙丁").strip()).isEqualTo("甲乙丙丁");
        assertThat(MarkdownFlow.plain("调用 `accept`\n，然后").strip()).isEqualTo("调用 accept，然后");
    }

    @Test
    void codeListsAndEmphasisKeepTheirText() {
        assertThat(MarkdownFlow.plain("A **bold** `code` word.\n\n- one\n- two").strip())
            .isEqualTo("A bold code word.\n\n• one\n• two");
    }
}
