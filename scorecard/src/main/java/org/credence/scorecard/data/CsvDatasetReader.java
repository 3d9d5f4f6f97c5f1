package org.credence.scorecard.data;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a CSV file with a header row. A column whose every present value parses as a number is
 * numeric; any other column is nominal, its categories in order of first appearance. An empty
 * field, {@code ?} or {@code NA} is a missing value.
 */
public final class CsvDatasetReader {
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setTrim(true)
            .setIgnoreEmptyLines(true)
            .get();

    private CsvDatasetReader() {
    }

    public static Dataset read(Reader input, String source) throws IOException {
        List<String> header;
        List<String[]> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.builder().setReader(input).setFormat(FORMAT).get()) {
            header = parser.getHeaderNames();
            if (header.isEmpty()) {
                throw new DataFormatException(source, 1, "has no header row");
            }
            for (CSVRecord record : parser) {
                if (record.size() != header.size()) {
                    throw new DataFormatException(source, record.getRecordNumber() + 1,
                            "has " + record.size() + " fields, the header has " + header.size());
                }
                rows.add(record.values());
            }
        } catch (UncheckedIOException | IllegalArgumentException e) {
            throw new DataFormatException(source, "is not valid CSV: " + e.getMessage());
        }
        List<Column> columns = new ArrayList<>(header.size());
        for (int c = 0; c < header.size(); c++) {
            columns.add(isNumeric(rows, c) ? numeric(header.get(c), rows, c) : nominal(header.get(c), rows, c));
        }
        return new Dataset(source, columns);
    }

    static boolean isMissing(String value) {
        return value.isEmpty() || value.equals("?") || value.equals("NA");
    }

    private static boolean isNumeric(List<String[]> rows, int c) {
        boolean anyPresent = false;
        for (String[] row : rows) {
            String value = row[c];
            if (isMissing(value)) {
                continue;
            }
            anyPresent = true;
            try {
                Double.parseDouble(value);
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return anyPresent;
    }

    private static NumericColumn numeric(String name, List<String[]> rows, int c) {
        double[] values = new double[rows.size()];
        for (int r = 0; r < values.length; r++) {
            String value = rows.get(r)[c];
            values[r] = isMissing(value) ? Double.NaN : Double.parseDouble(value);
        }
        return new NumericColumn(name, values);
    }

    private static NominalColumn nominal(String name, List<String[]> rows, int c) {
        List<String> categories = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        int[] codes = new int[rows.size()];
        for (int r = 0; r < codes.length; r++) {
            String value = rows.get(r)[c];
            if (isMissing(value)) {
                codes[r] = NominalColumn.MISSING;
            } else {
                codes[r] = index.computeIfAbsent(value, v -> {
                    categories.add(v);
                    return categories.size() - 1;
                });
            }
        }
        return new NominalColumn(name, categories, codes);
    }
}
