package org.credence.scorecard.data;

import org.credence.scorecard.ScorecardException;

/** Input that cannot be read as a data set; the message names the file, the line and the field. */
public final class DataFormatException extends ScorecardException {
    public DataFormatException(String source, long line, String reason) {
        super(source + ":" + line + ": " + reason);
    }

    public DataFormatException(String source, String reason) {
        super(source + ": " + reason);
    }
}
