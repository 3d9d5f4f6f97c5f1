package org.credence.formats;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.credence.record.RecordReader;
import org.credence.record.RecordSubmission;

/**
 * One NDJSON line of the common shape read straight from the parser's tokens into the record.
 *
 * <p>Why. Reading a line into a tree of maps and then walking the tree was the largest cost of a bulk
 * import after storing it: on 10 million lines, 13 s in the object mapper, 7 s in the tree walk and
 * its copies. Nearly every line of a bulk file has one shape: the seven fields as strings, the subject
 * an object of strings, the details an object. Such a line is pulled token by token into
 * {@link RecordReader.Texts} and checked by {@link RecordReader#accept}, the reader's own checks
 * without the tree. Anything else (another type of value, a field the shape lacks or repeats,
 * malformed JSON, a check that fails) gives empty here, and the caller reads the line the general way,
 * which accepts it or words its problems. So a file's outcome is the general reader's, and this is
 * only the fast way to the same accepted records.
 */
final class RecordLine {

    /** Details go on to be a tree as in the general reader; the rest of the line follows them. */
    private static final ObjectReader DETAILS = Json.lines().readerFor(Object.class)
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private RecordLine() {
    }

    /** The record of {@code line} when it has the common shape and passes every check; otherwise empty. */
    static Optional<RecordSubmission> common(byte[] line, RecordReader reader, LocalDate today) {
        try (JsonParser parser = Json.lines().createParser(line)) {
            return parser.nextToken() == JsonToken.START_OBJECT ? fields(parser, reader, today) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<RecordSubmission> fields(JsonParser parser, RecordReader reader, LocalDate today)
            throws IOException {
        String source = null;
        String sourceRef = null;
        String type = null;
        String occurredAt = null;
        String[] subject = null;
        Map<?, ?> details = null;
        for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
            boolean shaped = switch (name) {
                case "source" -> (source = string(source, parser)) != null;
                case "source_ref" -> (sourceRef = string(sourceRef, parser)) != null;
                case "type" -> (type = string(type, parser)) != null;
                case "occurred_at" -> (occurredAt = string(occurredAt, parser)) != null;
                case "subject" -> subject == null && (subject = subject(parser)) != null;
                case "details" -> details == null && (details = details(parser)) != null;
                default -> false;
            };
            if (!shaped) {
                return Optional.empty();
            }
        }
        if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null || subject == null) {
            return Optional.empty();
        }
        return reader.accept(new RecordReader.Texts(source, sourceRef, subject[0], subject[1], subject[2], type,
                occurredAt, details), today);
    }

    /** The subject's id, kind and name (null when absent); null when the subject is not of the shape. */
    private static String[] subject(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        String[] subject = new String[3];
        for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
            int at = switch (name) {
                case "id" -> 0;
                case "kind" -> 1;
                case "name" -> 2;
                default -> -1;
            };
            if (at < 0 || subject[at] != null || parser.nextToken() != JsonToken.VALUE_STRING) {
                return null;
            }
            subject[at] = parser.getText();
        }
        return parser.currentToken() == JsonToken.END_OBJECT ? subject : null;
    }

    /** The string value of the field the parser is at; null when it is not a string, or the field was read before. */
    private static String string(String before, JsonParser parser) throws IOException {
        return before == null && parser.nextToken() == JsonToken.VALUE_STRING ? parser.getText() : null;
    }

    /** The details object of the field the parser is at, as the general reader's tree has it; null when not an object. */
    private static Map<?, ?> details(JsonParser parser) throws IOException {
        return parser.nextToken() == JsonToken.START_OBJECT ? (Map<?, ?>) DETAILS.readValue(parser) : null;
    }
}
