package org.pollscope.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The two bundles, read as files: a bundle's parent would hide a key the Chinese one lacks. */
class MessagesTest {
    static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = MessagesTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    /** The arguments of a pattern with their format type, "0", "2,number": what a translation must keep. */
    static Set<String> arguments(String pattern) {
        // toPattern quotes literal braces, so only real arguments start with '{' and a digit there
        String normal = new MessageFormat(pattern, Locale.ROOT).toPattern();
        Set<String> out = new TreeSet<>();
        Matcher m = Pattern.compile("\\{(\\d+)(,\\s*\\w+)?").matcher(normal);
        while (m.find()) {
            String type = m.group(2) == null ? "" : m.group(2).replace(" ", "");
            // a choice picks the English plural; a language without plurals says {n} alone
            out.add(m.group(1) + (type.equals(",choice") ? "" : type));
        }
        return out;
    }

    @Test
    void bothLanguagesHaveExactlyTheSameKeys() throws IOException {
        Properties en = load("messages.properties");
        Properties zh = load("messages_zh_CN.properties");
        assertThat(zh.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(en.stringPropertyNames());
    }

    @Test
    void everyTranslationKeepsTheArgumentsOfItsPattern() throws IOException {
        Properties en = load("messages.properties");
        Properties zh = load("messages_zh_CN.properties");
        for (String key : en.stringPropertyNames()) {
            String e = en.getProperty(key);
            String z = zh.getProperty(key, "");
            assertThat(arguments(z)).as("%s: %s / %s", key, e, z).isEqualTo(arguments(e));
            for (String p : new String[] {e, z}) {
                // in a pattern a lone quote starts a quoted run and the argument after it is lost
                if (!arguments(p).isEmpty()) assertThat(p.replace("''", "")).as(key).doesNotContain("'");
            }
        }
    }

    @Test
    void aCountOfOneTakesTheSingular() {
        java.util.ResourceBundle en = Messages.english();
        assertThat(Messages.format(en, "canvas.interest", "eventpoll#3", 1, 1)).isEqualTo("eventpoll#3: interest list (rbr), 1 item, 1 reference");
        assertThat(Messages.format(en, "canvas.interest", "eventpoll#3", 2, 0)).isEqualTo("eventpoll#3: interest list (rbr), 2 items, 0 references");
        assertThat(Messages.format(en, "bench.status.rows", 1)).isEqualTo("1 row");
        assertThat(Messages.format(en, "compare.status.points", 1200)).isEqualTo("1,200 points");
        assertThat(Messages.format(en, "compare.step.last.epoll", "epoll_wait", 1, 1, 12, 1))
            .isEqualTo("epoll_wait returned 1 ready: 1 ready item scanned, 12 bytes copied, 1 work unit");
        assertThat(Messages.format(en, "canvas.moreSleepers", 1)).isEqualTo("\u2026 1 more thread asleep");
        assertThat(Messages.format(en, "lesson.program", "blocking", 1, 1, 30)).startsWith("Runs the built-in program blocking with 1 client, ");
    }

    @Test
    void theChineseFileIsWrittenInEscapes() throws IOException {
        try (InputStream in = MessagesTest.class.getResourceAsStream("messages_zh_CN.properties")) {
            byte[] bytes = in.readAllBytes();
            for (byte b : bytes) assertThat(b & 0xff).as("a byte of messages_zh_CN.properties").isLessThan(0x80);
        }
    }

    @Test
    void theArgumentsOfAPatternAreFound() {
        assertThat(arguments("{0}: {1} items, {2,number,0.000} ms")).containsExactly("0", "1", "2,number");
        assertThat(arguments("'{0}' is {1}")).containsExactly("1");
        assertThat(arguments("no arguments")).isEmpty();
        assertThat(arguments("{0,choice,1#{0} row|1<{0} rows}")).containsExactly("0");
    }

    @Test
    void englishIsEnglishOnAChineseDesktop() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.SIMPLIFIED_CHINESE);
            assertThat(Messages.of(Locale.ENGLISH).getString("program.ok")).isEqualTo("Open");
            assertThat(Messages.english().getString("program.ok")).isEqualTo("Open");
            assertThat(Messages.of(Locale.GERMAN).getString("program.ok")).isEqualTo("Open");
            assertThat(Messages.of(Locale.SIMPLIFIED_CHINESE).getString("program.ok")).isEqualTo("\u6253\u5f00");
        } finally {
            Locale.setDefault(before);
        }
    }
}
