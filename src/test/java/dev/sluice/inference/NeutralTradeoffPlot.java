package dev.sluice.inference;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.sluice.inference.LabelledTexts.Example;
import dev.sluice.inference.lexicon.LexiconModel;
import dev.sluice.inference.lexicon.VaderAnalyzer;
import dev.sluice.inference.lexicon.VaderLexicon;

/**
 * Draws docs/model/neutral-tradeoff.svg: polar strict accuracy against neutral recall on held-out
 * domains, one curve per model, from the curves the trainers wrote, plus the untrained VADER
 * lexicon swept over its neutral band. The chosen point of each curve is marked. No plotting
 * library on Maven Central writes SVG without AWT here; a few polylines are a few lines.
 * <p>
 * {@code ./mvnw -B process-test-classes -Ptrain-model} runs it after the trainers.
 */
public final class NeutralTradeoffPlot {

    private static final String[] COLOURS = {"#1b6ca8", "#d1495b", "#edae49", "#00798c", "#6a4c93"};
    private static final int WIDTH = 640;
    private static final int HEIGHT = 480;
    private static final int MARGIN = 60;

    record Point(double knob, double neutralRecall, double polarStrictAccuracy, boolean chosen) {
    }

    private NeutralTradeoffPlot() {
    }

    public static void main(String[] args) throws IOException {
        Path docs = Path.of(args.length > 0 ? args[0] : "docs/model");
        Map<String, List<Point>> curves = new LinkedHashMap<>();
        for (String model : List.of("hybrid", "minilm", "bge-small", "e5-small")) {
            Path tsv = docs.resolve(model + "-neutral-tradeoff.tsv");
            if (Files.exists(tsv)) {
                curves.put(model + " (neutral bias)", trained(Files.readAllLines(tsv)));
            }
        }
        curves.put("lexicon (neutral band)", lexicon());
        curves.forEach((name, points) -> points.stream().filter(Point::chosen).forEach(p -> System.out.printf(Locale.ROOT,
                "%s at %.2f: polar strict accuracy %.4f, neutral recall %.4f%n", name, p.knob(), p.polarStrictAccuracy(),
                p.neutralRecall())));
        List<Example> prose = LabelledTexts.proseSet();
        LabelConfusion lexiconOnProse = LabelConfusion.of(prose,
                new LexiconModel(new VaderAnalyzer(VaderLexicon.load()), ModelEvaluation.BAND)
                        .predict(prose.stream().map(Example::text).toList()));
        System.out.printf(Locale.ROOT,
                "lexicon on the prose set at %.2f: strict accuracy %.4f, macro recall %.4f, polar strict accuracy %.4f, "
                        + "polar labelled neutral %.4f, neutral recall %.4f, %s%n",
                ModelEvaluation.BAND, lexiconOnProse.strictAccuracy(),
                lexiconOnProse.macroRecall(), lexiconOnProse.polarStrictAccuracy(), lexiconOnProse.polarLabelledNeutral(),
                lexiconOnProse.recall(dev.sluice.record.Label.NEUTRAL), lexiconOnProse);
        Files.writeString(docs.resolve("neutral-tradeoff.svg"), svg(curves), StandardCharsets.UTF_8);
        System.out.println("wrote " + docs.resolve("neutral-tradeoff.svg"));
    }

    /** A trainer's curve; its chosen point is the bias with the highest macro recall (ties: nearest 0), the trainers' rule. */
    static List<Point> trained(List<String> tsv) {
        List<double[]> rows = tsv.stream().skip(1)
                .map(line -> java.util.Arrays.stream(line.split("\t")).mapToDouble(Double::parseDouble).toArray())
                .toList();
        double[] best = rows.get(0);
        for (double[] row : rows) {
            best = ModelEvaluation.better(row[3], row[0], best[3], best[0]) ? row : best;
        }
        List<Point> out = new ArrayList<>();
        for (double[] row : rows) {
            out.add(new Point(row[0], row[2], row[1], row == best));
        }
        return out;
    }

    /** VADER with its neutral band from 0 to 0.9; the shipped band (0.05) is marked. */
    static List<Point> lexicon() {
        VaderAnalyzer analyzer = new VaderAnalyzer(VaderLexicon.load());
        List<Point> out = new ArrayList<>();
        for (int step = 0; step <= 18; step++) {
            double band = step * 0.05;
            LexiconModel model = new LexiconModel(analyzer, band);
            List<LabelConfusion> domains = new ArrayList<>();
            for (String domain : LabelledTexts.DOMAINS) {
                List<Example> examples = LabelledTexts.evaluation(domain);
                domains.add(LabelConfusion.of(examples, model.predict(examples.stream().map(Example::text).toList())));
            }
            double[] means = ModelEvaluation.polarStrictAndNeutralRecall(domains);
            out.add(new Point(band, means[1], means[0], step == 1));
        }
        return out;
    }

    static String svg(Map<String, List<Point>> curves) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n"
                        + "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n",
                WIDTH, HEIGHT));
        for (int tick = 0; tick <= 10; tick++) {
            double v = tick / 10.0;
            out.append(String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#eee\"/><text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.1f</text>%n",
                    x(v), MARGIN, x(v), HEIGHT - MARGIN, x(v), HEIGHT - MARGIN + 16, v));
            out.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/><text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.1f</text>%n",
                    MARGIN, y(v), WIDTH - MARGIN, y(v), MARGIN - 6, y(v) + 4, v));
        }
        out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">neutral recall, held-out domains</text>%n",
                WIDTH / 2, HEIGHT - 20));
        out.append(String.format(Locale.ROOT,
                "<text x=\"16\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 16 %d)\">strict accuracy on polar text, held-out domains</text>%n",
                HEIGHT / 2, HEIGHT / 2));
        int index = 0;
        for (Map.Entry<String, List<Point>> curve : curves.entrySet()) {
            String colour = COLOURS[index % COLOURS.length];
            StringBuilder points = new StringBuilder();
            for (Point p : curve.getValue()) {
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(p.neutralRecall()), y(p.polarStrictAccuracy())));
            }
            out.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n", colour,
                    points.toString().trim()));
            for (Point p : curve.getValue()) {
                if (p.chosen()) {
                    out.append(String.format(Locale.ROOT,
                            "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%s\"><title>%s %.1f</title></circle>%n",
                            x(p.neutralRecall()), y(p.polarStrictAccuracy()), colour, curve.getKey(), p.knob()));
                }
            }
            out.append(String.format(Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">%s</text>%n",
                    MARGIN + 10, MARGIN + 10 + 18 * index, colour, MARGIN + 28, MARGIN + 20 + 18 * index, curve.getKey()));
            index++;
        }
        out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">dots: the shipped setting</text>%n", MARGIN + 10,
                MARGIN + 20 + 18 * index));
        return out.append("</svg>\n").toString();
    }

    private static double x(double value) {
        return MARGIN + value * (WIDTH - 2 * MARGIN);
    }

    private static double y(double value) {
        return HEIGHT - MARGIN - value * (HEIGHT - 2 * MARGIN);
    }
}
