package org.credence.subject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.credence.testing.SubjectIds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdSchemesTest {

    private static final IdSchemes IDS = IdSchemes.standard();

    // Written out from the published weights and tables rather than taken from the schemes, so that a
    // shared mistake cannot make the schemes agree with themselves.
    private static final int[] RIN_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String RIN_CHECK = "10X98765432";
    private static final String USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] USCC_WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private static char referenceRinCheck(String body) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += Character.digit(body.charAt(i), 10) * RIN_WEIGHTS[i];
        }
        return RIN_CHECK.charAt(sum % 11);
    }

    private static char referenceUsccCheck(String body) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += USCC_ALPHABET.indexOf(body.charAt(i)) * USCC_WEIGHTS[i];
        }
        int check = 31 - sum % 31;
        return USCC_ALPHABET.charAt(check == 31 ? 0 : check);
    }

    @Test
    void acceptsTheWorkedExampleOfAResidentIdentityNumber() {
        assertThat(IDS.problem(SubjectKind.PERSON, "11010519491231002X")).isEmpty();
        assertThat(IDS.kindOf("11010519491231002X")).contains(SubjectKind.PERSON);
    }

    @Test
    void acceptsTheWorkedExampleOfAUnifiedSocialCreditCode() {
        assertThat(IDS.problem(SubjectKind.ORGANIZATION, "91512081MA62K0260E")).isEmpty();
        assertThat(IDS.kindOf("91512081MA62K0260E")).contains(SubjectKind.ORGANIZATION);
    }

    static Stream<String> wrongPersonChecks() {
        return SubjectIds.wrongChecks(SubjectKind.PERSON, SubjectIds.PERSON_EXAMPLE).stream();
    }

    @ParameterizedTest
    @MethodSource("wrongPersonChecks")
    void rejectsEveryWrongCheckCharacterOfAResidentIdentityNumber(String id) {
        assertThat(IDS.problem(SubjectKind.PERSON, id)).hasValueSatisfying(why -> assertThat(why)
                .contains("wrong check character '" + id.charAt(17) + "'")
                .contains("expects 'X'"));
        assertThat(IDS.kindOf(id)).isNotEqualTo(Optional.of(SubjectKind.PERSON));
    }

    static Stream<String> wrongOrganizationChecks() {
        return SubjectIds.wrongChecks(SubjectKind.ORGANIZATION, SubjectIds.ORGANIZATION_EXAMPLE).stream();
    }

    @ParameterizedTest
    @MethodSource("wrongOrganizationChecks")
    void rejectsEveryWrongCheckCharacterOfAUnifiedSocialCreditCode(String id) {
        assertThat(IDS.problem(SubjectKind.ORGANIZATION, id)).hasValueSatisfying(why -> assertThat(why)
                .contains("wrong check character '" + id.charAt(17) + "'")
                .contains("expects 'E'"));
        assertThat(IDS.kindOf(id)).isEmpty();
    }

    @Test
    void theWrongCheckFixtureCoversEveryOtherCharacterOfEachScheme() {
        assertThat(SubjectIds.wrongChecks(SubjectKind.PERSON, SubjectIds.PERSON_EXAMPLE)).hasSize(10).doesNotHaveDuplicates();
        assertThat(SubjectIds.wrongChecks(SubjectKind.ORGANIZATION, SubjectIds.ORGANIZATION_EXAMPLE)).hasSize(30)
                .doesNotHaveDuplicates();
    }

    @Test
    void lowercaseXIsNotTheCheckCharacterX() {
        assertThat(IDS.problem(SubjectKind.PERSON, "11010519491231002x")).hasValueSatisfying(why ->
                assertThat(why).contains("wrong check character 'x'"));
    }

    /** Bodies drawn at random, each checked against the reference computation. */
    static Stream<String> randomPersonBodies() {
        Random random = new Random(20_150_101L);
        List<String> bodies = new ArrayList<>();
        for (int n = 0; n < 300; n++) {
            StringBuilder body = new StringBuilder();
            for (int i = 0; i < 17; i++) {
                body.append((char) ('0' + random.nextInt(10)));
            }
            bodies.add(body.toString());
        }
        return bodies.stream();
    }

    @ParameterizedTest
    @MethodSource("randomPersonBodies")
    void residentIdentityNumbersFollowMod11Dash2(String body) {
        char check = referenceRinCheck(body);
        assertThat(ResidentIdentityNumber.checkCharacter(body)).isEqualTo(check);
        assertThat(IDS.problem(SubjectKind.PERSON, body + check)).isEmpty();
        for (String wrong : SubjectIds.wrongChecks(SubjectKind.PERSON, body + check)) {
            assertThat(IDS.problem(SubjectKind.PERSON, wrong)).as(wrong).isPresent();
        }
    }

    static Stream<String> randomOrganizationBodies() {
        Random random = new Random(20_151_001L);
        List<String> bodies = new ArrayList<>();
        for (int n = 0; n < 300; n++) {
            StringBuilder body = new StringBuilder();
            for (int i = 0; i < 17; i++) {
                body.append(USCC_ALPHABET.charAt(random.nextInt(31)));
            }
            bodies.add(body.toString());
        }
        return bodies.stream();
    }

    @ParameterizedTest
    @MethodSource("randomOrganizationBodies")
    void unifiedSocialCreditCodesFollowGb32100(String body) {
        char check = referenceUsccCheck(body);
        assertThat(UnifiedSocialCreditCode.checkCharacter(body)).isEqualTo(check);
        assertThat(IDS.problem(SubjectKind.ORGANIZATION, body + check)).isEmpty();
        for (String wrong : SubjectIds.wrongChecks(SubjectKind.ORGANIZATION, body + check)) {
            assertThat(IDS.problem(SubjectKind.ORGANIZATION, wrong)).as(wrong).isPresent();
        }
    }

    @Test
    void aWeightedSumDivisibleBy31GivesCheckZeroNot31() {
        assertThat(UnifiedSocialCreditCode.checkCharacter("0".repeat(17))).isEqualTo('0');
        assertThat(IDS.problem(SubjectKind.ORGANIZATION, "0".repeat(18))).isEmpty();
        // 4 * 1 + 1 * 27 = 31
        assertThat(UnifiedSocialCreditCode.checkCharacter("4001" + "0".repeat(13))).isEqualTo('0');
        assertThat(IDS.problem(SubjectKind.ORGANIZATION, "4001" + "0".repeat(14))).isEmpty();
    }

    @Test
    void aSumOf30ModuloGivesCheckOne() {
        // 30 = 'Y' * weight 1: 31 - 30 = 1.
        assertThat(UnifiedSocialCreditCode.checkCharacter("Y" + "0".repeat(16))).isEqualTo('1');
    }

    @Test
    void residentIdentityNumberCheckCharacterXStandsForTen() {
        // Sum 2 (a '1' with weight 2 at the last body position): 2 mod 11 = 2 -> 'X'.
        assertThat(ResidentIdentityNumber.checkCharacter("0".repeat(16) + "1")).isEqualTo('X');
        assertThat(IDS.problem(SubjectKind.PERSON, "0".repeat(16) + "1X")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1101051949123100", "11010519491231002", "11010519491231002XX", "110105194912310020000"})
    void rejectsResidentIdentityNumbersOfTheWrongLength(String id) {
        assertThat(IDS.problem(SubjectKind.PERSON, id)).hasValue(
                "a resident identity number has 18 characters, not " + id.length());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "91512081MA62K0260", "91512081MA62K0260EE", "9151208"})
    void rejectsUnifiedSocialCreditCodesOfTheWrongLength(String id) {
        assertThat(IDS.problem(SubjectKind.ORGANIZATION, id)).hasValue(
                "a unified social credit code has 18 characters, not " + id.length());
    }

    @ParameterizedTest
    @ValueSource(strings = {"A1010519491231002X", "1101051949123100AX", "110105-9491231002X", "11010519491231 02X"})
    void rejectsResidentIdentityNumbersWithANonDigitBeforeTheCheck(String id) {
        int bad = 0;
        while (Character.isDigit(id.charAt(bad))) {
            bad++;
        }
        assertThat(IDS.problem(SubjectKind.PERSON, id)).hasValue(
                "character " + (bad + 1) + " of a resident identity number must be a digit");
    }

    @ParameterizedTest
    @ValueSource(chars = {'I', 'O', 'S', 'V', 'Z', 'a', 'e', '-', ' '})
    void rejectsCharactersOutsideTheGb32100SetAnywhereInACode(char bad) {
        for (int at : new int[] {0, 8, 17}) {
            String id = SubjectIds.ORGANIZATION_EXAMPLE.substring(0, at) + bad + SubjectIds.ORGANIZATION_EXAMPLE.substring(at + 1);
            assertThat(IDS.problem(SubjectKind.ORGANIZATION, id)).as(id).hasValue(
                    "character " + (at + 1) + " ('" + bad + "') is outside the GB 32100 character set");
        }
    }

    @Test
    void theGb32100AlphabetHasThirtyOneCharactersWithoutIOSVZ() {
        assertThat(UnifiedSocialCreditCode.ALPHABET).isEqualTo(USCC_ALPHABET).hasSize(31).doesNotContain("I", "O", "S", "V", "Z");
    }

    @Test
    void generatedIdsAreValidAndDistinct() {
        List<String> persons = new ArrayList<>();
        List<String> organizations = new ArrayList<>();
        for (long n = 0; n < 2000; n += 7) {
            persons.add(SubjectIds.person(n * 11_003));
            organizations.add(SubjectIds.organization(n * 1_000_003));
        }
        assertThat(persons).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(IDS.problem(SubjectKind.PERSON, id)).as(id).isEmpty());
        assertThat(organizations).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(IDS.problem(SubjectKind.ORGANIZATION, id)).as(id).isEmpty());
        assertThat(IDS.problem(SubjectKind.PERSON, SubjectIds.mutateCheck(SubjectKind.PERSON, persons.get(3)))).isPresent();
        assertThat(IDS.problem(SubjectKind.ORGANIZATION, SubjectIds.mutateCheck(SubjectKind.ORGANIZATION, organizations.get(3))))
                .isPresent();
    }

    @Test
    void kindOfFindsNoKindForAnIdNoSchemeAccepts() {
        assertThat(IDS.kindOf("not an id")).isEmpty();
        assertThat(IDS.kindOf(SubjectIds.withCheck(SubjectIds.PERSON_EXAMPLE, '3'))).isEmpty();
    }

    @Test
    void anIdOfOneKindIsRejectedForTheOther() {
        assertThat(IDS.problem(SubjectKind.ORGANIZATION, "91512081MA62K0260E")).isEmpty();
        assertThat(IDS.problem(SubjectKind.PERSON, "91512081MA62K0260E")).hasValue(
                "character 9 of a resident identity number must be a digit");
    }

    @Test
    void whyInvalidNamesEachSchemesObjection() {
        assertThat(IDS.whyInvalid("12345")).isEqualTo(
                "as person: a resident identity number has 18 characters, not 5; "
                        + "as organization: a unified social credit code has 18 characters, not 5");
        assertThat(IDS.whyInvalid("11010519491231002Z")).contains(
                "as person: wrong check character 'Z' (MOD 11-2 expects 'X')",
                "as organization: character 18 ('Z') is outside the GB 32100 character set");
    }

    @Test
    void schemesArePluggableOnePerKind() {
        IdScheme anyPerson = new IdScheme() {
            @Override
            public SubjectKind kind() {
                return SubjectKind.PERSON;
            }

            @Override
            public Optional<String> problem(String id) {
                return id.startsWith("P-") ? Optional.empty() : Optional.of("must start with P-");
            }
        };
        IdSchemes local = IdSchemes.of(anyPerson, new UnifiedSocialCreditCode());
        assertThat(local.problem(SubjectKind.PERSON, "P-42")).isEmpty();
        assertThat(local.problem(SubjectKind.PERSON, SubjectIds.PERSON_EXAMPLE)).hasValue("must start with P-");
        assertThat(local.kindOf("P-42")).contains(SubjectKind.PERSON);

        assertThatThrownBy(() -> IdSchemes.of(anyPerson, new ResidentIdentityNumber(), new UnifiedSocialCreditCode()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("two schemes for person");
        assertThatThrownBy(() -> IdSchemes.of(new ResidentIdentityNumber()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no scheme for organization");
    }

    @Test
    void subjectKindsHaveLowercaseCodes() {
        assertThat(SubjectKind.fromCode("person")).contains(SubjectKind.PERSON);
        assertThat(SubjectKind.fromCode("organization")).contains(SubjectKind.ORGANIZATION);
        assertThat(SubjectKind.fromCode("Person")).isEmpty();
        assertThat(SubjectKind.fromCode("company")).isEmpty();
    }
}
