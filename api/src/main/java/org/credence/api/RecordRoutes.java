package org.credence.api;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.StringReader;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.credence.catalog.Catalog;
import org.credence.formats.Json;
import org.credence.formats.RecordFiles;
import org.credence.record.RecordBatch;
import org.credence.record.RecordReader;
import org.credence.record.RecordStream;
import org.credence.record.RecordSubmission;
import org.credence.state.CreditState;
import org.credence.store.ApiKey;
import org.credence.store.RecordStore;
import org.credence.subject.IdSchemes;

/** Agencies submitting records, one at a time or as an all-or-nothing NDJSON batch. */
final class RecordRoutes {

    private static final String PURPOSE = "record submission";

    private final CreditState state;
    private final IdSchemes ids;
    private final Clock clock;
    private final Metrics metrics;
    private final Audit audit;

    RecordRoutes(CreditState state, IdSchemes ids, Clock clock, Metrics metrics, Audit audit) {
        this.state = state;
        this.ids = ids;
        this.clock = clock;
        this.metrics = metrics;
        this.audit = audit;
    }

    private RecordReader reader(Catalog catalog) {
        return new RecordReader(catalog, ids, Json::canonical);
    }

    void submit(Context ctx, ApiKey client) {
        Object tree = Bodies.json(ctx);
        // One catalog for the check and the write: the store refuses the write should it be replaced between.
        Catalog catalog = state.snapshot().rulebook().catalog();
        RecordSubmission record = switch (reader(catalog).read(tree, LocalDate.now(clock))) {
            case RecordReader.Rejected rejected -> {
                metrics.rejected(1);
                throw new ApiError(400, "invalid_record", "the record was rejected: " + rejected.problems().getFirst()
                        + (rejected.problems().size() > 1 ? " (and " + (rejected.problems().size() - 1) + " more)" : ""),
                        Respond.problems(rejected.problems()));
            }
            case RecordReader.Accepted accepted -> accepted.record();
        };
        if (!client.covers(record.type())) {
            throw new ApiError(403, "out_of_scope", "this key may not submit records of type '" + record.type() + "'");
        }
        switch (state.submit(List.of(record), clock.instant(), audit.writtenBy(client, "record.submit", PURPOSE, catalog))) {
            case RecordStore.CatalogChanged changed -> {
                metrics.rejected(1);
                audit.record(client, "record.submit", Optional.of(record.subject().id()), PURPOSE, "catalog_changed");
                throw catalogChanged(ctx, changed, "the record was", "it");
            }
            case RecordStore.Conflicted conflicted -> {
                metrics.rejected(1);
                audit.record(client, "record.submit", Optional.of(record.subject().id()), PURPOSE, "conflict");
                throw conflict(List.of(Map.entry(record, conflicted.conflicts().getFirst().existing().id())));
            }
            case RecordStore.Appended appended -> {
                RecordStore.Outcome outcome = appended.outcomes().getFirst();
                boolean stored = outcome instanceof RecordStore.Stored;
                metrics.stored(stored ? 1 : 0, stored ? 0 : 1);
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("id", outcome.record().id());
                body.put("status", stored ? "stored" : "duplicate");
                Respond.json(ctx, stored ? 201 : 200, body);
            }
        }
    }

    void bulk(Context ctx, ApiKey client) throws IOException {
        String text = Bodies.text(ctx, Bodies.BULK);
        Catalog catalog = state.snapshot().rulebook().catalog();
        RecordBatch batch = RecordFiles.readNdjson(new StringReader(text), reader(catalog), LocalDate.now(clock));
        if (!batch.accepted()) {
            metrics.rejected(batch.problems().size());
            throw new ApiError(400, "invalid_batch", batch.problems().size() + " problem(s) in the batch; nothing was stored",
                    Respond.lineProblems(batch.problems()));
        }
        List<RecordSubmission> records = batch.records();
        TreeSet<String> outOfScope = new TreeSet<>();
        records.stream().map(RecordSubmission::type).filter(t -> !client.covers(t)).forEach(outOfScope::add);
        if (!outOfScope.isEmpty()) {
            throw new ApiError(403, "out_of_scope", "this key may not submit records of type " + outOfScope
                    + "; nothing was stored");
        }
        // Stored with their audit entries in one transaction: an acknowledged batch is audited, always.
        RecordStore.ImportResult result = state.importRecords(RecordStream.of(records), clock.instant(),
                audit.writtenBy(client, "record.submit", PURPOSE, catalog));
        switch (result) {
            case RecordStore.CatalogChanged changed -> {
                metrics.rejected(records.size());
                throw catalogChanged(ctx, changed, "the records were", "they");
            }
            case RecordStore.ImportRejected rejected -> {
                metrics.rejected(rejected.conflicts().size());
                throw conflict(rejected.conflicts().stream()
                        .map(c -> Map.entry(records.get(c.line() - 1), c.existingId())).toList());
            }
            case RecordStore.Imported imported -> {
                metrics.stored(imported.stored(), imported.records() - imported.stored());
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("received", records.size());
                body.put("stored", imported.stored());
                body.put("duplicates", imported.records() - imported.stored());
                Respond.json(ctx, 200, body);
            }
        }
    }

    /**
     * A 503 for records checked under a catalog version replaced before they could be stored. This server
     * serves the new version once it has rebuilt its index under it, within seconds: the client sends the
     * same request again then (Retry-After), and it is checked under the version in force. While this
     * server cannot serve the active version (it does not validate, say), nothing can be stored, and the
     * answer says why instead of when to try again.
     */
    private ApiError catalogChanged(Context ctx, RecordStore.CatalogChanged changed, String what, String they) {
        String refused = what + " checked under catalog " + changed.checkedUnder() + ", but " + changed.active()
                + " became the active catalog before " + they + " could be stored; nothing was stored";
        Optional<String> notServed = state.behind();
        if (notServed.isPresent()) {
            return new ApiError(503, "catalog_not_served", refused + ", and this server cannot store records until it"
                    + " serves the active catalog: " + notServed.get());
        }
        ctx.header("Retry-After", "2");
        return new ApiError(503, "catalog_changed", refused + ": send the request again once this server serves "
                + changed.active() + " (/health names the catalog it serves)");
    }

    /** A 409 naming each submitted record that clashes with a stored one, paired with that record's id. */
    private static ApiError conflict(List<Map.Entry<RecordSubmission, Long>> clashes) {
        List<Map<String, Object>> problems = clashes.stream().map(c -> Map.<String, Object>of(
                "source", c.getKey().source(), "source_ref", c.getKey().sourceRef(), "existing_id", c.getValue(),
                "reason", "a different record is already stored under this source and source_ref")).toList();
        RecordSubmission mine = clashes.getFirst().getKey();
        return new ApiError(409, "conflict", "source '" + mine.source() + "' already holds a different record under source_ref '"
                + mine.sourceRef() + "' (record " + clashes.getFirst().getValue() + "); nothing was stored", problems);
    }
}
