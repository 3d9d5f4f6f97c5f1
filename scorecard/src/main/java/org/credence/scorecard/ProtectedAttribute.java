package org.credence.scorecard;

/**
 * An attribute a scorecard must not use ({@link Treatment#EXCLUDED}) or may use only under
 * scrutiny ({@link Treatment#FLAGGED}), with the reason in words.
 */
public record ProtectedAttribute(String name, Treatment treatment, String reason) {
    public enum Treatment {
        /** Never used; asking to use it is refused. */
        EXCLUDED,
        /** Used if it earns its place, and its outcomes are reported per group. */
        FLAGGED
    }
}
