package org.credence.store.sqlite;

import java.util.ArrayList;
import java.util.List;

/**
 * The record types the fact reader has met, numbered in the order met, and the SQL expression that
 * reads each stored type as its number (-1 for one not met yet). Shared by every read of one store and
 * only ever appended to, so a number once given stays valid in every later expression, and the query's
 * text, which the connection keeps prepared, changes only when a type is met for the first time: a
 * catalog's tens of types in a process's life, not a statement per read.
 */
final class RecordTypeNumbers {

    /**
     * The types met up to some moment and the expression that numbers exactly those. A reader takes one
     * per chunk, so the rows it reads are looked up without a lock.
     */
    record Known(List<String> types, String expression) {
    }

    private volatile Known known = new Known(List.of(), "-1");

    Known known() {
        return known;
    }

    /** Numbers {@code type} if it is new; returns the one string kept for it, so facts share it. */
    synchronized String learn(String type) {
        int index = known.types().indexOf(type);
        if (index >= 0) {
            return known.types().get(index);
        }
        List<String> types = new ArrayList<>(known.types());
        types.add(type);
        StringBuilder numbered = new StringBuilder("CASE type");
        for (int i = 0; i < types.size(); i++) {
            // Doubling the quote is SQL's own escape; catalog codes hold none, but the text comes from the file.
            numbered.append(" WHEN '").append(types.get(i).replace("'", "''")).append("' THEN ").append(i);
        }
        known = new Known(List.copyOf(types), numbered.append(" ELSE -1 END").toString());
        return type;
    }
}
