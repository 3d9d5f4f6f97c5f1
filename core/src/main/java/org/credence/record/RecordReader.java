package org.credence.record;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.credence.catalog.Catalog;
import org.credence.catalog.RecordType;
import org.credence.subject.IdSchemes;
import org.credence.subject.SubjectKind;
import org.credence.tree.Fields;
import org.credence.tree.Problem;

/**
 * Validates one submitted record (a format-neutral tree) against the active catalog and the id
 * schemes, naming each bad field. Only conduct the catalog names can be recorded (rule of law), only
 * for the kinds of subject its type allows, and never in the future of {@code today}.
 */
public final class RecordReader {

    static final int MAX_TEXT = 256;

    private final Catalog catalog;
    private final IdSchemes ids;
    private final Function<Object, String> canonicalJson;

    /**
     * @param canonicalJson encodes a record's {@code details} mapping as canonical JSON; the text
     *                      format lives outside the core
     */
    public RecordReader(Catalog catalog, IdSchemes ids, Function<Object, String> canonicalJson) {
        this.catalog = catalog;
        this.ids = ids;
        this.canonicalJson = canonicalJson;
    }

    public sealed interface Result permits Accepted, Rejected {
    }

    public record Accepted(RecordSubmission record) implements Result {
    }

    public record Rejected(List<Problem> problems) implements Result {
        public Rejected {
            problems = List.copyOf(problems);
        }
    }

    public Result read(Object tree, LocalDate today) {
        List<Problem> problems = new ArrayList<>();
        Optional<Fields> top = Fields.of(tree, "", problems);
        if (top.isEmpty()) {
            return new Rejected(List.of(new Problem("", "a record must be an object")));
        }
        Fields f = top.get();
        Optional<String> source = bounded(f, "source", f.requiredText("source"));
        Optional<String> sourceRef = bounded(f, "source_ref", f.requiredText("source_ref"));
        Optional<SubjectRef> subject = f.mapping("subject").flatMap(this::subject);
        Optional<RecordType> type = f.requiredText("type").flatMap(code -> {
            Optional<RecordType> known = catalog.recordType(code);
            if (known.isEmpty()) {
                f.problem("type", "unknown record type '" + code + "' in catalog " + catalog.id() + " v" + catalog.version());
            }
            return known;
        });
        Optional<LocalDate> occurred = f.date("occurred_at");
        occurred.filter(d -> d.isAfter(today)).ifPresent(d ->
                f.problem("occurred_at", d + " is in the future (today is " + today + ")"));
        Optional<String> details = Optional.empty();
        if (f.has("details")) {
            Object raw = f.raw("details");
            if (raw instanceof Map<?, ?>) {
                details = Optional.of(canonicalJson.apply(raw));
            } else {
                f.problem("details", "must be an object");
            }
        } else {
            f.raw("details");
        }
        f.finish();
        if (type.isPresent() && subject.isPresent() && !type.get().subjects().contains(subject.get().kind())) {
            f.problem("type", "record type '" + type.get().code() + "' does not apply to a subject of kind "
                    + subject.get().kind().code());
        }
        if (!problems.isEmpty()) {
            return new Rejected(problems);
        }
        return new Accepted(new RecordSubmission(source.orElseThrow(), sourceRef.orElseThrow(), subject.orElseThrow(),
                type.orElseThrow().code(), occurred.orElseThrow(), details));
    }

    /**
     * A record as a reader that pulls tokens from a parser finds it: every field a string as given, null
     * where absent, and the details a mapping or null.
     */
    public record Texts(String source, String sourceRef, String subjectId, String subjectKind, String subjectName,
                        String type, String occurredAt, Map<?, ?> details) {
    }

    /**
     * The record {@link #read} would accept from the tree of {@code texts}, or empty where it would
     * reject it. The same checks, without a tree to copy or problems to word: a bulk file's lines are
     * almost all valid, and its reader asks {@link #read} for the words only when this says no.
     */
    public Optional<RecordSubmission> accept(Texts texts, LocalDate today) {
        String source = Fields.stripped(texts.source());
        String sourceRef = Fields.stripped(texts.sourceRef());
        String id = Fields.stripped(texts.subjectId());
        String kindCode = Fields.stripped(texts.subjectKind());
        String typeCode = Fields.stripped(texts.type());
        String occurredText = Fields.stripped(texts.occurredAt());
        String name = Fields.stripped(texts.subjectName());
        if (source == null || sourceRef == null || id == null || kindCode == null || typeCode == null
                || occurredText == null || (name == null && texts.subjectName() != null)
                || source.length() > MAX_TEXT || sourceRef.length() > MAX_TEXT || (name != null && name.length() > MAX_TEXT)) {
            return Optional.empty();
        }
        Optional<SubjectKind> kind = SubjectKind.fromCode(kindCode);
        Optional<RecordType> type = catalog.recordType(typeCode);
        if (kind.isEmpty() || type.isEmpty() || !type.get().subjects().contains(kind.get())
                || ids.problem(kind.get(), id).isPresent()) {
            return Optional.empty();
        }
        LocalDate occurred;
        try {
            occurred = Fields.parseDate(occurredText);
        } catch (DateTimeException e) {
            return Optional.empty();
        }
        if (occurred.isAfter(today)) {
            return Optional.empty();
        }
        return Optional.of(new RecordSubmission(source, sourceRef, new SubjectRef(id, kind.get(), Optional.ofNullable(name)),
                type.get().code(), occurred, Optional.ofNullable(texts.details()).map(canonicalJson)));
    }

    private Optional<SubjectRef> subject(Fields f) {
        Optional<String> id = f.requiredText("id");
        Optional<SubjectKind> kind = f.requiredText("kind").flatMap(text -> {
            Optional<SubjectKind> known = SubjectKind.fromCode(text);
            if (known.isEmpty()) {
                f.problem("kind", "must be person or organization, not '" + text + "'");
            }
            return known;
        });
        Optional<String> name = bounded(f, "name", f.text("name"));
        f.finish();
        if (id.isPresent() && kind.isPresent()) {
            Optional<String> problem = ids.problem(kind.get(), id.get());
            if (problem.isPresent()) {
                f.problem("id", problem.get());
                return Optional.empty();
            }
            return Optional.of(new SubjectRef(id.get(), kind.get(), name));
        }
        return Optional.empty();
    }

    private static Optional<String> bounded(Fields f, String key, Optional<String> value) {
        if (value.isPresent() && value.get().length() > MAX_TEXT) {
            f.problem(key, "longer than " + MAX_TEXT + " characters");
            return Optional.empty();
        }
        return value;
    }
}
