package dev.cdcsink.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class OpMixTest {

    private static Map<GeneratorOp, Integer> draw(OpMix mix, int times) {
        SplittableRandom random = new SplittableRandom(1);
        Map<GeneratorOp, Integer> counts = new EnumMap<>(GeneratorOp.class);
        for (int i = 0; i < times; i++) {
            counts.merge(mix.pick(random), 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void opsAreDrawnInProportionToTheirWeights() {
        Map<GeneratorOp, Integer> counts = draw(new OpMix(80, 15, 5), 100_000);

        assertThat(counts.get(GeneratorOp.INSERT) / 100_000.0).isCloseTo(0.80, within(0.01));
        assertThat(counts.get(GeneratorOp.UPDATE) / 100_000.0).isCloseTo(0.15, within(0.01));
        assertThat(counts.get(GeneratorOp.DELETE) / 100_000.0).isCloseTo(0.05, within(0.01));
    }

    @Test
    void aZeroWeightIsNeverDrawn() {
        assertThat(draw(new OpMix(0, 3, 1), 10_000)).containsOnlyKeys(GeneratorOp.UPDATE, GeneratorOp.DELETE);
        assertThat(draw(new OpMix(1, 0, 0), 1_000)).containsOnlyKeys(GeneratorOp.INSERT);
    }

    @Test
    void allWeightsZeroIsInvalid() {
        assertThat(new OpMix(0, 0, 0).isAnyWeightPositive()).isFalse();
        assertThat(new OpMix(0, 0, 1).isAnyWeightPositive()).isTrue();
    }
}
