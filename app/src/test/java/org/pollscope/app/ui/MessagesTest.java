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
        while (m.find()) out.add(m.group(1) + (m.group(2) == null ? "" : m.group(2).replace(" ", "")));
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
