package org.credence.testing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.credence.subject.ResidentIdentityNumber;
import org.credence.subject.SubjectKind;
import org.credence.subject.UnifiedSocialCreditCode;

/**
 * Valid subject ids made from a number, and ids broken in one known way. Distinct numbers give
 * distinct ids (persons: below 25,000,000; organizations: below 31^9), so a generated population has
 * no accidental duplicates.
 */
public final class SubjectIds {

    /** The worked example of a resident identity number (check character X). */
    public static final String PERSON_EXAMPLE = "11010519491231002X";
    /** The worked example of a unified social credit code. */
    public static final String ORGANIZATION_EXAMPLE = "91512081MA62K0260E";

    /** Every character that can stand last in a resident identity number. */
    public static final String PERSON_CHECK_CHARACTERS = "0123456789X";

    private static final LocalDate FIRST_BIRTH = LocalDate.of(1940, 1, 1);

    private SubjectIds() {
    }

    /**
     * A valid resident identity number: a Beijing Chaoyang region code, a birth date from 1940 on and
     * a three-digit sequence, all drawn from {@code n}.
     */
    public static String person(long n) {
        if (n < 0 || n >= 25_000_000L) {
            throw new IllegalArgumentException("person number out of range: " + n);
        }
        LocalDate birth = FIRST_BIRTH.plusDays(n / 1000);
        String body = "110105" + String.format("%04d%02d%02d", birth.getYear(), birth.getMonthValue(), birth.getDayOfMonth())
                + String.format("%03d", n % 1000);
        return body + ResidentIdentityNumber.checkCharacter(body);
    }

    /**
     * A valid unified social credit code: an enterprise registered in a Beijing district ("91" and
     * region 110105), with the nine-character organization code spelling {@code n} in base 31.
     */
    public static String organization(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("organization number out of range: " + n);
        }
        char[] code = new char[9];
        long rest = n;
        for (int i = 8; i >= 0; i--) {
            code[i] = UnifiedSocialCreditCode.ALPHABET.charAt((int) (rest % 31));
            rest /= 31;
        }
        if (rest != 0) {
            throw new IllegalArgumentException("organization number out of range: " + n);
        }
        String body = "91110105" + new String(code);
        return body + UnifiedSocialCreditCode.checkCharacter(body);
    }

    public static String of(SubjectKind kind, long n) {
        return kind == SubjectKind.PERSON ? person(n) : organization(n);
    }

    /** {@code id} with its last (check) character replaced by {@code check}. */
    public static String withCheck(String id, char check) {
        return id.substring(0, id.length() - 1) + check;
    }

    /** Every id that differs from the valid {@code id} only in a wrong check character of its scheme. */
    public static List<String> wrongChecks(SubjectKind kind, String id) {
        String candidates = kind == SubjectKind.PERSON ? PERSON_CHECK_CHARACTERS : UnifiedSocialCreditCode.ALPHABET;
        char right = id.charAt(id.length() - 1);
        List<String> wrong = new ArrayList<>();
        for (char c : candidates.toCharArray()) {
            if (c != right) {
                wrong.add(withCheck(id, c));
            }
        }
        return wrong;
    }

    /** {@code id} with its check character moved to the next one its scheme allows: always wrong. */
    public static String mutateCheck(SubjectKind kind, String id) {
        String candidates = kind == SubjectKind.PERSON ? PERSON_CHECK_CHARACTERS : UnifiedSocialCreditCode.ALPHABET;
        int at = candidates.indexOf(id.charAt(id.length() - 1));
        return withCheck(id, candidates.charAt((at + 1) % candidates.length()));
    }
}
