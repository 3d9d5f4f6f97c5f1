package org.credence.web;

import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.credence.store.ApiKey;
import org.credence.store.Role;

/**
 * What every page's frame needs: its language and words, who is signed in, the form token, the
 * message left by the last action, and where the language switch leads (this same page).
 */
public final class Page {

    private final Messages messages;
    private final Language language;
    private final String path;
    private final Map<String, List<String>> query;
    private final Optional<Session> session;
    private final Optional<String> flash;
    private final LocalDate today;

    Page(Context ctx, Language language, Optional<Session> session, LocalDate today) {
        this.messages = Messages.of(language);
        this.language = language;
        this.path = ctx.path();
        this.query = ctx.queryParamMap();
        this.session = session;
        this.flash = session.flatMap(Session::takeFlash);
        this.today = today;
    }

    /** The page's words: the message {@code key} in its language, with {@code args} filled in. */
    public String t(String key, Object... args) {
        return messages.get(key, args);
    }

    /** The BCP 47 tag for {@code <html lang>}. */
    public String lang() {
        return language.tag;
    }

    public List<Language> languages() {
        return Language.all();
    }

    public boolean speaks(Language other) {
        return language == other;
    }

    /** This page in {@code other}'s language: the same path and query with {@code lang} replaced. */
    public String in(Language other) {
        List<String> parts = new ArrayList<>();
        query.forEach((name, values) -> {
            if (!name.equals("lang")) {
                values.forEach(v -> parts.add(encode(name) + "=" + encode(v)));
            }
        });
        parts.add("lang=" + other.tag);
        return path + "?" + String.join("&", parts);
    }

    public String languageName(Language other) {
        return other.ownName;
    }

    public String languageTag(Language other) {
        return other.tag;
    }

    /** The token every form of this session must send back; empty for a visitor without a session. */
    public String csrf() {
        return session.map(s -> s.csrf).orElse("");
    }

    public Optional<String> flash() {
        return flash;
    }

    public Optional<String> signedInAs() {
        return session.flatMap(s -> s.client).map(ApiKey::name);
    }

    public boolean isSubject() {
        return session.flatMap(s -> s.client).map(c -> c.role() == Role.SUBJECT).orElse(false);
    }

    public boolean isOperator() {
        return session.flatMap(s -> s.client).map(c -> c.role() == Role.OPERATOR).orElse(false);
    }

    /** Whether {@code href} is where this page is, for {@code aria-current} in the navigation. */
    public boolean at(String href) {
        return href.equals("/") ? path.equals("/") : path.startsWith(href);
    }

    public LocalDate today() {
        return today;
    }

    /** A date, or the words for "never" when there is none (it does not lapse by itself). */
    public String date(Optional<LocalDate> date) {
        return date.map(LocalDate::toString).orElseGet(() -> t("date.never"));
    }

    /** A catalog duration (P3Y, P6M, P30D) in words. */
    public String period(Optional<java.time.Period> period) {
        if (period.isEmpty()) {
            return t("date.never");
        }
        java.time.Period p = period.get();
        List<String> parts = new ArrayList<>();
        if (p.getYears() != 0) {
            parts.add(t("period.years", p.getYears()));
        }
        if (p.getMonths() != 0) {
            parts.add(t("period.months", p.getMonths()));
        }
        if (p.getDays() != 0 || parts.isEmpty()) {
            parts.add(t("period.days", p.getDays()));
        }
        return String.join(" ", parts);
    }

    public String period(java.time.Period period) {
        return period(Optional.of(period));
    }

    /** Points with their sign, so that a deduction and an addition read differently at a glance. */
    public String signed(int points) {
        return points > 0 ? "+" + points : points < 0 ? "\u2212" + -points : "0";
    }

    /** A catalog enum or status as words, e.g. {@code status.disputed}. */
    public String term(String group, String code) {
        return t(group + "." + code);
    }

    /** An enum's name as a CSS class or message key part. */
    public String lower(Enum<?> value) {
        return value.name().toLowerCase(java.util.Locale.ROOT);
    }

    public String term(String group, Enum<?> value) {
        return term(group, value.name().toLowerCase(java.util.Locale.ROOT));
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
