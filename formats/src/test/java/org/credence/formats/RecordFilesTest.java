package org.credence.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.credence.catalog.CatalogReader;
import org.credence.record.RecordBatch;
import org.credence.record.RecordReader;
import org.credence.record.RecordStream;
import org.credence.subject.IdSchemes;
import org.junit.jupiter.api.Test;

/**
 * NDJSON files are read as bytes, a chunk of lines at a time: line numbers, blank lines, problems and
 * duplicates across chunks come out exactly as when the text is read line by line.
 */
class RecordFilesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 1);
    private static final String PERSON = "11010519491231002X";

    private final RecordReader reader = new RecordReader(catalog(), IdSchemes.standard(), Json::canonical);

    private static org.credence.catalog.Catalog catalog() {
        try {
            String yaml = Files.readString(Path.of("../catalogs/example-city.yaml"));
            return ((CatalogReader.Valid) CatalogYaml.read(yaml)).catalog();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String record(String ref, String subjectId) {
        return "{\"source\":\"court-1\",\"source_ref\":\"" + ref + "\",\"subject\":{\"id\":\"" + subjectId
                + "\",\"kind\":\"person\"},\"type\":\"court.judgment_default\",\"occurred_at\":\"2026-03-01\"}";
    }

    private RecordBatch fromBytes(String text) {
        return read(text.getBytes(StandardCharsets.UTF_8), RecordFiles.Format.NDJSON);
    }

    /** A file's stream read to its end, as a batch holds it. */
    private RecordBatch read(byte[] file, RecordFiles.Format format) {
        try (RecordStream stream = RecordFiles.stream(new ByteArrayInputStream(file), format, reader, TODAY)) {
            return RecordBatch.of(stream);
        }
    }

    private RecordBatch fromText(String text) throws IOException {
        return RecordFiles.readNdjson(new StringReader(text), reader, TODAY);
    }

    @Test
    void everyLineEndCountsAsInATextReaderAndBlankLinesAreSkipped() throws IOException {
        String text = record("A-1", PERSON) + "\r\n"
                + "\r\n"
                + "  \u3000\r"
                + "{not json\n"
                + record("A-2", PERSON) + "\r\n"
                + record("A-3", "11010519491231002Y") + "\n"
                + "\t\n"
                + "[1]";
        RecordBatch batch = fromBytes(text);
        assertThat(batch.problems()).extracting(RecordBatch.LineProblem::line).containsExactly(4, 6, 8);
        assertThat(batch.problems().get(0).reason()).startsWith("malformed JSON");
        assertThat(batch.problems().get(1).toString()).startsWith("line 6: subject.id: wrong check character");
        assertThat(batch.problems()).isEqualTo(fromText(text).problems());
    }

    @Test
    void duplicatesAndConflictsAreFoundAcrossChunks() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < RecordFiles.CHUNK_LINES * 2 + 10; i++) {
            lines.add(record("R-" + i, PERSON));
        }
        lines.set(RecordFiles.CHUNK_LINES + 3, record("R-0", PERSON));
        lines.set(RecordFiles.CHUNK_LINES * 2 + 5, record("R-1", PERSON).replace("2026-03-01", "2026-03-02"));
        RecordBatch batch = fromBytes(String.join("\n", lines) + "\n");
        assertThat(batch.problems()).hasSize(1).first()
                .hasToString("line " + (RecordFiles.CHUNK_LINES * 2 + 6)
                        + ": source_ref: conflicts with line 2: same source and source_ref, different record");
        assertThat(batch.records()).hasSize(RecordFiles.CHUNK_LINES * 2 + 8);
        assertThat(batch.records().get(5).sourceRef()).isEqualTo("R-5");
        assertThat(fromText(String.join("\n", lines)).problems()).isEqualTo(batch.problems());
    }

    @Test
    void malformedUtf8IsAProblemOfItsLine() throws IOException {
        byte[] good = (record("A-1", PERSON) + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] bad = record("A-2", PERSON).getBytes(StandardCharsets.UTF_8);
        bad[record("A-2", PERSON).indexOf("court-1") + 6] = (byte) 0xff;
        byte[] file = new byte[good.length + bad.length];
        System.arraycopy(good, 0, file, 0, good.length);
        System.arraycopy(bad, 0, file, good.length, bad.length);
        RecordBatch batch = read(file, RecordFiles.Format.NDJSON);
        assertThat(batch.problems()).extracting(Object::toString)
                .containsExactly("line 2: malformed JSON: Invalid UTF-8 start byte 0xff");
    }

    @Test
    void anEmptyFileHoldsNoRecords() throws IOException {
        assertThat(fromBytes("").problems()).extracting(Object::toString)
                .containsExactly("line 1: the file holds no records");
        assertThat(fromText("").problems()).isEqualTo(fromBytes("").problems());
    }

    @Test
    void aStreamGivesEachRecordItsLineAcrossChunksAndKeepsProblemsApart() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < RecordFiles.CHUNK_LINES + 10; i++) {
            lines.add(record("S-" + i, PERSON));
        }
        lines.set(3, "");
        lines.set(RecordFiles.CHUNK_LINES + 2, record("S-bad", "11010519491231002Y"));
        List<Integer> seen = new ArrayList<>();
        try (RecordStream stream = RecordFiles.stream(new ByteArrayInputStream(String.join("\n", lines)
                .getBytes(StandardCharsets.UTF_8)), RecordFiles.Format.NDJSON, reader, TODAY)) {
            for (var chunk = stream.next(); chunk.isPresent(); chunk = stream.next()) {
                for (int i = 0; i < chunk.get().size(); i++) {
                    seen.add(chunk.get().lines()[i]);
                    assertThat(chunk.get().records().get(i).sourceRef()).isEqualTo("S-" + (chunk.get().lines()[i] - 1));
                }
            }
            assertThat(stream.problems()).extracting(Object::toString).singleElement().asString()
                    .startsWith("line " + (RecordFiles.CHUNK_LINES + 3) + ": subject.id: wrong check character");
        }
        assertThat(seen).hasSize(RecordFiles.CHUNK_LINES + 8).doesNotContain(4, RecordFiles.CHUNK_LINES + 3).isSorted();
    }

    @Test
    void csvIsStreamedInChunksWithTheLinesOfItsRows() {
        StringBuilder csv = new StringBuilder("source,source_ref,subject_id,subject_kind,type,occurred_at\n");
        for (int i = 0; i < RecordFiles.CHUNK_LINES + 5; i++) {
            String date = i == RecordFiles.CHUNK_LINES + 1 ? "2026-13-01" : "2026-03-01";
            csv.append("court-1,C-").append(i).append(',').append(PERSON).append(",person,court.judgment_default,")
                    .append(date).append('\n');
        }
        RecordBatch batch = read(csv.toString().getBytes(StandardCharsets.UTF_8), RecordFiles.Format.CSV);
        assertThat(batch.problems()).extracting(Object::toString)
                .containsExactly("line " + (RecordFiles.CHUNK_LINES + 3) + ": occurred_at: '2026-13-01' is not a date YYYY-MM-DD");
        assertThat(batch.records()).hasSize(RecordFiles.CHUNK_LINES + 4);
    }

    @Test
    void aFileThatFailsMidwayFailsItsReadNamingTheLine() {
        byte[] good = (record("F-1", PERSON) + "\n" + record("F-2", PERSON) + "\n").getBytes(StandardCharsets.UTF_8);
        InputStream failing = new SequenceInputStream(new ByteArrayInputStream(good), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("device error");
            }
        });
        try (RecordStream stream = RecordFiles.stream(failing, RecordFiles.Format.NDJSON, reader, TODAY)) {
            assertThatThrownBy(stream::next).isInstanceOf(UncheckedIOException.class)
                    .hasMessage("reading line 3 failed").cause().hasMessage("device error");
        }
    }
}
