package org.credence.scoring;

import java.time.LocalDate;
import java.util.Optional;
import org.credence.catalog.Measure;

/**
 * A measure that applies, with the first day it would stop applying if nothing new were recorded
 * ({@code until} empty: it never lapses by itself), and whether it rests on a record under dispute —
 * which every explanation, a partner's included, must say.
 */
public record AppliedMeasure(Measure measure, Optional<LocalDate> until, boolean disputed) {
}
