package org.credence.catalog;

import java.util.List;
import java.util.Optional;

/**
 * The points scale: where everyone starts, the bounds, and the grade bands highest first. Grades
 * are read by points alone whatever {@code better} says; {@code better} only decides which record
 * types are adverse.
 */
public record Scale(int base, int floor, int cap, Better better, List<Grade> grades) {

    public Scale {
        grades = List.copyOf(grades);
    }

    public int clamp(long points) {
        return (int) Math.max(floor, Math.min(cap, points));
    }

    /** Index into {@link #grades()} of the first band whose minimum {@code points} reach. */
    public int gradeIndex(int points) {
        for (int i = 0; i < grades.size(); i++) {
            if (points >= grades.get(i).min()) {
                return i;
            }
        }
        return grades.size() - 1;
    }

    public Grade gradeOf(int points) {
        return grades.get(gradeIndex(points));
    }

    public Optional<Integer> indexOf(String gradeCode) {
        for (int i = 0; i < grades.size(); i++) {
            if (grades.get(i).code().equals(gradeCode)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }
}
