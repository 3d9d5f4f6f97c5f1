package org.credence.catalog;

/** Something a partner service asks about: "may this subject do this?". */
public record Action(String code, String title) {
}
