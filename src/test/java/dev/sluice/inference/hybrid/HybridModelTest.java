package dev.sluice.inference.hybrid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.sluice.inference.hybrid.LabelledSentences.Example;
import dev.sluice.record.Sentiment;

class HybridModelTest {

    private static final HybridFeatures FEATURES = HybridTrainer.features();
    private static final HybridModel MODEL = HybridModel.loadDefault(FEATURES, 0.05);

    @Test
    void heldOutImdbAccuracyIsAtLeast083() {
        int[] c = HybridTrainer.confusion(MODEL, LabelledSentences.load("imdb"));
        double accuracy = HybridTrainer.accuracy(c);
        System.out.printf("imdb (held out, never trained on): accuracy %.4f%n  actual+ predicted+ %d, predicted- %d%n"
                + "  actual- predicted+ %d, predicted- %d%n", accuracy, c[0], c[1], c[2], c[3]);
        assertThat(accuracy).isGreaterThanOrEqualTo(0.83);
    }

    @Test
    void leaveOneDomainOutMeanAccuracyIsAtLeast084() {
        double sum = 0;
        for (String held : LabelledSentences.DOMAINS) {
            List<String> train = new ArrayList<>(LabelledSentences.DOMAINS);
            train.remove(held);
            HybridModel fold = new HybridModel(FEATURES, HybridTrainer.train(LabelledSentences.load(train), FEATURES), 0.05);
            int[] c = HybridTrainer.confusion(fold, LabelledSentences.load(held));
            double accuracy = HybridTrainer.accuracy(c);
            System.out.printf("train %s, test %s: accuracy %.4f (tp %d, fn %d, fp %d, tn %d)%n", train, held, accuracy, c[0], c[1], c[2],
                    c[3]);
            sum += accuracy;
        }
        System.out.printf("leave-one-domain-out mean: %.4f%n", sum / 3);
        assertThat(sum / 3).isGreaterThanOrEqualTo(0.84);
    }

    @Test
    void theCommittedWeightsAreExactlyWhatTheTrainingCommandProduces() {
        byte[] trained = HybridTrainer.train(LabelledSentences.load(HybridTrainer.TRAINING_DOMAINS), FEATURES).serialize();
        byte[] committed = HybridWeights.resource(HybridWeights.RESOURCE);
        assertThat(HybridWeights.sha256(trained)).isEqualTo(HybridWeights.sha256(committed));
    }

    @Test
    void theServedEvaluationFiguresAreWhatTheCommittedWeightsScore() {
        assertThat(MODEL.evaluation()).isNotEmpty();
        String expected = HybridTrainer.evaluation(FEATURES, HybridWeights.load());
        String committed = new String(HybridWeights.resource(HybridModel.EVALUATION_RESOURCE), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(committed).isEqualTo(expected);
    }

    @Test
    void scoringABatchGivesWhatScoringEachTextAloneGives() {
        List<String> texts = LabelledSentences.load("imdb").stream().map(Example::text).limit(300).toList();
        List<Sentiment> batched = MODEL.predict(texts);
        for (int i = 0; i < texts.size(); i++) {
            assertThat(MODEL.predict(List.of(texts.get(i)))).containsExactly(batched.get(i));
        }
    }

    @Test
    void eightThreadsAtOnceGetTheSameResultsAsOne() throws Exception {
        List<String> texts = LabelledSentences.load("yelp").stream().map(Example::text).toList();
        List<Sentiment> sequential = MODEL.predict(texts);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<Sentiment>>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    List<Sentiment> out = new ArrayList<>();
                    for (int i = 0; i < texts.size(); i += 16) {
                        out.addAll(MODEL.predict(texts.subList(i, Math.min(texts.size(), i + 16))));
                    }
                    return out;
                }));
            }
            for (Future<List<Sentiment>> future : futures) {
                assertThat(future.get()).isEqualTo(sequential);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void clearlyPositiveAndNegativeTextsGetTheirLabels() {
        List<Sentiment> out = MODEL
                .predict(List.of("I absolutely love it, best purchase ever!", "Terrible. It broke after a day and support was useless."));
        assertThat(out.get(0).label().json()).isEqualTo("positive");
        assertThat(out.get(1).label().json()).isEqualTo("negative");
    }

    @Test
    void negationTurnsTheScoreAround() {
        List<Sentiment> out = MODEL.predict(List.of("the food was good", "the food was not good"));
        assertThat(out.get(0).score()).isGreaterThan(out.get(1).score());
    }

    @Test
    void oddTextsNeverThrowAndScoreWithinBounds() {
        String brokenSurrogates = "bad \uD83D and \uDE00 good";
        List<String> texts = List.of("", "   \t\n", "😀😀🎉", "これは素晴らしい製品です", "Это ужасно", brokenSurrogates,
                "x".repeat(1_000_000), "!!!???...", "don't don’t can't", "\u0000\u0001\u0002");
        List<Sentiment> out = MODEL.predict(texts);
        assertThat(out).hasSize(texts.size());
        assertThat(out).allSatisfy(s -> assertThat(s.score()).isBetween(-1.0, 1.0));
    }
}
