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
            "politic", "loyal", "ideolog", "party", "dissent", "protest", "petition", "patriot"),
    SPEECH("speech, online posts and sentiment are protected expression, not credit conduct",
            "speech", "online", "post", "sentiment", "expression", "opinion", "socialmedia", "internet", "comment"),
    RELIGION("religion and belief may never be scored", "religio", "faith", "belief", "worship", "church", "temple"),
    ETHNICITY("ethnicity and origin may never be scored", "ethnic", "race", "racial", "minority", "origin"),
    HEALTH("health data may never be scored", "health", "medical", "disab", "illness", "disease", "mental"),
    BIOMETRIC("biometrics, face recognition and camera tracking are surveillance, declined by design",
            "biometric", "face", "facial", "camera", "surveil", "tracking", "location", "gait", "fingerprint"),
    ASSOCIATION("a subject's friends, family or colleagues never affect its own score",
            "associat", "friend", "family", "relative", "social", "network", "contact", "colleague"),
    CONSUMPTION("lawful consumer choices are not conduct", "consum", "shopping", "purchase", "gaming", "videogame",
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

    /** The declined topic {@code category} names, if any; separators and case are ignored. */
    static Optional<DeclinedTopic> of(String category) {
        String folded = category.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        for (DeclinedTopic topic : values()) {
            for (String stem : topic.stems) {
                if (folded.contains(stem)) {
                    return Optional.of(topic);
                }
            }
        }
        return Optional.empty();
    }
}
