package org.pollscope.app.ui.lesson;

import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.parser.Parser;

/**
 * A lesson's narrative (Markdown) as JavaFX text: paragraphs, lists, {@code code}, emphasis and
 * code blocks, each a {@link Text} with a style class of {@code lesson.css}, so that the themes
 * and the font scale apply to it as to the rest of the window. No web engine: a TextFlow wraps
 * to its width and draws in the software pipeline of a projector's laptop as well.
 */
final class MarkdownFlow {
    private static final Parser PARSER = Parser.builder().build();

    private static final String SOFT_BREAK = "pollscope.softBreak";

    private MarkdownFlow() {}

    /** Whether the last (or first) character of {@code s} is a wide, CJK one. */
    private static boolean wide(String s, boolean last) {
        if (s.isEmpty()) return false;
        char c = last ? s.charAt(s.length() - 1) : s.charAt(0);
        Character.UnicodeScript script = Character.UnicodeScript.of(c);
        return script == Character.UnicodeScript.HAN || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFF60);
    }

    /** Fills {@code flow} with {@code markdown}. */
    static void render(TextFlow flow, String markdown) {
        flow.getChildren().clear();
        if (markdown == null || markdown.isBlank()) return;
        Node doc = PARSER.parse(markdown);
        doc.accept(new Writer(flow));
        var kids = flow.getChildren();
        // a soft line break is a space between words, nothing between Chinese characters
        for (int i = 1; i + 1 < kids.size(); i++) {
            if (kids.get(i).getProperties().containsKey(SOFT_BREAK) && (wide(((Text) kids.get(i - 1)).getText(), true)
                || wide(((Text) kids.get(i + 1)).getText(), false))) {
                ((Text) kids.get(i)).setText("");
            }
        }
        // no blank line after the last block
        while (!kids.isEmpty() && kids.get(kids.size() - 1) instanceof Text t && t.getText().isBlank()) kids.remove(kids.size() - 1);
    }

    /** The text of {@code markdown} without its marks (for tests and the terminal). */
    static String plain(String markdown) {
        TextFlow f = new TextFlow();
        render(f, markdown);
        StringBuilder sb = new StringBuilder();
        for (var n : f.getChildren()) sb.append(((Text) n).getText());
        return sb.toString();
    }

    private static final class Writer extends AbstractVisitor {
        private final TextFlow flow;
        private String style = "lesson-text";
        private int listDepth;
        private int ordinal;

        Writer(TextFlow flow) {
            this.flow = flow;
        }

        private void add(String s, String styleClass) {
            Text t = new Text(s);
            t.getStyleClass().add(styleClass);
            flow.getChildren().add(t);
        }

        @Override
        public void visit(org.commonmark.node.Text text) {
            add(text.getLiteral(), style);
        }

        @Override
        public void visit(Code code) {
            add(code.getLiteral(), "lesson-code");
        }

        @Override
        public void visit(Emphasis e) {
            String was = style;
            style = "lesson-em";
            visitChildren(e);
            style = was;
        }

        @Override
        public void visit(StrongEmphasis e) {
            String was = style;
            style = "lesson-strong";
            visitChildren(e);
            style = was;
        }

        @Override
        public void visit(SoftLineBreak b) {
            add(" ", style);
            flow.getChildren().get(flow.getChildren().size() - 1).getProperties().put(SOFT_BREAK, true);
        }

        @Override
        public void visit(HardLineBreak b) {
            add("\n", style);
        }

        @Override
        public void visit(Paragraph p) {
            visitChildren(p);
            add(listDepth > 0 ? "\n" : "\n\n", style);
        }

        @Override
        public void visit(Heading h) {
            String was = style;
            style = "lesson-heading";
            visitChildren(h);
            style = was;
            add("\n", style);
        }

        @Override
        public void visit(BulletList list) {
            listDepth++;
            visitChildren(list);
            listDepth--;
            if (listDepth == 0) add("\n", style);
        }

        @Override
        public void visit(OrderedList list) {
            int was = ordinal;
            ordinal = list.getMarkerStartNumber() == null ? 1 : list.getMarkerStartNumber();
            listDepth++;
            visitChildren(list);
            listDepth--;
            ordinal = was;
            if (listDepth == 0) add("\n", style);
        }

        @Override
        public void visit(ListItem item) {
            String indent = "  ".repeat(Math.max(0, listDepth - 1));
            add(indent + (item.getParent() instanceof OrderedList ? ordinal++ + ". " : "• "), style);
            visitChildren(item);
        }

        @Override
        public void visit(FencedCodeBlock block) {
            add(block.getLiteral().stripTrailing() + "\n\n", "lesson-code-block");
        }

        @Override
        public void visit(IndentedCodeBlock block) {
            add(block.getLiteral().stripTrailing() + "\n\n", "lesson-code-block");
        }
    }
}
