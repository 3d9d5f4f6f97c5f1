package org.credence.scorecard.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A table of applicants read from a file: named columns of equal length. */
public record Dataset(String source, List<Column> columns) {
    public Dataset {
        columns = List.copyOf(columns);
        int rows = columns.isEmpty() ? 0 : columns.get(0).size();
        for (Column column : columns) {
            if (column.size() != rows) {
                throw new IllegalArgumentException("column " + column.name() + " has " + column.size()
                        + " rows, expected " + rows);
            }
        }
    }

    public int rows() {
        return columns.isEmpty() ? 0 : columns.get(0).size();
    }

    public List<String> names() {
        return columns.stream().map(Column::name).toList();
    }

    public Optional<Column> find(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public Column column(String name) {
        return find(name).orElseThrow(() -> new DataFormatException(source,
                "has no column named '" + name + "' (columns: " + String.join(", ", names()) + ")"));
    }

    public Dataset select(int[] rows) {
        List<Column> picked = new ArrayList<>(columns.size());
        for (Column column : columns) {
            picked.add(column.select(rows));
        }
        return new Dataset(source, picked);
    }

    public Dataset without(Set<String> names) {
        return new Dataset(source, columns.stream().filter(c -> !names.contains(c.name())).toList());
    }
}
