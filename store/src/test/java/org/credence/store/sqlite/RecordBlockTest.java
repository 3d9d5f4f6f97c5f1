package org.credence.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.credence.record.RecordState;
import org.credence.record.RecordSubmission;
import org.credence.record.StoredRecord;
import org.credence.store.StoreException;
import org.credence.store.Vault;
import org.junit.jupiter.api.Test;

/** A block reads back exactly the records it was made of, opens only where it was made, and refuses damage. */
class RecordBlockTest {

    private static final Vault VAULT = Vault.random();
    private static final String AT = Timestamps.format(Fixtures.T0);

    private static final List<RecordSubmission> MIXED = List.of(
            Fixtures.record("J-1", Fixtures.person(1, "Zhao Lei")),
            new RecordSubmission("tax.chengdu", "T/2019/7", Fixtures.organization(9, "成都河流有限公司"), "tax_arrears",
                    LocalDate.of(1969, 12, 31), Optional.empty()),
            new RecordSubmission("court.beijing", "J-2", Fixtures.person(2), "judgment_unperformed",
                    LocalDate.of(2026, 2, 28), Optional.of("{\"note\":\"\\u00e9t\\u00e9 \\\"quoted\\\"\"}")),
            new RecordSubmission("court.beijing", "", Fixtures.organization(10, ""), "judgment_unperformed",
                    LocalDate.of(1900, 1, 1), Optional.of("{}")));

    @Test
    void aBlockReadsBackItsRecordsWithTheirStates() {
        byte[] body = RecordBlock.encode(41, AT, MIXED, VAULT);

        RecordBlock block = RecordBlock.read(body);

        assertThat(block.firstId()).isEqualTo(41);
        assertThat(block.lastId()).isEqualTo(44);
        assertThat(block.recordedAt()).isEqualTo(AT);
        List<StoredRecord> records = block.records(VAULT, Map.of(43L, RecordState.ANNULLED));
        List<StoredRecord> expected = new ArrayList<>();
        for (int i = 0; i < MIXED.size(); i++) {
            expected.add(new StoredRecord(41 + i, MIXED.get(i), Fixtures.T0, i == 2 ? RecordState.ANNULLED : RecordState.RECORDED));
        }
        assertThat(records).isEqualTo(expected);
        assertThat(block.subjectIds(VAULT)).containsExactly(MIXED.stream().map(r -> r.subject().id()).toArray(String[]::new));
        assertThat(block.names(VAULT, true)).containsExactly(null, "成都河流有限公司", null, "");
        assertThat(block.namesAnOrganization()).isTrue();
        assertThat(IntStream.range(0, 4).mapToObj(block::occurredDay).toList())
                .containsExactly((int) LocalDate.of(2025, 11, 3).toEpochDay(), -1, (int) LocalDate.of(2026, 2, 28).toEpochDay(),
                        (int) LocalDate.of(1900, 1, 1).toEpochDay());
    }

    @Test
    void aFullBlockOfRepeatedSourcesAndTypesKeepsThemApart() {
        List<RecordSubmission> records = IntStream.range(0, RecordBlock.MAX_RECORDS)
                .mapToObj(n -> new RecordSubmission("source-" + (n % 3), "ref-" + n, Fixtures.person(n),
                        "type-" + (n % 5), LocalDate.of(2024, 1, 1).plusDays(n), Optional.empty()))
                .toList();

        RecordBlock block = RecordBlock.read(RecordBlock.encode(1, AT, records, VAULT));

        assertThat(block.records(VAULT, Map.of()).stream().map(StoredRecord::submission).toList()).isEqualTo(records);
        List<RecordSubmission> tooMany = new ArrayList<>(records);
        tooMany.add(records.getFirst());
        assertThatThrownBy(() -> RecordBlock.encode(1, AT, tooMany, VAULT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 1024 records");
    }

    @Test
    void theSealedFieldsOpenOnlyInTheBlockTheyWereMadeFor() {
        byte[] here = RecordBlock.encode(41, AT, MIXED, VAULT);
        byte[] there = RecordBlock.encode(45, AT, MIXED, VAULT);
        // The same records at other ids: the clear parts differ only in the first id, so moving the
        // sealed sections of one block into the other's frame is the swap an intruder would try.
        byte[] swapped = there.clone();
        System.arraycopy(here, 12, swapped, 12, here.length - 12);
        RecordBlock moved = RecordBlock.read(swapped);

        assertThatThrownBy(() -> moved.subjectIds(VAULT)).isInstanceOf(StoreException.class)
                .hasMessageContaining("records 45 to 48 do not open");
        assertThatThrownBy(() -> RecordBlock.read(here).subjectIds(Vault.random())).isInstanceOf(StoreException.class)
                .hasMessageContaining("wrong key file, or altered data");
    }

    @Test
    void aDamagedBodyIsRefusedSayingWhy() {
        byte[] body = RecordBlock.encode(1, AT, MIXED, VAULT);

        assertThatThrownBy(() -> RecordBlock.read(Arrays.copyOf(body, body.length - 1)))
                .isInstanceOf(StoreException.class).hasMessageContaining("a record block does not decode");
        assertThatThrownBy(() -> RecordBlock.read(Arrays.copyOf(body, body.length + 1)))
                .hasMessageContaining("1 bytes after the last section");
        byte[] other = body.clone();
        other[3] = '2';
        assertThatThrownBy(() -> RecordBlock.read(other)).hasMessageContaining("not a record block of version 1");
        byte[] flipped = body.clone();
        flipped[body.length - 20] ^= 1;
        assertThatThrownBy(() -> RecordBlock.read(flipped).details(VAULT)).hasMessageContaining("do not open");
        byte[] negative = Arrays.copyOf(body, 22);
        // A count of -1 as ten bytes of varint, after the magic and the first id.
        System.arraycopy(new byte[] {-1, -1, -1, -1, -1, -1, -1, -1, -1, 1}, 0, negative, 12, 10);
        assertThatThrownBy(() -> RecordBlock.read(negative)).isInstanceOf(StoreException.class)
                .hasMessageContaining("a count of -1");
    }

    @Test
    void aChangedClearFactKeepsTheSealedFieldsShut() {
        byte[] body = RecordBlock.encode(1, AT, MIXED, VAULT);
        // The reference of the third record, J-2, becomes J-3: the block still decodes.
        byte[] changed = body.clone();
        int at = new String(body, StandardCharsets.ISO_8859_1).indexOf("J-2");
        changed[at + 2] = '3';

        RecordBlock block = RecordBlock.read(changed);

        assertThat(block.sourceRef(2)).isEqualTo("J-3");
        assertThatThrownBy(() -> block.subjectIds(VAULT)).isInstanceOf(StoreException.class).hasMessageContaining("do not open");
        assertThatThrownBy(() -> block.name(VAULT, 0)).isInstanceOf(StoreException.class);
    }

    @Test
    void aBlockIsMuchSmallerThanItsRecordsAsRows() {
        List<RecordSubmission> records = IntStream.range(0, RecordBlock.MAX_RECORDS)
                .mapToObj(n -> new RecordSubmission("court", "gen-1-" + n, Fixtures.person(n, "Zhao Qiang"),
                        "court.enforcement_obstruction", LocalDate.of(2024, 1, 1), Optional.of("{\"synthetic\":true}")))
                .toList();

        byte[] body = RecordBlock.encode(1, Timestamps.format(Instant.EPOCH), records, VAULT);

        // As rows each record had three seals of 28 bytes' overhead and a 32-character hash alone.
        assertThat(body.length / records.size()).isLessThan(80);
    }
}
