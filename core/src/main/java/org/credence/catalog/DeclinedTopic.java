package org.credence.catalog;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Conduct Credence refuses to score, by design (shared/DESIGN.md, "Declined by design"). A catalog
 * naming one of these, or a close synonym, as a category is told which topic it hit and why, so the
 * refusal reads as a rule and not as a typo.
 */
enum DeclinedTopic {
    POLITICAL("political opinion and loyalty are not conduct a credit system may score",
            "politic", "loyal", "ideolog", "party_member", "dissent", "protest", "petition", "patriot"),
    SPEECH("speech, online posts and sentiment are protected expression, not credit conduct",
            "speech", "online", "post$", "posts$", "sentiment", "expression", "opinion", "internet", "comment"),
    RELIGION("religion and belief may never be scored", "religio", "faith", "belief", "worship", "church", "temple"),
    ETHNICITY("ethnicity and origin may never be scored", "ethnic", "race$", "racial", "minority"),
    HEALTH("health data may never be scored", "health", "medical", "disab", "illness", "disease", "mental"),
    BIOMETRIC("biometrics, face recognition and camera tracking are surveillance, declined by design",
            "biometric", "face$", "facial", "camera", "surveil", "tracking", "location", "gait", "fingerprint"),
    ASSOCIATION("a subject's friends, family or colleagues never affect its own score",
            "associat", "friend", "family", "relative", "social_network", "contacts$", "colleague"),
    CONSUMPTION("lawful consumer choices are not conduct", "consum", "shopping", "purchase", "gaming", "game", "videogame",
            "lifestyle", "entertainment", "spending");

    private final String reason;
    private final List<String> stems;

    DeclinedTopic(String reason, String... stems) {
        this.reason = reason;
        this.stems = List.of(stems);
    }

    String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    String reason() {
        return reason;
    }

    /**
     * The declined topic {@code category} names, if any. Each word of the category (split at
     * anything but letters) is matched against the stems: a stem matches a word it begins, or, when
     * written {@code word$}, only that whole word, so that "posts" is speech and "postal" is not.
     * Two-word stems such as {@code social_network} match the joined pair.
     */
    static Optional<DeclinedTopic> of(String category) {
        String[] words = category.toLowerCase(Locale.ROOT).split("[^a-z]+");
        for (DeclinedTopic topic : values()) {
            for (String stem : topic.stems) {
                for (int i = 0; i < words.length; i++) {
                    String word = stem.contains("_") && i + 1 < words.length ? words[i] + "_" + words[i + 1] : words[i];
                    boolean whole = stem.endsWith("$");
                    String bare = whole ? stem.substring(0, stem.length() - 1) : stem;
                    if (whole ? word.equals(bare) : word.startsWith(bare)) {
                        return Optional.of(topic);
                    }
                }
            }
        }
        return Optional.empty();
    }
}
