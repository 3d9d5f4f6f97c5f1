package org.credence.cli;

import org.credence.subject.IdSchemes;

/** Checks a subject id given on the command line. */
final class SubjectArgument {

    private SubjectArgument() {
    }

    static String valid(IdSchemes ids, String id) {
        if (ids.kindOf(id).isEmpty()) {
            throw new UserError("'" + id + "' is not a valid subject id: " + ids.whyInvalid(id));
        }
        return id;
    }
}
