package org.credence.web;

import java.text.MessageFormat;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The pages' words in one language, from {@code messages_*.properties} (read as UTF-8). A key missing
 * from a bundle is a bug that shows on the page as {@code ??key??} rather than failing the request.
 */
final class Messages {

    static final String BUNDLE = "org.credence.web.messages";

    private final ResourceBundle bundle;
    private final Language language;

    private Messages(ResourceBundle bundle, Language language) {
        this.bundle = bundle;
        this.language = language;
    }

    static Messages of(Language language) {
        // No fallback to the JVM's default locale: the language asked for, or the base bundle.
        return new Messages(ResourceBundle.getBundle(BUNDLE, language.locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)), language);
    }

    String get(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return "??" + key + "??";
        }
        // Always through MessageFormat, so quoting rules are the same whether or not a message has arguments.
        return new MessageFormat(pattern, language.locale).format(args);
    }

    ResourceBundle bundle() {
        return bundle;
    }
}
