package dev.sluice.bench;

import java.util.Arrays;

/**
 * Two measurements of one quantity taken in alternation, a pair at a time, after three pairs to
 * warm up: on this noisy machine two separate runs differ by more than the changes the comparisons
 * measure, so a ratio is read within each pair. Each side's values and the ratios (second / first)
 * come back sorted.
 */
final class AlternatingPairs {

    private static final int WARM_UP_PAIRS = 3;

    /** One measurement (a rate, or a time per item), taken over about a second. */
    interface Measurement {

        double take() throws Exception;
    }

    record Result(double[] first, double[] second, double[] ratios) {

        double firstMedian() {
            return first[first.length / 2];
        }

        double secondMedian() {
            return second[second.length / 2];
        }

        double ratioMedian() {
            return ratios[ratios.length / 2];
        }

        /** "median M, quartiles Q1-Q3, range MIN-MAX" of the ratios, {@code digits} decimals. */
        String ratioSummary(int digits) {
            String f = "%." + digits + "f";
            int n = ratios.length;
            return String.format("median " + f + ", quartiles " + f + "-" + f + ", range " + f + "-" + f, ratioMedian(), ratios[n / 4],
                    ratios[n * 3 / 4], ratios[0], ratios[n - 1]);
        }
    }

    private AlternatingPairs() {
    }

    static Result run(int pairs, Measurement first, Measurement second) throws Exception {
        double[] a = new double[pairs];
        double[] b = new double[pairs];
        double[] ratios = new double[pairs];
        for (int pair = -WARM_UP_PAIRS; pair < pairs; pair++) {
            double x = first.take();
            double y = second.take();
            if (pair >= 0) {
                a[pair] = x;
                b[pair] = y;
                ratios[pair] = y / x;
            }
        }
        Arrays.sort(a);
        Arrays.sort(b);
        Arrays.sort(ratios);
        return new Result(a, b, ratios);
    }
}
