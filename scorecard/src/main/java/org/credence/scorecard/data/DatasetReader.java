package org.credence.scorecard.data;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/** Reads a data set from a file, choosing ARFF or CSV by its extension. */
public final class DatasetReader {
    private DatasetReader() {
    }

    public static Dataset read(Path file) {
        String source = file.toString();
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean arff = name.endsWith(".arff");
        if (!arff && !name.endsWith(".csv")) {
            throw new DataFormatException(source, "is neither .arff nor .csv");
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return arff ? ArffReader.read(reader, source) : CsvDatasetReader.read(reader, source);
        } catch (NoSuchFileException e) {
            throw new DataFormatException(source, "no such file");
        } catch (IOException e) {
            throw new DataFormatException(source, "cannot be read: " + e.getMessage());
        }
    }
}
