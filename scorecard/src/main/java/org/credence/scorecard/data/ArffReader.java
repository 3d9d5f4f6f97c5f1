package org.credence.scorecard.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads Weka's ARFF format: numeric and nominal attributes (string attributes are read as nominal
 * with the values found). Dates and the sparse data form are refused with the line that uses them.
 */
public final class ArffReader {
    private ArffReader() {
    }

    public static Dataset read(Reader input, String source) throws IOException {
        BufferedReader reader = new BufferedReader(input);
        List<ColumnBuilder> builders = new ArrayList<>();
        boolean inData = false;
        long lineNumber = 0;
        String line;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("%")) {
                continue;
            }
            if (!inData) {
                String lower = text.toLowerCase(Locale.ROOT);
                if (lower.startsWith("@relation")) {
                    continue;
                } else if (lower.startsWith("@attribute")) {
                    builders.add(attribute(text.substring("@attribute".length()).strip(), source, lineNumber));
                } else if (lower.startsWith("@data")) {
                    if (builders.isEmpty()) {
                        throw new DataFormatException(source, lineNumber, "@data comes before any @attribute");
                    }
                    inData = true;
                } else {
                    throw new DataFormatException(source, lineNumber, "expected @relation, @attribute or @data");
                }
                continue;
            }
            if (text.startsWith("{")) {
                throw new DataFormatException(source, lineNumber, "sparse ARFF rows are not supported");
            }
            List<String> values = ArffTokens.split(text, source, lineNumber);
            if (values.size() != builders.size()) {
                throw new DataFormatException(source, lineNumber,
                        "has " + values.size() + " values, the header declares " + builders.size());
            }
            for (int i = 0; i < values.size(); i++) {
                builders.get(i).add(values.get(i), source, lineNumber, i + 1);
            }
        }
        if (!inData) {
            throw new DataFormatException(source, "has no @data section");
        }
        return new Dataset(source, builders.stream().map(ColumnBuilder::build).toList());
    }

    private static ColumnBuilder attribute(String declaration, String source, long line) {
        String name;
        String rest;
        if (declaration.startsWith("'") || declaration.startsWith("\"")) {
            char quote = declaration.charAt(0);
            int end = declaration.indexOf(quote, 1);
            if (end < 0) {
                throw new DataFormatException(source, line, "attribute name is not closed");
            }
            name = declaration.substring(1, end);
            rest = declaration.substring(end + 1).strip();
        } else {
            String[] parts = declaration.split("\\s+", 2);
            if (parts.length < 2) {
                throw new DataFormatException(source, line, "attribute '" + parts[0] + "' has no type");
            }
            name = parts[0];
            rest = parts[1].strip();
        }
        String type = rest.toLowerCase(Locale.ROOT);
        if (type.startsWith("{")) {
            int close = rest.lastIndexOf('}');
            if (close < 0) {
                throw new DataFormatException(source, line, "the value list of '" + name + "' is not closed");
            }
            List<String> categories = ArffTokens.split(rest.substring(1, close), source, line);
            if (categories.isEmpty() || categories.contains(null)) {
                throw new DataFormatException(source, line, "attribute '" + name + "' has an empty or '?' category");
            }
            return new NominalBuilder(name, categories, true, source, line);
        }
        if (type.startsWith("numeric") || type.startsWith("real") || type.startsWith("integer")) {
            return new NumericBuilder(name);
        }
        if (type.startsWith("string")) {
            return new NominalBuilder(name, List.of(), false, source, line);
        }
        throw new DataFormatException(source, line, "attribute '" + name + "' has unsupported type '" + rest + "'");
    }

    private sealed interface ColumnBuilder permits NumericBuilder, NominalBuilder {
        void add(String value, String source, long line, int field);

        Column build();
    }

    private static final class NumericBuilder implements ColumnBuilder {
        private final String name;
        private double[] values = new double[256];
        private int size;

        NumericBuilder(String name) {
            this.name = name;
        }

        @Override
        public void add(String value, String source, long line, int field) {
            double parsed = Double.NaN;
            if (value != null) {
                try {
                    parsed = Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    throw new DataFormatException(source, line,
                            "field " + field + " (" + name + "): '" + value + "' is not a number");
                }
            }
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = parsed;
        }

        @Override
        public Column build() {
            return new NumericColumn(name, Arrays.copyOf(values, size));
        }
    }

    private static final class NominalBuilder implements ColumnBuilder {
        private final String name;
        private final List<String> categories;
        private final Map<String, Integer> index = new HashMap<>();
        private final boolean closed;
        private int[] codes = new int[256];
        private int size;

        NominalBuilder(String name, List<String> declared, boolean closed, String source, long line) {
            this.name = name;
            this.categories = new ArrayList<>(declared);
            this.closed = closed;
            for (String category : declared) {
                if (index.putIfAbsent(category, index.size()) != null) {
                    throw new DataFormatException(source, line,
                            "attribute '" + name + "' declares '" + category + "' twice");
                }
            }
        }

        @Override
        public void add(String value, String source, long line, int field) {
            int code = NominalColumn.MISSING;
            if (value != null) {
                Integer known = index.get(value);
                if (known == null) {
                    if (closed) {
                        throw new DataFormatException(source, line, "field " + field + " (" + name + "): '" + value
                                + "' is not one of the declared values " + categories);
                    }
                    known = categories.size();
                    categories.add(value);
                    index.put(value, known);
                }
                code = known;
            }
            if (size == codes.length) {
                codes = Arrays.copyOf(codes, size * 2);
            }
            codes[size++] = code;
        }

        @Override
        public Column build() {
            return new NominalColumn(name, categories, Arrays.copyOf(codes, size));
        }
    }
}
