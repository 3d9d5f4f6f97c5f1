package org.credence.state;

/** Wording shared by every notice. */
final class Notices {

    static final String HOW_TO_CONTEST = "If a record is wrong, dispute it: in the subject portal, or "
            + "POST /api/v1/subjects/<your id>/disputes with {\"record_id\": ..., \"reason\": ...}. A disputed record is "
            + "marked as such everywhere; if it is not resolved within 30 days it stops counting until it is, and an "
            + "upheld dispute annuls it at once. Once an obligation is fulfilled, a repairable record can be repaired: "
            + "POST /api/v1/subjects/<your id>/repairs with {\"record_id\": ..., \"evidence\": ...}.";

    private Notices() {
    }
}
