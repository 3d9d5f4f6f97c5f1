package org.credence.formats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;
import org.credence.catalog.CatalogReader;
import org.credence.record.RecordReader;
import org.credence.record.RecordSubmission;
import org.credence.subject.IdSchemes;

/**
 * The common-shape reader is only a faster way to the general reader's answer: whatever a line holds,
 * a record it gives is the one the general reader accepts, and a line of the common shape that the
 * general reader accepts is never left to it.
 */
class RecordLinePropertiesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 1);
    private static final RecordReader READER;

    static {
        try {
            String yaml = Files.readString(Path.of("../catalogs/example-city.yaml"));
            READER = new RecordReader(((CatalogReader.Valid) CatalogYaml.read(yaml)).catalog(), IdSchemes.standard(),
                    Json::canonical);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A generated line, and whether it has the common shape (every value of the kind the shape reads). */
    record Line(String json, boolean commonShape) {
        @Override
        public String toString() {
            return json;
        }
    }

    @Property(tries = 3000)
    void theCommonReaderGivesTheGeneralReadersRecord(@ForAll("lines") Line line) {
        byte[] bytes = line.json().getBytes(StandardCharsets.UTF_8);
        Optional<RecordSubmission> common = RecordLine.common(bytes, READER, TODAY);
        Optional<RecordSubmission> general = general(line.json());
        Statistics.collect(common.isPresent() ? "read the common way" : general.isPresent() ? "read the general way" : "rejected");

        if (common.isPresent()) {
            assertThat(general).contains(common.get());
        }
        if (general.isPresent() && line.commonShape()) {
            assertThat(common).contains(general.get());
        }
    }

    @Property(tries = 200)
    void validLinesOfTheCommonShapeTakeTheFastWay(@ForAll("validLines") String line) {
        assertThat(RecordLine.common(line.getBytes(StandardCharsets.UTF_8), READER, TODAY)).isPresent()
                .isEqualTo(general(line));
    }

    private static Optional<RecordSubmission> general(String json) {
        try {
            return READER.read(Json.parse(json), TODAY) instanceof RecordReader.Accepted accepted
                    ? Optional.of(accepted.record()) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** A field's value as JSON text, and whether the common shape reads it (a string, or the field left out). */
    record Value(String json, boolean shaped) {
        static Value text(String s) {
            return new Value(Json.write(s), true);
        }

        static Value raw(String json) {
            return new Value(json, false);
        }

        static final Value ABSENT = new Value(null, true);
    }

    /**
     * Mostly the values given, so that a line often fails on one field only, which is where a check
     * missed by the common reader would show.
     */
    private static Arbitrary<Value> texts(String... valid) {
        return Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.of(valid).map(Value::text)),
                Tuple.of(2, Arbitraries.of(valid).map(v -> Value.text("  " + v + " "))),
                Tuple.of(1, Arbitraries.of("", "   ", "\t", "x".repeat(257), "\u00e9t\u00e9", "a\"b\\c").map(Value::text)),
                Tuple.of(1, Arbitraries.of("12", "true", "null", "[\"a\"]", "{\"a\":1}").map(Value::raw)),
                Tuple.of(1, Arbitraries.just(Value.ABSENT)));
    }

    private static Arbitrary<Value> validTexts(String... valid) {
        return Arbitraries.of(valid).map(Value::text);
    }

    private static final String PERSON = "11010519491231002X";
    private static final String ORGANIZATION = "91512081MA62K0260E";
    private static final String[] TYPES = {"court.judgment_default", "tax.a_grade_taxpayer", "traffic.ticket", "no.such_type"};
    private static final String[] DATES = {"2026-03-01", "2026-11-01", "2026-11-02", "2026-13-01", "1 March 2026", "2024-02-29"};
    private static final String[] DETAILS = {"{}", "{\"synthetic\":true}", "{\"b\":1.50,\"a\":[1,{\"c\":null}],\"n\":12345678901234567890}",
            "{\"a\":1,\"a\":2}", "{\"x\":{\"a\":1,\"a\":2}}", "{\"x\":[{\"a\":1,\"a\":2}]}", "\"text\"", "null", "[1]"};

    @Provide
    Arbitrary<Line> lines() {
        Arbitrary<List<Field>> subject = subject(texts(PERSON, ORGANIZATION, "123"), texts("person", "organization", "robot"),
                texts("Zhang San", "x".repeat(256)));
        Arbitrary<Value> subjectValue = Arbitraries.frequencyOf(
                Tuple.of(12, subject.map(fields -> new Value(object(fields, ""), fields.stream().allMatch(f -> f.value().shaped())))),
                Tuple.of(1, subject.map(fields -> new Value(object(fields, ",\"extra\":\"x\""), false))),
                Tuple.of(1, Arbitraries.of("\"11010519491231002X\"", "null").map(Value::raw)),
                Tuple.of(1, Arbitraries.just(Value.ABSENT)));
        Arbitrary<Value> details = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.of(DETAILS).map(d -> new Value(d, d.startsWith("{")))),
                Tuple.of(1, Arbitraries.just(Value.ABSENT)));
        Arbitrary<List<Field>> fields = record(texts("court-1", "tax"), texts("ref-1", "(2025) Jing 0105 Zhi 1234"),
                subjectValue, texts(TYPES), texts(DATES), details);
        Arbitrary<String> extra = Arbitraries.of("", "", "", ",\"extra\":\"x\"", ",\"source\":\"court-1\"", ",\"details\":{}");
        Arbitrary<String> after = Arbitraries.of("", "", "", " ", " {}", "}", "x");
        return Combinators.combine(fields.flatMap(f -> Arbitraries.shuffle(f)), extra, after).as((f, more, tail) -> new Line(
                object(f, more) + tail, more.isEmpty() && tail.isBlank() && f.stream().allMatch(x -> x.value().shaped())));
    }

    @Provide
    Arbitrary<String> validLines() {
        Arbitrary<List<Field>> subject = subject(validTexts(PERSON), validTexts("person"),
                Arbitraries.oneOf(validTexts("Zhang San", " Li Si "), Arbitraries.just(Value.ABSENT)));
        return record(validTexts("court-1", " tax "), validTexts("ref-1", "\u5218-7"),
                subject.map(s -> new Value(object(s, ""), true)), validTexts("court.judgment_default", "traffic.ticket"),
                validTexts("2026-03-01", "2026-11-01"), Arbitraries.of("{}", "{\"z\":1,\"a\":\"b\"}").map(d -> new Value(d, true)))
                .map(fields -> object(fields, ""));
    }

    private static Arbitrary<List<Field>> subject(Arbitrary<Value> id, Arbitrary<Value> kind, Arbitrary<Value> name) {
        return Combinators.combine(id, kind, name).as((i, k, n) -> List.of(new Field("id", i), new Field("kind", k),
                new Field("name", n)));
    }

    private static Arbitrary<List<Field>> record(Arbitrary<Value> source, Arbitrary<Value> sourceRef, Arbitrary<Value> subject,
                                                 Arbitrary<Value> type, Arbitrary<Value> occurredAt, Arbitrary<Value> details) {
        return Combinators.combine(source, sourceRef, subject, type, occurredAt, details).as((s, r, subj, t, o, d) -> List.of(
                new Field("source", s), new Field("source_ref", r), new Field("subject", subj), new Field("type", t),
                new Field("occurred_at", o), new Field("details", d)));
    }

    record Field(String name, Value value) {
    }

    private static String object(List<Field> fields, String more) {
        List<String> parts = new ArrayList<>();
        for (Field f : fields) {
            if (f.value().json() != null) {
                parts.add(Json.write(f.name()) + ":" + f.value().json());
            }
        }
        return "{" + String.join(",", parts) + more + "}";
    }
}
