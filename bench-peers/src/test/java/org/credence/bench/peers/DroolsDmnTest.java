package org.credence.bench.peers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import org.credence.bench.SharedPopulation;
import org.credence.catalog.Action;
import org.credence.scoring.Decision;
import org.credence.scoring.Rulebook;
import org.credence.scoring.SubjectHistory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kie.dmn.api.core.DMNResult;

/**
 * The Drools DMN peer answers as {@link Rulebook#decide} does, so its timing is a timing of the same
 * work: same outcome and same measures, on the benchmark's population and on histories built to
 * reach every kind of trigger (record-entry lists, grade-entry lists, grade bands).
 */
class DroolsDmnTest {

    static SharedPopulation population;
    static DroolsDmn dmn;

    @BeforeAll
    static void load() {
        population = new SharedPopulation(20_000, 1 << 16);
        dmn = new DroolsDmn(population.rulebook.catalog());
    }

    @Test
    void answersAsTheRulebookOnTheBenchmarkPopulation() {
        Set<String> ids = new LinkedHashSet<>();
        int listed = 0;
        for (String id : population.lookupIds) {
            if (ids.contains(id)) {
                continue;
            }
            SubjectHistory h = population.index.history(id);
            if (h.size() > 0 || ids.size() < 50) {
                ids.add(id);
                listed += population.rulebook.memberships(h, SharedPopulation.AS_OF).isEmpty() ? 0 : 1;
            }
            if (ids.size() == 300) {
                break;
            }
        }
        assertThat(ids).hasSize(300);
        assertThat(listed).as("some sampled subjects are on a list").isGreaterThan(10);
        for (String id : ids) {
            assertSame(population.index.history(id), SharedPopulation.AS_OF);
        }
    }

    @Test
    void answersAsTheRulebookOnEveryKindOfTrigger() {
        Rulebook rulebook = population.rulebook;
        LocalDate day = SharedPopulation.AS_OF;
        int today = (int) day.toEpochDay();
        Set<String> applied = new TreeSet<>();
        // Listed debtor; credit watch (grade C) by points alone; trustworthy (AA) and AAA by commendations;
        // an organization on the tax and abnormal-operations lists together.
        String[][] histories = {
                {"court.judgment_default"},
                {"traffic.drunk_driving", "contract.breach_judgment", "contract.utility_arrears", "tax.arrears"},
                {"commendation.heroic_act"},
                {"commendation.heroic_act", "commendation.trustworthiness_model", "civic.blood_donation"},
                {"court.enforcement_evasion", "traffic.drunk_driving"},
                {"tax.arrears"},
                {"tax.evasion_major", "regulatory.annual_report_missing"},
        };
        for (String[] types : histories) {
            SubjectHistory h = SubjectHistory.EMPTY;
            long id = 1;
            for (String type : types) {
                int t = rulebook.typeIndex(type).orElseThrow();
                int occurred = today - 30;
                h = h.with(id++, t, occurred, rulebook.expiresDay(t, occurred), org.credence.record.RecordState.RECORDED);
            }
            applied.addAll(assertSame(h, day));
        }
        assertThat(applied).as("every measure of the catalog is reached")
                .containsAll(rulebook.catalog().measures().stream().map(m -> m.code()).toList());
    }

    /** Asserts DMN and the rulebook agree for every action of the catalog; returns the measures applied. */
    private static Set<String> assertSame(SubjectHistory h, LocalDate day) {
        Set<String> applied = new TreeSet<>();
        DroolsDmn.Status status = DroolsDmn.status(population.rulebook, h, day);
        for (Action action : population.rulebook.catalog().actions()) {
            Decision expected = population.rulebook.decide(h, population.rulebook.policy(action.code()).orElseThrow(), day);
            DMNResult result = dmn.evaluate(action.code(), status);
            Set<String> expectedMeasures = new TreeSet<>();
            expected.measures().forEach(m -> expectedMeasures.add(m.measure().code()));
            assertThat(DroolsDmn.outcome(result)).as("%s %s", status, action.code()).isEqualTo(expected.outcome().code());
            assertThat(new TreeSet<>(DroolsDmn.measures(result))).as("%s %s", status, action.code()).isEqualTo(expectedMeasures);
            applied.addAll(expectedMeasures);
        }
        return applied;
    }
}
