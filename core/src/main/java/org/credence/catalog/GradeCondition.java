package org.credence.catalog;

/**
 * A condition on a subject's grade, usable both as a list entry and as a measure trigger. Both
 * compare points, never grade names: {@code at_least X} holds at X's minimum or above,
 * {@code at_most X} below the minimum of the grade one step up. {@link #band} turns the condition
 * into a plain interval of points once, so evaluating it is two comparisons.
 */
public sealed interface GradeCondition extends Trigger, ListEntry {

    String grade();

    /** The points for which the condition holds on {@code scale}, whose grades include {@link #grade()}. */
    PointsBand band(Scale scale);

    /** {@code grade_at_least: X}. */
    record AtLeast(String grade) implements GradeCondition {
        @Override
        public PointsBand band(Scale scale) {
            int index = scale.indexOf(grade).orElseThrow();
            return new PointsBand(scale.grades().get(index).min(), Integer.MAX_VALUE);
        }
    }

    /** {@code grade_at_most: X}; at the top grade it always holds. */
    record AtMost(String grade) implements GradeCondition {
        @Override
        public PointsBand band(Scale scale) {
            int index = scale.indexOf(grade).orElseThrow();
            return new PointsBand(Integer.MIN_VALUE, index == 0 ? Integer.MAX_VALUE : scale.grades().get(index - 1).min());
        }
    }

    /** Points from {@code min} inclusive to {@code below} exclusive. */
    record PointsBand(int min, int below) {
        public boolean contains(int points) {
            return points >= min && points < below;
        }
    }
}
