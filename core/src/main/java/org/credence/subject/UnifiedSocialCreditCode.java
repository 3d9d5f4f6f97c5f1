package org.credence.subject;

import java.util.Optional;

/**
 * The 18-character Unified Social Credit Code of organizations (GB 32100-2015): characters from
 * {@code 0-9 A-H J-N P-R T U W X Y} (values 0–30) and a MOD 31 check character.
 */
public final class UnifiedSocialCreditCode implements IdScheme {

    public static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    @Override
    public SubjectKind kind() {
        return SubjectKind.ORGANIZATION;
    }

    @Override
    public Optional<String> problem(String id) {
        if (id.length() != 18) {
            return Optional.of("a unified social credit code has 18 characters, not " + id.length());
        }
        for (int i = 0; i < 18; i++) {
            if (ALPHABET.indexOf(id.charAt(i)) < 0) {
                return Optional.of("character " + (i + 1) + " ('" + id.charAt(i)
                        + "') is outside the GB 32100 character set");
            }
        }
        char expected = checkCharacter(id);
        if (id.charAt(17) != expected) {
            return Optional.of("wrong check character '" + id.charAt(17) + "' (GB 32100 expects '" + expected + "')");
        }
        return Optional.empty();
    }

    /** The check character for the first 17 characters of {@code id}, which must be in the alphabet. */
    public static char checkCharacter(CharSequence id) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += ALPHABET.indexOf(id.charAt(i)) * WEIGHTS[i];
        }
        int check = 31 - sum % 31;
        return ALPHABET.charAt(check == 31 ? 0 : check);
    }
}
