package org.pollscope.app.ui;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The window's words: {@code messages.properties} (English) and {@code messages_zh_CN.properties}.
 * A locale without a bundle of its own gets English, never the machine's default language:
 * {@code --lang en} on a Chinese desktop is English.
 */
public final class Messages {
    private Messages() {}

    private static final String NAME = "org.pollscope.app.ui.messages";

    /** The bundle of {@code locale}, or English when there is none for it. */
    public static ResourceBundle of(Locale locale) {
        return ResourceBundle.getBundle(NAME, locale, ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** English, the bundle of the root locale. */
    public static ResourceBundle english() {
        return of(Locale.ROOT);
    }

    /** A message of the bundle, its arguments put in with the bundle's locale. */
    public static String format(ResourceBundle text, String key, Object... args) {
        return new MessageFormat(text.getString(key), text.getLocale()).format(args);
    }
}
