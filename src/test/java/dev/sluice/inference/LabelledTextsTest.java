package dev.sluice.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.sluice.inference.LabelledTexts.Example;
import dev.sluice.record.Label;

class LabelledTextsTest {

    @Test
    void aSmallDomainWeighsAsMuchInTotalAsALargeOne() {
        List<Example> examples = new ArrayList<>();
        examples.addAll(polar("large", 40));
        examples.addAll(polar("small", 5));

        double[] weight = LabelledTexts.balancedWeights(examples);

        assertThat(total(examples, weight, "small", null)).isCloseTo(total(examples, weight, "large", null), within(1e-9));
    }

    @Test
    void everyClassPresentWeighsAsMuchInTotalAsAnyOther() {
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            examples.add(new Example("positive " + i, Label.POSITIVE, "reviews"));
        }
        for (int i = 0; i < 6; i++) {
            examples.add(new Example("negative " + i, Label.NEGATIVE, "reviews"));
        }
        examples.addAll(polar("comments", 10));
        examples.add(new Example("a plain fact", Label.NEUTRAL, "comments"));

        double[] weight = LabelledTexts.balancedWeights(examples);

        double positive = total(examples, weight, null, Label.POSITIVE);
        assertThat(total(examples, weight, null, Label.NEGATIVE)).isCloseTo(positive, within(1e-9));
        assertThat(total(examples, weight, null, Label.NEUTRAL)).isCloseTo(positive, within(1e-9));
    }

    @Test
    void theWeightsAddUpToTheNumberOfExamples() {
        List<Example> examples = new ArrayList<>(polar("large", 40));
        examples.addAll(polar("small", 5));
        examples.add(new Example("a plain fact", Label.NEUTRAL, "small"));

        double[] weight = LabelledTexts.balancedWeights(examples);

        assertThat(total(examples, weight, null, null)).isCloseTo(examples.size(), within(1e-9));
    }

    @Test
    void theProseSetHasEachClassItsExtractScriptKept() {
        List<Example> prose = LabelledTexts.proseSet();

        // extract.py keeps 1,076 negative, 4,285 neutral and 691 positive of EmoBank's 10,062 sentences
        assertThat(prose).extracting(Example::label).filteredOn(Label.NEGATIVE::equals).hasSize(1076);
        assertThat(prose).extracting(Example::label).filteredOn(Label.NEUTRAL::equals).hasSize(4285);
        assertThat(prose).extracting(Example::label).filteredOn(Label.POSITIVE::equals).hasSize(691);
        assertThat(prose).extracting(Example::domain).containsOnly("prose");
        assertThat(LabelledTexts.DOMAINS).doesNotContain("prose");
    }

    private static List<Example> polar(String domain, int each) {
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < each; i++) {
            out.add(new Example(domain + " good " + i, Label.POSITIVE, domain));
            out.add(new Example(domain + " bad " + i, Label.NEGATIVE, domain));
        }
        return out;
    }

    private static double total(List<Example> examples, double[] weight, String domain, Label label) {
        double sum = 0;
        for (int i = 0; i < weight.length; i++) {
            Example example = examples.get(i);
            if ((domain == null || example.domain().equals(domain)) && (label == null || example.label() == label)) {
                sum += weight[i];
            }
        }
        return sum;
    }
}
