package org.credence.catalog;

/** What makes a measure apply: membership of a list, or a grade condition. */
public sealed interface Trigger permits Trigger.OnList, GradeCondition {

    /** {@code when: {list: CODE}}. */
    record OnList(String list) implements Trigger {
    }
}
