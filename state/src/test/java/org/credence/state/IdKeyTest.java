package org.credence.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import org.credence.subject.UnifiedSocialCreditCode;
import org.credence.testing.SubjectIds;
import org.junit.jupiter.api.Test;

class IdKeyTest {

    @Property
    void aPersonsIdComesBackFromItsKey(@ForAll @LongRange(max = 24_999_999) long n) {
        assertRoundTrip(SubjectIds.person(n));
    }

    @Property
    void anOrganizationsCodeComesBackFromItsKey(@ForAll @LongRange(max = 26_439_622_160_670L) long n) {
        assertRoundTrip(SubjectIds.organization(n));
    }

    @Property
    void anyStringOfEitherShapeComesBackFromItsKey(@ForAll("shaped") String id) {
        assertRoundTrip(id);
    }

    @Property
    void differentStringsHaveDifferentKeys(@ForAll("shaped") String a, @ForAll("shaped") String b) {
        int hiA = IdKey.hi(a);
        int hiB = IdKey.hi(b);
        boolean same = hiA == hiB && IdKey.lo(a, hiA) == IdKey.lo(b, hiB);
        assertThat(same).isEqualTo(a.equals(b));
    }

    @Test
    void idsOfOtherShapesAreNotPacked() {
        // Wrong lengths, a lower-case x, the character after 9 (which is 10 away from 0, like X),
        // characters outside the code alphabet (I, Z, é).
        for (String id : new String[] {"", "123", "11010519491231002XX", "11010519491231002x", "11010519491231002:",
                "1101051949123100:X", "/1010519491231002X", "91512081MA62K0260I",
                "A1010519491231002Z", "91512081MA62K0260\u00e9"}) {
            assertThat(IdKey.hi(id)).as(id).isEqualTo(IdKey.UNPACKABLE);
        }
    }

    @Test
    void aStringOfDigitsEndingInXIsAPersonsShapeAndDiffersFromTheSameDigitsEndingOtherwise() {
        Set<String> keys = new HashSet<>();
        for (char last : "0123456789XABCY".toCharArray()) {
            String id = "11010519491231002" + last;
            int hi = IdKey.hi(id);
            assertThat(hi).isNotEqualTo(IdKey.UNPACKABLE);
            assertThat(keys.add(hi + ":" + IdKey.lo(id, hi))).isTrue();
            assertRoundTrip(id);
        }
    }

    @Provide
    Arbitrary<String> shaped() {
        Arbitrary<String> personShape = Arbitraries.strings().numeric().ofLength(17)
                .flatMap(digits -> Arbitraries.of("0123456789X".toCharArray()).map(c -> digits + c));
        Arbitrary<String> codeShape = Arbitraries.strings().withChars(UnifiedSocialCreditCode.ALPHABET.toCharArray()).ofLength(18);
        return Arbitraries.oneOf(personShape, codeShape, Arbitraries.of("000000000000000000", "YYYYYYYYYYYYYYYYYY",
                "99999999999999999X", "00000000000000000A"));
    }

    private static void assertRoundTrip(String id) {
        int hi = IdKey.hi(id);
        assertThat(hi).as(id).isNotEqualTo(IdKey.UNPACKABLE);
        assertThat(IdKey.decode(IdKey.lo(id, hi), hi)).isEqualTo(id);
    }
}
