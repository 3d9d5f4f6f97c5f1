package org.credence.scorecard;

import java.math.BigDecimal;
import java.util.List;
import org.credence.scorecard.binning.Bin;

/**
 * Describes a bin in words an applicant can act on: "duration of the loan 48+ months", "savings:
 * below 100 DM or 100 to 499 DM". The same phrase is the scorecard row and the reason code.
 */
public final class BinPhrases {
    private BinPhrases() {
    }

    /**
     * @param integral whether every training value of the attribute was a whole number; ranges are
     *                 then written inclusively (12–23) rather than half-open (12 to under 24)
     */
    public static String phrase(AttributeWords words, Bin bin, boolean integral) {
        return switch (bin) {
            case Bin.Interval interval -> words.template().isEmpty()
                    ? words.label() + " " + range(interval, integral) + unit(words)
                    : words.template().replace("{range}", range(interval, integral) + unit(words));
            case Bin.Categories group -> words.label() + ": " + list(group.values().stream().map(words::value).toList());
            case Bin.Other other -> words.label() + " not given, or a value not seen in training";
        };
    }

    private static String range(Bin.Interval interval, boolean integral) {
        Double from = interval.from();
        Double to = interval.to();
        if (from == null && to == null) {
            return "any value";
        }
        if (from == null) {
            return "under " + number(to);
        }
        if (to == null) {
            return number(from) + "+";
        }
        if (integral && Math.floor(from) == from && Math.floor(to) == to) {
            double last = to - 1;
            return last == from ? number(from) : number(from) + "–" + number(last);
        }
        return number(from) + " to under " + number(to);
    }

    private static String unit(AttributeWords words) {
        return words.unit().isEmpty() ? "" : " " + words.unit();
    }

    private static String number(double value) {
        return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    }

    static String list(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.get(items.size() - 1);
    }
}
