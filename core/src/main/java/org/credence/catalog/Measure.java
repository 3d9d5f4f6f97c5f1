package org.credence.catalog;

/** A consequence the law attaches to a trigger for one action: deny, send to review, or benefit. */
public record Measure(String code, Trigger when, String action, Effect effect, String legalBasis) {

    public enum Effect { DENY, REVIEW, BENEFIT }
}
