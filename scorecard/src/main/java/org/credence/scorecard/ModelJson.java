package org.credence.scorecard;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.credence.scorecard.binning.Bin;

/**
 * Reads and writes the model file. The JSON is the published form of the scorecard: every bin
 * with its words and points. Doubles are written in Java's shortest round-trip form, so a model
 * read back scores exactly as the one written. A model that uses a protected attribute (however
 * it got into the file) is refused on reading.
 */
public final class ModelJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addMixIn(Bin.class, BinJson.class)
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private ModelJson() {
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = Bin.Interval.class, name = "range"),
            @JsonSubTypes.Type(value = Bin.Categories.class, name = "categories"),
            @JsonSubTypes.Type(value = Bin.Other.class, name = "other")})
    private interface BinJson {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String write(Scorecard scorecard) {
        try {
            return MAPPER.writeValueAsString(scorecard);
        } catch (JacksonException e) {
            throw new IllegalStateException("a scorecard could not be written as JSON", e);
        }
    }

    public static void write(Scorecard scorecard, Path file) {
        try {
            MAPPER.writeValue(file.toFile(), scorecard);
        } catch (IOException e) {
            throw new ScorecardException(file + ": cannot be written: " + e.getMessage());
        }
    }

    public static Scorecard read(String json, String source) {
        try {
            return checked(MAPPER.readValue(json, Scorecard.class), source);
        } catch (JacksonException e) {
            throw new ScorecardException(source + ": not a scorecard model: " + e.getOriginalMessage());
        }
    }

    public static Scorecard read(Path file) {
        try {
            try (InputStream in = Files.newInputStream(file)) {
                return checked(MAPPER.readValue(in, Scorecard.class), file.toString());
            }
        } catch (JacksonException e) {
            throw new ScorecardException(file + ": not a scorecard model: " + e.getOriginalMessage());
        } catch (NoSuchFileException e) {
            throw new ScorecardException(file + ": no such file");
        } catch (IOException e) {
            throw new ScorecardException(file + ": cannot be read: " + e.getMessage());
        }
    }

    private static Scorecard checked(Scorecard scorecard, String source) {
        if (scorecard.formatVersion() != Scorecard.FORMAT_VERSION) {
            throw new ScorecardException(source + ": model format " + scorecard.formatVersion()
                    + " is not supported (expected " + Scorecard.FORMAT_VERSION + ")");
        }
        if (scorecard.attributes() == null || scorecard.attributes().isEmpty() || scorecard.scale() == null) {
            throw new ScorecardException(source + ": the model has no attributes or no scale");
        }
        for (ScorecardAttribute attribute : scorecard.attributes()) {
            ProtectedAttributes.refuseIfExcluded(attribute.name());
        }
        return scorecard;
    }
}
