package dev.sluice.inference;

import dev.sluice.inference.hybrid.AfinnLexicon;
import dev.sluice.inference.hybrid.HybridWeights;
import dev.sluice.inference.lexicon.VaderLexicon;

/**
 * The immutable data of the bundled pure-Java models: VADER's and AFINN's lexicons and the hybrid
 * model's trained weights. The native build initializes this class at build time
 * ({@code --initialize-at-build-time} in application.properties), so the executable starts with them
 * already parsed in its image heap instead of reading and checking 4 MB of resources at start. In
 * the JVM it loads on first use, once, as before.
 */
public final class BundledModelData {

    public static final VaderLexicon VADER = VaderLexicon.load();
    public static final AfinnLexicon AFINN = AfinnLexicon.load();
    public static final HybridWeights HYBRID_WEIGHTS = HybridWeights.load();

    private BundledModelData() {
    }
}
