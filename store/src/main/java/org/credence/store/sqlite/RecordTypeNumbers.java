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

    private final List<String> types = new ArrayList<>();
    private String expression = "-1";

    /** {@code CASE type WHEN 'a' THEN 0 ... ELSE -1 END} for the types met so far. */
    synchronized String expression() {
        return expression;
    }

    synchronized String type(int number) {
        return types.get(number);
    }

    /** Numbers {@code type} if it is new; returns the one string kept for it, so facts share it. */
    synchronized String learn(String type) {
        int known = types.indexOf(type);
        if (known >= 0) {
            return types.get(known);
        }
        types.add(type);
        StringBuilder numbered = new StringBuilder("CASE type");
        for (int i = 0; i < types.size(); i++) {
            // Doubling the quote is SQL's own escape; catalog codes hold none, but the text comes from the file.
            numbered.append(" WHEN '").append(types.get(i).replace("'", "''")).append("' THEN ").append(i);
        }
        expression = numbered.append(" ELSE -1 END").toString();
        return type;
    }
}
