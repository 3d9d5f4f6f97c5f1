package org.credence.scorecard;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The attributes a scorecard may not use, or uses only with a fairness report. Names are matched
 * case-insensitively, so a data set cannot slip "Sex" past a rule written for "sex". The list
 * follows anti-discrimination law for credit (sex, marital status, origin, religion, race) and the
 * categories the system declines outright (political opinion, health); age is lawful under strict
 * conditions, so it is flagged, not excluded.
 */
public final class ProtectedAttributes {
    private static final List<ProtectedAttribute> STANDARD = List.of(
            excluded("personal_status", "it mixes sex and marital status"),
            excluded("foreign_worker", "it stands for national origin"),
            excluded("sex", "sex"),
            excluded("gender", "gender"),
            excluded("marital_status", "marital status"),
            excluded("race", "race"),
            excluded("ethnicity", "ethnic origin"),
            excluded("nationality", "national origin"),
            excluded("national_origin", "national origin"),
            excluded("citizenship", "national origin"),
            excluded("religion", "religion"),
            excluded("political_opinion", "political opinion"),
            excluded("health", "health"),
            excluded("disability", "disability"),
            new ProtectedAttribute("age", ProtectedAttribute.Treatment.FLAGGED,
                    "age may be used only if it does not score older applicants down; outcomes are reported by age band"));

    private ProtectedAttributes() {
    }

    private static ProtectedAttribute excluded(String name, String reason) {
        return new ProtectedAttribute(name, ProtectedAttribute.Treatment.EXCLUDED, reason);
    }

    public static List<ProtectedAttribute> all() {
        return STANDARD;
    }

    public static Optional<ProtectedAttribute> find(String attribute) {
        String key = attribute.toLowerCase(Locale.ROOT);
        return STANDARD.stream().filter(p -> p.name().equals(key)).findFirst();
    }

    public static boolean isExcluded(String attribute) {
        return find(attribute).filter(p -> p.treatment() == ProtectedAttribute.Treatment.EXCLUDED).isPresent();
    }

    public static boolean isFlagged(String attribute) {
        return find(attribute).filter(p -> p.treatment() == ProtectedAttribute.Treatment.FLAGGED).isPresent();
    }

    /** Throws {@link ProtectedAttributeRefused} if the attribute may not be used. */
    public static void refuseIfExcluded(String attribute) {
        find(attribute).filter(p -> p.treatment() == ProtectedAttribute.Treatment.EXCLUDED).ifPresent(p -> {
            throw new ProtectedAttributeRefused(p);
        });
    }
}
