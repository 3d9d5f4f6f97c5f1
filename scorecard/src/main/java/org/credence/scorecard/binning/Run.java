package org.credence.scorecard.binning;

/** A contiguous run of fine classes {@code first..last} (inclusive) with their outcome counts. */
record Run(int first, int last, int goods, int bads) {
    int total() {
        return goods + bads;
    }

    Run merge(Run next) {
        return new Run(first, next.last, goods + next.goods, bads + next.bads);
    }

    /** Compares bad rates exactly, by cross-multiplication, so ties are ties. */
    int compareBadRate(Run other) {
        return Long.compare((long) bads * other.total(), (long) other.bads * total());
    }

    double badRate() {
        return total() == 0 ? 0.0 : (double) bads / total();
    }

    BinCounts counts() {
        return new BinCounts(goods, bads);
    }
}
