package org.credence.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.credence.store.AuditLog.Item;
import org.junit.jupiter.api.Test;

/** The items column's text, which entries' hashes cover: it must stay exactly as the encoding publishes it. */
class AuditItemsTest {

    @Test
    void stringsAreEscapedAsJsonRequiresAndNoMore() {
        String outcome = "q\" b\\ \n\t\r\b\f \u0001\u001f \u007f Ü 中 / \u2028";
        assertThat(AuditItems.encode(List.of(new Item("ab", outcome), new Item("cd", "allow"))))
                .isEqualTo("[[\"ab\",\"q\\\" b\\\\ \\n\\t\\r\\b\\f \\u0001\\u001F \u007f Ü 中 / \u2028\"],[\"cd\",\"allow\"]]");
    }

    @Test
    void textReadsBackToTheSameItems() {
        // Numbered by their places, which the text keeps as their order.
        List<Item> items = List.of(new Item("ab", "travel.air.ticket: deny", 1), new Item("ab", "finance.loan: \"allow\"", 2));
        assertThat(AuditItems.decode(AuditItems.encode(items))).isEqualTo(items);
        assertThat(AuditItems.encode(List.of())).isNull();
        assertThat(AuditItems.decode(null)).isEmpty();
    }

    @Test
    void textThatIsNoArrayOfPairsReadsAsNoItems() {
        for (String text : List.of("", "not json", "{}", "[\"ab\"]", "[[\"ab\"]]", "[[\"ab\",\"x\",\"y\"]]", "[[\"ab\",1]]",
                "[[\"ab\",\"allow\"]")) {
            assertThat(AuditItems.decode(text)).as(text).isEmpty();
        }
    }
}
