package org.credence.scoring;

import java.util.List;
import java.util.Locale;

/**
 * The answer to "may this subject do this action?": deny if any applied measure denies, else review
 * if any asks for review, else allow; benefits are among the measures. It carries the reasons and
 * their legal basis, never points, grade or records.
 */
public record Decision(String action, Outcome outcome, List<AppliedMeasure> measures) {

    public Decision {
        measures = List.copyOf(measures);
    }

    public enum Outcome {
        ALLOW, REVIEW, DENY;

        // Asked once per decision on the partners' path, so worked out once.
        private final String code = name().toLowerCase(Locale.ROOT);

        public String code() {
            return code;
        }
    }
}
