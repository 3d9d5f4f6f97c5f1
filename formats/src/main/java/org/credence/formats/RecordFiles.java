package org.credence.formats;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.credence.record.RecordBatch;
import org.credence.record.RecordReader;
import org.credence.tree.Problem;

/**
 * Bulk record files: NDJSON (one JSON record a line) and CSV (a header row naming the columns). Both
 * become the same format-neutral tree per line, read by the core's {@link RecordReader}, so a record
 * is valid or not whatever file it arrives in; only the field names in errors follow the file's
 * own (CSV says {@code subject_id} where JSON says {@code subject.id}).
 */
public final class RecordFiles {

    /** The CSV columns; {@code subject_name} and {@code details} (a JSON object) may be empty. */
    public static final List<String> CSV_COLUMNS =
            List.of("source", "source_ref", "subject_id", "subject_kind", "subject_name", "type", "occurred_at", "details");
    private static final Set<String> CSV_REQUIRED =
            Set.of("source", "source_ref", "subject_id", "subject_kind", "type", "occurred_at");

    public enum Format {
        NDJSON, CSV;

        /** The format a file name implies: {@code .csv} is CSV, anything else NDJSON. */
        public static Format ofFileName(String name) {
            return name.toLowerCase(Locale.ROOT).endsWith(".csv") ? CSV : NDJSON;
        }
    }

    private RecordFiles() {
    }

    /** Reads a bulk file as its format says; the bytes are UTF-8, and malformed UTF-8 in CSV fails the read. */
    public static RecordBatch read(InputStream in, Format format, RecordReader reader, LocalDate today) throws IOException {
        return format == Format.CSV
                ? readCsv(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()), reader, today)
                : readLines(new ByteLines(in)::next, reader, today);
    }

    /**
     * Lines parsed and checked together. Parsing and checking a line is independent of every other line
     * and was half of an import's time on one core, so a chunk's lines are read on all cores; they are
     * then added to the batch in file order, which keeps its duplicate detection and problem order as
     * if read one by one. A chunk bounds the lines held at once.
     */
    static final int CHUNK_LINES = 8_192;

    /** NDJSON text already decoded, such as a request body. */
    public static RecordBatch readNdjson(Reader in, RecordReader reader, LocalDate today) throws IOException {
        BufferedReader lines = in instanceof BufferedReader b ? b : new BufferedReader(in, 1 << 16);
        return readLines(() -> {
            String line = lines.readLine();
            return line == null ? null : line.getBytes(StandardCharsets.UTF_8);
        }, reader, today);
    }

    /** The lines of a file as UTF-8 bytes, in order; null after the last. */
    @FunctionalInterface
    private interface LineSource {
        byte[] next() throws IOException;
    }

    /**
     * Adding a chunk's lines to the batch is sequential (it finds duplicates across the file) and was a
     * sixth of the samples of reading a 2 million line file, with the other core idle meanwhile; so it
     * runs on a thread of its own while the next chunk is parsed.
     */
    private static RecordBatch readLines(LineSource lines, RecordReader reader, LocalDate today) throws IOException {
        RecordBatch batch = new RecordBatch();
        int number = 0;
        try (ExecutorService adder = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("credence-batch").daemon().factory())) {
            CompletableFuture<Void> added = CompletableFuture.completedFuture(null);
            while (true) {
                byte[][] chunk = new byte[CHUNK_LINES][];
                int size = 0;
                for (byte[] line = lines.next(); line != null; line = size < CHUNK_LINES ? lines.next() : null) {
                    chunk[size++] = line;
                }
                if (size == 0) {
                    break;
                }
                Object[] read = new Object[size];
                IntStream.range(0, size).parallel().forEach(i -> read[i] = readLine(chunk[i], reader, today));
                // At most one chunk waits to be added while the next is parsed, so memory stays bounded.
                added.join();
                int first = number + 1;
                added = CompletableFuture.runAsync(() -> add(batch, read, first), adder);
                number += size;
                if (size < CHUNK_LINES) {
                    break;
                }
            }
            added.join();
        }
        if (number == 0) {
            batch.problem(1, new Problem("", "the file holds no records"));
        }
        return batch;
    }

    private static void add(RecordBatch batch, Object[] read, int firstLine) {
        for (int i = 0; i < read.length; i++) {
            if (read[i] instanceof RecordReader.Result result) {
                batch.add(firstLine + i, result);
            } else if (read[i] instanceof Problem problem) {
                batch.problem(firstLine + i, problem);
            }
        }
    }

    /** A line's result, its problem when it is not JSON, or null when blank. */
    private static Object readLine(byte[] line, RecordReader reader, LocalDate today) {
        if (asciiBlank(line)) {
            return null;
        }
        try {
            return reader.read(Json.mapper().readValue(line, Object.class), today);
        } catch (JsonProcessingException e) {
            // Blank in any script's spaces, as String.isBlank has it: rare enough to decode only here.
            return new String(line, StandardCharsets.UTF_8).isBlank() ? null : new Problem("", Json.reason(e));
        } catch (IOException e) {
            throw new UncheckedIOException("reading JSON from memory failed", e);
        }
    }

    private static boolean asciiBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\f' && b != 0x0B && b != 0x1C && b != 0x1D && b != 0x1E && b != 0x1F) {
                return false;
            }
        }
        return true;
    }

    public static RecordBatch readCsv(Reader in, RecordReader reader, LocalDate today) throws IOException {
        RecordBatch batch = new RecordBatch();
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setTrim(true).get();
        try (CSVParser parser = CSVParser.builder().setReader(in).setFormat(format).get()) {
            List<String> header = parser.getHeaderNames();
            boolean headerOk = true;
            for (String column : header) {
                if (!CSV_COLUMNS.contains(column)) {
                    batch.problem(1, new Problem(column, "unknown column (expected " + String.join(",", CSV_COLUMNS) + ")"));
                    headerOk = false;
                }
            }
            for (String column : CSV_REQUIRED) {
                if (!header.contains(column)) {
                    batch.problem(1, new Problem(column, "required column missing"));
                    headerOk = false;
                }
            }
            if (!headerOk) {
                return batch;
            }
            boolean any = false;
            for (CSVRecord row : parser) {
                any = true;
                int line = (int) row.getParser().getCurrentLineNumber();
                if (!row.isConsistent()) {
                    batch.problem(line, new Problem("", "has " + row.size() + " fields, the header has " + header.size()));
                    continue;
                }
                Map<String, Object> tree = new LinkedHashMap<>();
                Map<String, Object> subject = new LinkedHashMap<>();
                put(tree, "source", row.get("source"));
                put(tree, "source_ref", row.get("source_ref"));
                put(subject, "id", row.get("subject_id"));
                put(subject, "kind", row.get("subject_kind"));
                if (row.isMapped("subject_name")) {
                    put(subject, "name", row.get("subject_name"));
                }
                tree.put("subject", subject);
                put(tree, "type", row.get("type"));
                put(tree, "occurred_at", row.get("occurred_at"));
                if (row.isMapped("details") && !row.get("details").isEmpty()) {
                    try {
                        tree.put("details", Json.parse(row.get("details")));
                    } catch (JsonProcessingException e) {
                        batch.problem(line, new Problem("details", Json.reason(e)));
                        continue;
                    }
                }
                RecordReader.Result result = reader.read(tree, today);
                if (result instanceof RecordReader.Rejected rejected) {
                    rejected.problems().forEach(p -> batch.problem(line,
                            new Problem(p.path().replace("subject.", "subject_"), p.message())));
                } else {
                    batch.add(line, result);
                }
            }
            if (!any) {
                batch.problem(1, new Problem("", "the file holds no records"));
            }
        } catch (UncheckedIOException | IllegalStateException e) {
            batch.problem(1, new Problem("", "not valid CSV: " + e.getMessage()));
        }
        return batch;
    }

    private static void put(Map<String, Object> tree, String key, String value) {
        if (value != null && !value.isEmpty()) {
            tree.put(key, value);
        }
    }
}
