package org.credence.catalog;

/** A grade band: a subject has this grade when its points reach {@code min} and no higher band's. */
public record Grade(String code, int min) {
}
