package org.credence.scorecard;

/** A request to score with a protected attribute; always refused. */
public final class ProtectedAttributeRefused extends ScorecardException {
    public ProtectedAttributeRefused(ProtectedAttribute attribute) {
        super("'" + attribute.name() + "' is a protected attribute (" + attribute.reason()
                + ") and a scorecard may not use it");
    }
}
