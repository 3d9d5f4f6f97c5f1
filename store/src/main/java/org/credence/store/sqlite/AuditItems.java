package org.credence.store.sqlite;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.credence.store.AuditLog.AuditEvent;
import org.credence.store.AuditLog.Item;

/**
 * The {@code items} column of an entry about many subjects: a JSON array of {@code [subject_hash,
 * outcome]} pairs, written without spaces and escaped as {@link SqliteAuditLog}'s encoding says (Jackson's
 * generator as configured by default, which {@code AuditItemsTest} pins). JSON because SQLite reads it too: the index by subject
 * expands it with {@code json_each}, so that a batch's subjects reach their runs in the same statement
 * as every other entry's. The column's text is what the entry's hash covers, exactly as stored.
 */
final class AuditItems {

    private static final JsonFactory JSON = new JsonFactory();

    private AuditItems() {
    }

    /**
     * The column's text for {@code items}, numbered 1 to n ({@link AuditEvent#appendable}); null for none,
     * which is how an entry about one subject stores them. The text keeps no numbers: an item's place is
     * its number.
     */
    static String encode(List<Item> items) {
        if (items.isEmpty()) {
            return null;
        }
        StringWriter text = new StringWriter(items.size() * 96);
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartArray();
            for (Item item : items) {
                json.writeStartArray();
                json.writeString(item.subjectHash());
                json.writeString(item.outcome());
                json.writeEndArray();
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException("a string writer does not fail", e);
        }
        return text.toString();
    }

    /**
     * The items in the column's text (none for null). Text that is not such an array can only come from
     * tampering, which the entry's hash shows; it is read as no items rather than failing the reader.
     */
    static List<Item> decode(String text) {
        if (text == null) {
            return List.of();
        }
        List<Item> items = new ArrayList<>();
        try (JsonParser json = JSON.createParser(text)) {
            if (json.nextToken() != JsonToken.START_ARRAY) {
                return List.of();
            }
            while (json.nextToken() == JsonToken.START_ARRAY) {
                String subject = json.nextTextValue();
                String outcome = json.nextTextValue();
                if (subject == null || outcome == null || json.nextToken() != JsonToken.END_ARRAY) {
                    return List.of();
                }
                items.add(new Item(subject, outcome, items.size() + 1));
            }
        } catch (IOException e) {
            return List.of();
        }
        return items;
    }
}
