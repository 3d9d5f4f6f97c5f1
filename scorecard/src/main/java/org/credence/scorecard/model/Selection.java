package org.credence.scorecard.model;

import java.util.List;

/** The attributes kept (in the order of {@code fit}'s coefficients), the fit, and every decision. */
public record Selection(List<String> selected, LogisticFit fit, List<SelectionOutcome> outcomes) {
    public Selection {
        selected = List.copyOf(selected);
        outcomes = List.copyOf(outcomes);
    }
}
