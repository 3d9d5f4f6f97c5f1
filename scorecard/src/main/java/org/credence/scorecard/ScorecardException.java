package org.credence.scorecard;

/**
 * A problem the user can act on: unreadable data, a refused attribute, a model file that does not
 * match the data. Its message is one complete sentence, printed as is by the command line.
 */
public class ScorecardException extends RuntimeException {
    public ScorecardException(String message) {
        super(message);
    }

    public ScorecardException(String message, Throwable cause) {
        super(message, cause);
    }
}
