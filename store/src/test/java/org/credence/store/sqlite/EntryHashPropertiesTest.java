package org.credence.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Whatever the values (any characters, any length, the subject absent or not), one hasher used for
 * entry after entry gives each the hash of the published encoding: its buffer, reused and grown, and
 * its copy of ASCII a char at a time change nothing.
 */
class EntryHashPropertiesTest {

    @Provide
    Arbitrary<List<List<String>>> entries() {
        Arbitrary<String> ascii = Arbitraries.strings().ascii().ofMaxLength(80);
        Arbitrary<String> any = Arbitraries.strings().ofMaxLength(80);
        Arbitrary<String> longText = Arbitraries.strings().withChars("ab\u00fc\u4e2d").ofMinLength(400).ofMaxLength(2_000);
        Arbitrary<String> value = Arbitraries.frequencyOf(
                Tuple.of(6, ascii), Tuple.of(3, any), Tuple.of(1, longText));
        return value.injectNull(0.1).list().ofSize(9).list().ofMinSize(1).ofMaxSize(20);
    }

    @Property(tries = 200)
    void everyEntryHashesAsItsPublishedEncoding(@ForAll("entries") List<List<String>> entries) {
        EntryHash hash = new EntryHash();
        long seq = 1;
        for (List<String> v : entries) {
            // Only the subject and the items may be absent in the table; the others stand in for a NULL
            // from tampering.
            assertThat(hash.of(seq, v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), v.get(5), v.get(6), v.get(7),
                    v.get(8)))
                    .isEqualTo(Fixtures.specHash(seq, v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), v.get(5),
                            v.get(6), v.get(7), v.get(8)));
            seq = seq * 31 + 7;
        }
    }
}
