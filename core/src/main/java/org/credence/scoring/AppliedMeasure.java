package org.credence.scoring;

import java.time.LocalDate;
import java.util.Optional;
import org.credence.catalog.Measure;

/**
 * A measure that applies, with the first day it would stop applying if nothing new were recorded
 * ({@code until} empty: it never lapses by itself).
 */
public record AppliedMeasure(Measure measure, Optional<LocalDate> until) {
}
