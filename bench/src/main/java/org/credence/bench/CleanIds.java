package org.credence.bench;

/**
 * Prints {@code N} valid resident identity numbers that no generated population uses (subject numbers
 * from 100 million up), one a line: the clean subjects that the HTTP load asks about beside the
 * recorded ones. Used by scripts/bench.sh.
 */
public final class CleanIds {

    private CleanIds() {
    }

    public static void main(String[] args) {
        int count = Integer.parseInt(args[0]);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append(Synthetic.id(100_000_000 + i)).append('\n');
        }
        System.out.print(out);
    }
}
