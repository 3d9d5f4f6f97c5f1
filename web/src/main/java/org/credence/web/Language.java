package org.credence.web;

import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The languages the pages speak, and which one a request gets: {@code ?lang=} (remembered in a
 * cookie), else the cookie, else the browser's preference, else English.
 */
public enum Language {
    EN("en", Locale.ENGLISH, "English"),
    ZH_CN("zh-CN", Locale.SIMPLIFIED_CHINESE, "简体中文");

    static final String COOKIE = "lang";

    /** The BCP 47 tag, as in {@code <html lang>} and {@code ?lang=}. */
    final String tag;
    final Locale locale;
    /** The language's name in itself, as the switch shows it. */
    final String ownName;

    Language(String tag, Locale locale, String ownName) {
        this.tag = tag;
        this.locale = locale;
        this.ownName = ownName;
    }

    static Optional<Language> ofTag(String tag) {
        if (tag == null) {
            return Optional.empty();
        }
        for (Language language : values()) {
            if (language.tag.equalsIgnoreCase(tag) || language.locale.toLanguageTag().equalsIgnoreCase(tag)) {
                return Optional.of(language);
            }
        }
        return tag.toLowerCase(Locale.ROOT).startsWith("zh") ? Optional.of(ZH_CN) : Optional.empty();
    }

    /** The language for this request; a {@code ?lang=} choice is remembered for the pages after it. */
    static Language of(Context ctx) {
        Optional<Language> chosen = ofTag(ctx.queryParam("lang"));
        if (chosen.isPresent()) {
            ctx.res().addHeader("Set-Cookie", COOKIE + "=" + chosen.get().tag + "; Path=/; Max-Age=31536000; SameSite=Lax");
            return chosen.get();
        }
        return ofTag(ctx.cookie(COOKIE)).orElseGet(() -> preferred(ctx.header("Accept-Language")));
    }

    private static Language preferred(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return EN;
        }
        try {
            for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
                Optional<Language> match = ofTag(range.getRange());
                if (match.isPresent()) {
                    return match.get();
                }
            }
        } catch (IllegalArgumentException e) {
            // A malformed header is no preference at all.
        }
        return EN;
    }

    static List<Language> all() {
        return List.of(values());
    }
}
