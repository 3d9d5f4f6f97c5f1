package org.credence.subject;

import java.util.Optional;

/**
 * The 18-character resident identity number (GB 11643): 17 digits and an ISO 7064 MOD 11-2 check
 * character, 0–9 or X.
 */
public final class ResidentIdentityNumber implements IdScheme {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    @Override
    public SubjectKind kind() {
        return SubjectKind.PERSON;
    }

    @Override
    public Optional<String> problem(String id) {
        if (id.length() != 18) {
            return Optional.of("a resident identity number has 18 characters, not " + id.length());
        }
        for (int i = 0; i < 17; i++) {
            if (id.charAt(i) < '0' || id.charAt(i) > '9') {
                return Optional.of("character " + (i + 1) + " of a resident identity number must be a digit");
            }
        }
        char expected = checkCharacter(id);
        if (id.charAt(17) != expected) {
            return Optional.of("wrong check character '" + id.charAt(17) + "' (MOD 11-2 expects '" + expected + "')");
        }
        return Optional.empty();
    }

    /** The check character for the first 17 digits of {@code id}. */
    public static char checkCharacter(CharSequence id) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (id.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }
}
