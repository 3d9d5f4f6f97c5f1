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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.credence.record.RecordBatch;
import org.credence.record.RecordBatch.LineProblem;
import org.credence.record.RecordReader;
import org.credence.record.RecordStream;
import org.credence.record.RecordSubmission;
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

    /**
     * Streams a bulk file as its format says, a chunk of {@link #CHUNK_LINES} lines at a time, so that
     * memory does not grow with the file; the bytes are UTF-8, malformed UTF-8 in CSV fails the read, and
     * read failures surface as {@link UncheckedIOException}.
     */
    public static RecordStream stream(InputStream in, Format format, RecordReader reader, LocalDate today) {
        return format == Format.CSV
                ? new CsvStream(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()), reader, today)
                : new NdjsonStream(new ByteLines(in)::next, reader, today);
    }

    /**
     * Lines per chunk (CSV: rows). Parsing and checking an NDJSON line is independent of every other
     * line and was half of an import's time on one core, so a chunk's lines are read on all cores. A
     * chunk bounds the lines held at once.
     */
    static final int CHUNK_LINES = 8_192;

    /** A file of no lines, or of blank lines only in CSV, is refused as a whole. */
    private static final LineProblem NO_RECORDS = new LineProblem(1, "", "the file holds no records");

    /** NDJSON text already decoded, such as a request body. */
    public static RecordBatch readNdjson(Reader in, RecordReader reader, LocalDate today) {
        BufferedReader lines = in instanceof BufferedReader b ? b : new BufferedReader(in, 1 << 16);
        try (RecordStream stream = new NdjsonStream(() -> {
            String line = lines.readLine();
            return line == null ? null : line.getBytes(StandardCharsets.UTF_8);
        }, reader, today)) {
            return RecordBatch.of(stream);
        }
    }

    /** The lines of a file as UTF-8 bytes, in order; null after the last. */
    @FunctionalInterface
    private interface LineSource {
        byte[] next() throws IOException;
    }

    /**
     * NDJSON, read ahead: while the caller stores one chunk, a thread of the stream's own reads the next
     * and has its lines parsed on all cores, so storing and parsing overlap. At most two chunks are held.
     */
    private static final class NdjsonStream implements RecordStream {

        private final LineSource source;
        private final RecordReader reader;
        private final LocalDate today;
        private final ExecutorService ahead = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("credence-read-ahead").daemon().factory());
        private final List<LineProblem> problems = new ArrayList<>();
        private CompletableFuture<Parsed> next;
        private int linesRead;
        private boolean exhausted;

        /** A chunk's lines as read: each a result, a problem, or null when blank. */
        private record Parsed(Object[] read, int firstLine) {
            boolean last() {
                return read.length < CHUNK_LINES;
            }
        }

        NdjsonStream(LineSource source, RecordReader reader, LocalDate today) {
            this.source = source;
            this.reader = reader;
            this.today = today;
            this.next = CompletableFuture.supplyAsync(() -> parse(1), ahead);
        }

        @Override
        public Optional<Chunk> next() {
            while (!exhausted) {
                Parsed parsed = await(next);
                exhausted = parsed.last();
                if (exhausted) {
                    close();
                } else {
                    next = CompletableFuture.supplyAsync(() -> parse(parsed.firstLine() + CHUNK_LINES), ahead);
                }
                linesRead += parsed.read().length;
                if (exhausted && linesRead == 0) {
                    problems.add(NO_RECORDS);
                }
                Optional<Chunk> chunk = chunk(parsed);
                if (chunk.isPresent()) {
                    return chunk;
                }
            }
            return Optional.empty();
        }

        private Optional<Chunk> chunk(Parsed parsed) {
            int[] lines = new int[parsed.read().length];
            List<RecordSubmission> records = new ArrayList<>(lines.length);
            for (int i = 0; i < parsed.read().length; i++) {
                int line = parsed.firstLine() + i;
                switch (parsed.read()[i]) {
                    case RecordReader.Accepted accepted -> {
                        lines[records.size()] = line;
                        records.add(accepted.record());
                    }
                    case RecordReader.Rejected rejected -> rejected.problems().forEach(p -> problems.add(lineProblem(line, p)));
                    case Problem problem -> problems.add(lineProblem(line, problem));
                    case null, default -> {
                        // a blank line
                    }
                }
            }
            return records.isEmpty() ? Optional.empty()
                    : Optional.of(new Chunk(Arrays.copyOf(lines, records.size()), records));
        }

        private Parsed parse(int firstLine) {
            byte[][] chunk = new byte[CHUNK_LINES][];
            int size = 0;
            try {
                for (byte[] line = source.next(); line != null; line = size < CHUNK_LINES ? source.next() : null) {
                    chunk[size++] = line;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("reading line " + (firstLine + size) + " failed", e);
            }
            Object[] read = new Object[size];
            IntStream.range(0, size).parallel().forEach(i -> read[i] = readLine(chunk[i], reader, today));
            return new Parsed(read, firstLine);
        }

        @Override
        public List<LineProblem> problems() {
            return List.copyOf(problems);
        }

        /**
         * Stops the read-ahead and waits for it, so that the caller may close the input at once. A read
         * blocked in the input cannot be interrupted; the wait is bounded for that case.
         */
        @Override
        public void close() {
            ahead.shutdownNow();
            try {
                ahead.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static Parsed await(CompletableFuture<Parsed> parsed) {
            try {
                return parsed.join();
            } catch (CompletionException e) {
                switch (e.getCause()) {
                    case RuntimeException cause -> throw cause;
                    case Error cause -> throw cause;
                    default -> throw e;
                }
            }
        }
    }

    private static LineProblem lineProblem(int line, Problem problem) {
        return new LineProblem(line, problem.path(), problem.message());
    }

    /** A line's result, its problem when it is not JSON, or null when blank. */
    private static Object readLine(byte[] line, RecordReader reader, LocalDate today) {
        if (asciiBlank(line)) {
            return null;
        }
        Optional<RecordSubmission> common = RecordLine.common(line, reader, today);
        if (common.isPresent()) {
            return new RecordReader.Accepted(common.get());
        }
        try {
            return reader.read(Json.lines().readValue(line, Object.class), today);
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

    /** CSV, a chunk of rows at a time on the caller's thread: the parser reads a row at a time anyway. */
    private static final class CsvStream implements RecordStream {

        private final Reader in;
        private final RecordReader reader;
        private final LocalDate today;
        private final List<LineProblem> problems = new ArrayList<>();
        private CSVParser parser;
        private Iterator<CSVRecord> rows;
        private List<String> header;
        private boolean any;
        private boolean exhausted;

        CsvStream(Reader in, RecordReader reader, LocalDate today) {
            this.in = in;
            this.reader = reader;
            this.today = today;
        }

        @Override
        public Optional<Chunk> next() {
            try {
                if (!exhausted && parser == null && !open()) {
                    finish();
                }
                while (!exhausted) {
                    int[] lines = new int[CHUNK_LINES];
                    List<RecordSubmission> records = new ArrayList<>();
                    while (records.size() < CHUNK_LINES && rows.hasNext()) {
                        CSVRecord row = rows.next();
                        any = true;
                        int line = (int) row.getParser().getCurrentLineNumber();
                        read(row, line).ifPresent(record -> {
                            lines[records.size()] = line;
                            records.add(record);
                        });
                    }
                    if (!rows.hasNext()) {
                        if (!any) {
                            problems.add(NO_RECORDS);
                        }
                        finish();
                    }
                    if (!records.isEmpty()) {
                        return Optional.of(new Chunk(Arrays.copyOf(lines, records.size()), records));
                    }
                }
            } catch (UncheckedIOException | IllegalStateException e) {
                problems.add(new LineProblem(parser == null ? 1 : (int) parser.getCurrentLineNumber(), "",
                        "not valid CSV: " + e.getMessage()));
                finish();
            }
            return Optional.empty();
        }

        /** Reads the header; false when it is not one this format knows, each problem noted. */
        private boolean open() {
            CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                    .setIgnoreEmptyLines(true).setTrim(true).get();
            try {
                parser = CSVParser.builder().setReader(in).setFormat(format).get();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            header = parser.getHeaderNames();
            rows = parser.iterator();
            boolean headerOk = true;
            for (String column : header) {
                if (!CSV_COLUMNS.contains(column)) {
                    problems.add(new LineProblem(1, column,
                            "unknown column (expected " + String.join(",", CSV_COLUMNS) + ")"));
                    headerOk = false;
                }
            }
            for (String column : CSV_REQUIRED) {
                if (!header.contains(column)) {
                    problems.add(new LineProblem(1, column, "required column missing"));
                    headerOk = false;
                }
            }
            return headerOk;
        }

        private Optional<RecordSubmission> read(CSVRecord row, int line) {
            if (!row.isConsistent()) {
                problems.add(new LineProblem(line, "", "has " + row.size() + " fields, the header has " + header.size()));
                return Optional.empty();
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
                    problems.add(new LineProblem(line, "details", Json.reason(e)));
                    return Optional.empty();
                }
            }
            return switch (reader.read(tree, today)) {
                case RecordReader.Accepted accepted -> Optional.of(accepted.record());
                case RecordReader.Rejected rejected -> {
                    rejected.problems().forEach(p -> problems.add(
                            new LineProblem(line, p.path().replace("subject.", "subject_"), p.message())));
                    yield Optional.empty();
                }
            };
        }

        private void finish() {
            exhausted = true;
            close();
        }

        @Override
        public List<LineProblem> problems() {
            return List.copyOf(problems);
        }

        @Override
        public void close() {
            // The caller owns the input; the parser holds nothing else.
        }
    }

    private static void put(Map<String, Object> tree, String key, String value) {
        if (value != null && !value.isEmpty()) {
            tree.put(key, value);
        }
    }
}
