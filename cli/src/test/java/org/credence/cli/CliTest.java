package org.credence.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.credence.cli.Harness.ORGANIZATION;
import static org.credence.cli.Harness.PERSON;
import static org.credence.cli.Harness.cli;
import static org.credence.cli.Harness.record;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.credence.formats.Json;
import org.credence.subject.IdSchemes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-line contract: exit codes, what goes to stdout, and the JSON shapes. */
class CliTest {

    @TempDir
    Path tmp;

    Harness harness;
    String data;

    @BeforeEach
    void load() {
        harness = new Harness(tmp.resolve("data"));
        data = harness.data.toString();
    }

    @Test
    void catalogCheckPrintsOneLinePerProblemWithItsPath() throws Exception {
        assertThat(cli("catalog", "check", Harness.catalogFile().toString()).exit()).isZero();

        String broken = Files.readString(Harness.catalogFile())
                .replaceFirst("category: judicial", "category: political_loyalty")
                .replaceFirst("(?m)^    legal_basis: .*\\n", "")
                .replaceFirst("effect: deny", "effect: deny\n    applies_to_relatives: true");
        Path file = harness.write("broken.yaml", broken);

        Harness.Result result = cli("catalog", "check", file.toString());

        assertThat(result.exit()).isEqualTo(1);
        List<String> lines = result.out().lines().toList();
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("record_types[0].category: declined"));
        assertThat(lines).anySatisfy(l -> assertThat(l).isEqualTo("record_types[0].legal_basis: required"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("measures[0].applies_to_relatives: declined"));
        assertThat(result.err()).contains("3 problem(s)");
    }

    @Test
    void importStoresAFileOrNothingAndNamesEveryBadLine() throws Exception {
        Path bad = harness.write("bad.ndjson", String.join("\n",
                record("court-1", "A-1", PERSON, "person", "court.judgment_default", "2026-03-01"),
                record("court-1", "A-2", "11010519491231002Y", "person", "court.judgment_default", "2026-03-01"),
                record("court-1", "A-3", ORGANIZATION, "organization", "traffic.ticket", "2026-03-01")));

        Harness.Result rejected = cli("import", bad.toString(), "--data", data);

        assertThat(rejected.exit()).isEqualTo(1);
        assertThat(rejected.err()).contains("bad.ndjson: line 2: subject.id: wrong check character")
                .contains("bad.ndjson: line 3: type: record type 'traffic.ticket' does not apply to a subject of kind organization")
                .contains("nothing was stored");
        assertThat(cli("file", PERSON, "--data", data).err()).contains("no records are held");

        Path good = harness.write("good.ndjson", record("court-1", "A-1", PERSON, "person", "court.judgment_default", "2026-03-01"));
        Harness.Result stored = cli("import", good.toString(), "--data", data);
        assertThat(stored.exit()).isZero();
        assertThat(stored.out()).contains("1 stored");
        assertThat(cli("import", good.toString(), "--data", data).out()).contains("0 stored, 1 already present");
    }

    @Test
    void importNamesTheLineOfEveryConflictAndStoresNothing() throws Exception {
        Path first = harness.write("first.ndjson", record("court-1", "K-1", PERSON, "person", "court.judgment_default", "2026-03-01"));
        assertThat(cli("import", first.toString(), "--data", data).exit()).isZero();
        String trail = cli("verify", "--data", data).out();
        Path clashing = harness.write("clashing.ndjson", String.join("\n",
                record("court-1", "K-2", PERSON, "person", "court.judgment_default", "2026-03-01"),
                record("court-1", "K-1", PERSON, "person", "court.judgment_default", "2026-04-01"),
                record("court-1", "K-3", "11010519491231002Y", "person", "court.judgment_default", "2026-03-01"),
                record("court-1", "K-2", PERSON, "person", "court.judgment_default", "2026-05-01"),
                record("court-1", "K-2", PERSON, "person", "court.judgment_default", "2026-03-01")));

        Harness.Result rejected = cli("import", clashing.toString(), "--data", data);

        assertThat(rejected.exit()).isEqualTo(1);
        List<String> lines = rejected.err().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo(clashing + ": line 2: source_ref: "
                + "conflicts with stored record 1: same source and source_ref, different record");
        assertThat(lines.get(1)).startsWith(clashing + ": line 3: subject.id: wrong check character");
        assertThat(lines.get(2)).isEqualTo(clashing + ": line 4: source_ref: "
                + "conflicts with line 1: same source and source_ref, different record");
        assertThat(lines.get(3)).endsWith("rejected, 3 problem(s); nothing was stored");
        assertThat(cli("verify", "--data", data).out()).isEqualTo(trail);
        assertThat(Json.mapper().readTree(cli("file", PERSON, "--data", data, "--json").out()).path("records"))
                .hasSize(1);
    }

    @Test
    void importReadsCsvWithTheSameRules() throws Exception {
        Path good = harness.write("records.csv", String.join("\n",
                "source,source_ref,subject_id,subject_kind,subject_name,type,occurred_at,details",
                "court-1,C-1," + PERSON + ",person,Zhang Wei,court.judgment_default,2026-03-01,\"{\"\"case\"\":\"\"(2026) 01\"\"}\"",
                "tax-1,C-2," + ORGANIZATION + ",organization,,tax.arrears,2026-06-01,"));
        assertThat(cli("import", good.toString(), "--data", data).exit()).isZero();

        Path bad = harness.write("bad.csv", String.join("\n",
                "source,source_ref,subject_id,subject_kind,type,occurred_at",
                "court-1,D-1," + PERSON + ",person,court.judgment_default,2026-13-01",
                "court-1,D-2,91512081MA62K0260F,organization,tax.arrears,2026-01-01"));
        Harness.Result rejected = cli("import", bad.toString(), "--data", data);
        assertThat(rejected.exit()).isEqualTo(1);
        assertThat(rejected.err()).contains("bad.csv: line 2: occurred_at: '2026-13-01' is not a date")
                .contains("bad.csv: line 3: subject_id: wrong check character");
    }

    @Test
    void decideAndFilePrintTheDocumentedJson() throws Exception {
        Path records = harness.write("r.ndjson", String.join("\n",
                record("court-1", "J-1", PERSON, "person", "court.judgment_default", "2026-03-01"),
                record("police-1", "T-1", PERSON, "person", "traffic.ticket", "2026-10-01")));
        cli("import", records.toString(), "--data", data);

        JsonNode decision = Json.mapper().readTree(cli("decide", PERSON, "travel.air.ticket", "--data", data, "--json").out());
        assertThat(decision.path("decision").asText()).isEqualTo("deny");
        assertThat(decision.path("decision_id").asText()).matches("d-[0-9]+");
        JsonNode measure = decision.path("measures").get(0);
        assertThat(measure.path("code").asText()).isEqualTo("no_air_travel");
        assertThat(measure.path("effect").asText()).isEqualTo("deny");
        assertThat(measure.path("legal_basis").asText()).isNotBlank();
        assertThat(measure.path("until").asText()).isEqualTo("2028-03-01");

        JsonNode file = Json.mapper().readTree(cli("file", PERSON, "--data", data, "--json").out());
        assertThat(file.path("subject").asText()).isEqualTo(PERSON);
        assertThat(file.path("kind").asText()).isEqualTo("person");
        assertThat(file.path("points").asInt()).isEqualTo(895);
        assertThat(file.path("grade").asText()).isEqualTo("B");
        JsonNode first = file.path("records").get(0);
        assertThat(first.path("type").asText()).isEqualTo("court.judgment_default");
        assertThat(first.path("occurred_at").asText()).isEqualTo("2026-03-01");
        assertThat(first.path("points").asInt()).isEqualTo(-100);
        assertThat(first.path("status").asText()).isEqualTo("active");
        assertThat(first.path("expires_on").asText()).isEqualTo("2029-03-01");
        assertThat(file.path("lists").get(0).path("code").asText()).isEqualTo("dishonest_debtors");
        assertThat(file.path("lists").get(0).path("until").asText()).isEqualTo("2028-03-01");
        assertThat(file.path("measures").size()).isGreaterThan(5);

        // As of a date after the ticket expired and the listing lapsed, the file says so.
        JsonNode later = Json.mapper().readTree(cli("file", PERSON, "--data", data, "--json", "--as-of", "2028-03-01").out());
        assertThat(later.path("points").asInt()).isEqualTo(900);
        assertThat(later.path("lists")).isEmpty();
        assertThat(cli("decide", PERSON, "travel.air.ticket", "--data", data, "--as-of", "2028-03-01").out()).startsWith("allow")
                .containsPattern("as of 2028-03-01 \\(d-[0-9]+\\)");
    }

    @Test
    void decideRefusesUnknownActionsAndInvalidIds() {
        Harness.Result unknown = cli("decide", PERSON, "travel.teleport", "--data", data);
        assertThat(unknown.exit()).isNotZero();
        assertThat(unknown.err()).contains("unknown action 'travel.teleport'");

        Harness.Result invalid = cli("decide", "11010519491231002Y", "travel.air.ticket", "--data", data);
        assertThat(invalid.exit()).isNotZero();
        assertThat(invalid.err()).contains("not a valid subject id").contains("wrong check character");

        assertThat(cli("decide", PERSON, "travel.air.ticket", "--data", tmp.resolve("nowhere").toString()).err())
                .contains("no data directory");
    }

    @Test
    void keysCreatePrintsOnlyTheKey() {
        Harness.Result created = cli("keys", "create", "--data", data, "--role", "partner", "--name", "rail",
                "--scope", "travel.rail.high_speed,travel.rail.first_class");
        assertThat(created.exit()).isZero();
        assertThat(created.out().lines().toList()).singleElement().asString().startsWith("cr_");

        assertThat(cli("keys", "create", "--data", data, "--role", "partner", "--name", "rail").err()).contains("rail");
        assertThat(cli("keys", "create", "--data", data, "--role", "king", "--name", "x").err()).contains("unknown role");
        assertThat(cli("keys", "create", "--data", data, "--role", "agency", "--name", "y", "--scope", "no.such").err())
                .contains("not a record type");
    }

    @Test
    void generateIsDeterministicAndMakesValidIds() throws Exception {
        Path a = tmp.resolve("a.ndjson");
        Path b = tmp.resolve("b.ndjson");
        Path c = tmp.resolve("c.ndjson");
        assertThat(cli("generate", "--subjects", "500", "--seed", "9", "--out", a.toString()).exit()).isZero();
        cli("generate", "--subjects", "500", "--seed", "9", "--out", b.toString());
        cli("generate", "--subjects", "500", "--seed", "10", "--out", c.toString());

        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
        assertThat(Files.readAllBytes(a)).isNotEqualTo(Files.readAllBytes(c));

        IdSchemes ids = IdSchemes.standard();
        List<JsonNode> records = Files.readAllLines(a).stream().map(l -> {
            try {
                return Json.mapper().readTree(l);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList();
        assertThat(records).allSatisfy(r -> assertThat(ids.kindOf(r.path("subject").path("id").asText())).isPresent());
        assertThat(records.stream().map(r -> r.path("subject").path("id").asText()).distinct().count()).isEqualTo(550);
        assertThat(cli("import", a.toString(), "--data", data).exit()).isZero();
    }
}
