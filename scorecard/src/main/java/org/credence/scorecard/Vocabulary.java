package org.credence.scorecard;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * The plain words of a data set's attributes, used for bin descriptions and reason codes. The
 * built-in vocabulary covers the Statlog German Credit data; any other data set can bring its own
 * JSON file of the same shape, and attributes it does not name are described by their own names.
 */
public record Vocabulary(Map<String, AttributeWords> attributes) {
    private static final TypeReference<Map<String, AttributeWords>> SHAPE = new TypeReference<>() {
    };

    public Vocabulary {
        attributes = Map.copyOf(attributes);
    }

    public AttributeWords words(String attribute) {
        return attributes.getOrDefault(attribute, AttributeWords.plain(attribute));
    }

    public static Vocabulary builtIn() {
        try (InputStream in = Vocabulary.class.getResourceAsStream("credit-g-vocabulary.json")) {
            if (in == null) {
                throw new IllegalStateException("the built-in vocabulary is missing from the class path");
            }
            return new Vocabulary(new ObjectMapper().readValue(in, SHAPE));
        } catch (IOException e) {
            throw new IllegalStateException("the built-in vocabulary cannot be read", e);
        }
    }

    public static Vocabulary read(Path file) {
        try {
            return new Vocabulary(new ObjectMapper().readValue(file.toFile(), SHAPE));
        } catch (JacksonException e) {
            throw new ScorecardException(file + ": not a vocabulary file: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ScorecardException(file + ": cannot be read: " + e.getMessage());
        }
    }
}
