package org.credence.scorecard.report;

import java.util.Locale;

/**
 * A histogram of scores by outcome as a self-contained SVG: for each 25-point band, the share of
 * goods and the share of bads that fall in it, side by side, with the cut-off marked. Shares
 * rather than counts, so the smaller class is as visible as the larger one.
 */
public final class ScoreDistributionSvg {
    private static final int WIDTH = 860;
    private static final int HEIGHT = 420;
    private static final int LEFT = 60;
    private static final int RIGHT = 20;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;
    private static final int BAND = 25;

    private ScoreDistributionSvg() {
    }

    public static String render(int[] scores, int[] bad, int minScore, int maxScore, int cutoff, String title) {
        int bands = (maxScore - minScore + BAND - 1) / BAND;
        double[] goodShare = new double[bands];
        double[] badShare = new double[bands];
        int goods = 0;
        int bads = 0;
        for (int i = 0; i < scores.length; i++) {
            int band = Math.min(bands - 1, Math.max(0, (scores[i] - minScore) / BAND));
            if (bad[i] == 1) {
                badShare[band]++;
                bads++;
            } else {
                goodShare[band]++;
                goods++;
            }
        }
        double highest = 0.01;
        for (int b = 0; b < bands; b++) {
            goodShare[b] = goods == 0 ? 0 : goodShare[b] / goods;
            badShare[b] = bads == 0 ? 0 : badShare[b] / bads;
            highest = Math.max(highest, Math.max(goodShare[b], badShare[b]));
        }
        double top = Math.ceil(highest * 20) / 20;
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        double bandWidth = plotWidth / bands;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                        + "font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"24\" font-size=\"15\">%s</text>%n", LEFT, escape(title)));
        for (int tick = 0; tick <= 5; tick++) {
            double share = top * tick / 5;
            double y = TOP + plotHeight - plotHeight * tick / 5;
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n", LEFT, y, WIDTH - RIGHT, y));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.0f%%</text>%n",
                    LEFT - 6, y + 4, share * 100));
        }
        for (int b = 0; b < bands; b++) {
            double x = LEFT + b * bandWidth;
            double goodHeight = plotHeight * goodShare[b] / top;
            double badHeight = plotHeight * badShare[b] / top;
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#2b6cb0\"/>%n",
                    x + 2, TOP + plotHeight - goodHeight, bandWidth / 2 - 2, goodHeight));
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#c53030\"/>%n",
                    x + bandWidth / 2, TOP + plotHeight - badHeight, bandWidth / 2 - 2, badHeight));
        }
        for (int score = minScore; score <= maxScore; score += 2 * BAND) {
            double x = LEFT + (score - minScore) / (double) BAND * bandWidth;
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%d</text>%n",
                    x, TOP + plotHeight + 18, score));
        }
        double cutX = LEFT + (cutoff - minScore) / (double) BAND * bandWidth;
        svg.append(String.format(Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"black\" stroke-dasharray=\"5,4\"/>%n",
                cutX, TOP, cutX, TOP + plotHeight));
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">cut-off %d</text>%n", cutX + 4, TOP + 12, cutoff));
        svg.append(String.format(Locale.ROOT,
                "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"black\"/>%n",
                LEFT, TOP + plotHeight, WIDTH - RIGHT, TOP + plotHeight));
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">score</text>%n",
                LEFT + plotWidth / 2, HEIGHT - 14));
        int legendX = WIDTH - RIGHT - 260;
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"14\" width=\"12\" height=\"12\" fill=\"#2b6cb0\"/>%n", legendX));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"24\">good (%d)</text>%n", legendX + 16, goods));
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"14\" width=\"12\" height=\"12\" fill=\"#c53030\"/>%n", legendX + 120));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"24\">bad (%d)</text>%n", legendX + 136, bads));
        svg.append(String.format(Locale.ROOT,
                "<text x=\"14\" y=\"%.1f\" transform=\"rotate(-90 14 %.1f)\" text-anchor=\"middle\">share of class</text>%n",
                TOP + plotHeight / 2, TOP + plotHeight / 2));
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
