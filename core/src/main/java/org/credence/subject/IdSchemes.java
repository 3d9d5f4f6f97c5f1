package org.credence.subject;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** The identifier scheme in force for each kind of subject. Immutable once built. */
public final class IdSchemes {

    private final Map<SubjectKind, IdScheme> byKind;

    private IdSchemes(Map<SubjectKind, IdScheme> byKind) {
        this.byKind = byKind;
    }

    /** The reference jurisdiction's schemes: resident identity numbers and unified social credit codes. */
    public static IdSchemes standard() {
        return of(new ResidentIdentityNumber(), new UnifiedSocialCreditCode());
    }

    public static IdSchemes of(IdScheme... schemes) {
        Map<SubjectKind, IdScheme> map = new EnumMap<>(SubjectKind.class);
        for (IdScheme scheme : schemes) {
            if (map.put(scheme.kind(), scheme) != null) {
                throw new IllegalArgumentException("two schemes for " + scheme.kind().code());
            }
        }
        for (SubjectKind kind : SubjectKind.values()) {
            if (!map.containsKey(kind)) {
                throw new IllegalArgumentException("no scheme for " + kind.code());
            }
        }
        return new IdSchemes(map);
    }

    /** Why {@code id} is not a valid id for a subject of {@code kind}, or empty when it is. */
    public Optional<String> problem(SubjectKind kind, String id) {
        return byKind.get(kind).problem(id);
    }

    /**
     * The kind whose scheme accepts {@code id}, for callers that hold only an id (a partner asking
     * for a decision). Empty when no scheme accepts it.
     */
    public Optional<SubjectKind> kindOf(String id) {
        for (Map.Entry<SubjectKind, IdScheme> e : byKind.entrySet()) {
            if (e.getValue().problem(id).isEmpty()) {
                return Optional.of(e.getKey());
            }
        }
        return Optional.empty();
    }

    /** Why {@code id} is valid under no scheme, naming each scheme's objection. */
    public String whyInvalid(String id) {
        StringBuilder why = new StringBuilder();
        for (Map.Entry<SubjectKind, IdScheme> e : byKind.entrySet()) {
            if (!why.isEmpty()) {
                why.append("; ");
            }
            why.append("as ").append(e.getKey().code()).append(": ").append(e.getValue().problem(id).orElse("valid"));
        }
        return why.toString();
    }
}
