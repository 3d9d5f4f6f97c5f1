package org.credence.scorecard.binning;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.credence.scorecard.data.NominalColumn;

/**
 * Groups the categories of a nominal attribute into a few bins of similar bad rate.
 *
 * <p>Categories have no natural order, so they are ordered by bad rate and then treated like the
 * fine classes of a numeric attribute: a sparse category (say, "retraining" with a handful of
 * loans) is folded into the neighbour with the closest bad rate, then ChiMerge joins neighbours
 * that do not differ significantly, down to at most {@code maxBins} groups. Categories declared but
 * never seen in training belong to no group: at scoring time they fall into the Other bin, rather
 * than borrowing the evidence of a group they were never measured in.
 */
public final class CategoryGrouper {
    private CategoryGrouper() {
    }

    public static AttributeBinning group(NominalColumn column, int[] bad, BinningSettings settings) {
        int categories = column.categories().size();
        int[] goods = new int[categories];
        int[] bads = new int[categories];
        int missingGoods = 0;
        int missingBads = 0;
        for (int row = 0; row < column.size(); row++) {
            int code = column.code(row);
            if (code == NominalColumn.MISSING) {
                if (bad[row] == 1) {
                    missingBads++;
                } else {
                    missingGoods++;
                }
            } else if (bad[row] == 1) {
                bads[code]++;
            } else {
                goods[code]++;
            }
        }
        List<Run> seen = new ArrayList<>();
        for (int code = 0; code < categories; code++) {
            if (goods[code] + bads[code] > 0) {
                // first/last hold the category code until the runs are ordered by bad rate
                seen.add(new Run(code, code, goods[code], bads[code]));
            }
        }
        seen.sort(Comparator.<Run>comparingDouble(Run::badRate).thenComparingInt(Run::first));
        List<Integer> codeAt = seen.stream().map(Run::first).toList();
        List<Run> fine = new ArrayList<>(seen.size());
        for (int position = 0; position < seen.size(); position++) {
            Run run = seen.get(position);
            fine.add(new Run(position, position, run.goods(), run.bads()));
        }
        int minCount = settings.minCount(column.size());
        List<Run> runs = AdjacentMerging.mergeSparse(fine, minCount);
        runs = AdjacentMerging.chiMerge(runs, settings.maxBins(),
                BinningAssembly.criticalChiSquare(settings.mergeSignificance()));

        List<Bin> bins = new ArrayList<>(runs.size());
        for (Run run : runs) {
            List<String> values = codeAt.subList(run.first(), run.last() + 1).stream()
                    .sorted()
                    .map(column.categories()::get)
                    .toList();
            bins.add(new Bin.Categories(values));
        }
        return BinningAssembly.assemble(column.name(), bins, BinningAssembly.counts(runs),
                new BinCounts(missingGoods, missingBads), minCount);
    }
}
