package dev.cdcsink.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class RatePlanTest {

    @Test
    void oneChangePerSecondTicksEverySecondWithOneChange() {
        RatePlan plan = RatePlan.of(1.0);
        assertThat(plan.period()).isEqualTo(Duration.ofSeconds(1));
        assertThat(LongStream.rangeClosed(1, 10).map(plan::changesInTick)).containsOnly(1L);
    }

    @Test
    void aFractionalRateTicksLessOften() {
        RatePlan plan = RatePlan.of(0.2);
        assertThat(plan.period()).isEqualTo(Duration.ofSeconds(5));
        assertThat(LongStream.rangeClosed(1, 10).map(plan::changesInTick)).containsOnly(1L);
    }

    @Test
    void aHighRateBatchesChangesIntoFiftyMillisecondTicks() {
        RatePlan plan = RatePlan.of(500);
        assertThat(plan.period()).isEqualTo(Duration.ofMillis(50));
        assertThat(LongStream.rangeClosed(1, 20).map(plan::changesInTick)).containsOnly(25L);
        assertThat(plan.changesAfter(20)).isEqualTo(500);
    }

    @Test
    void fractionalChangesPerTickCarryOverSoTheAverageIsExact() {
        RatePlan plan = RatePlan.of(30);
        assertThat(plan.period()).isEqualTo(Duration.ofMillis(50));
        assertThat(LongStream.rangeClosed(1, 4).map(plan::changesInTick)).containsExactly(1L, 2L, 1L, 2L);
        assertThat(plan.changesAfter(20)).isEqualTo(30);
        assertThat(plan.changesAfter(200)).isEqualTo(300);
        assertThat(LongStream.rangeClosed(1, 200).map(plan::changesInTick).sum()).isEqualTo(300);
    }

    @Test
    void zeroNegativeAndNonNumericRatesAreRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> RatePlan.of(0));
        assertThatIllegalArgumentException().isThrownBy(() -> RatePlan.of(-1));
        assertThatIllegalArgumentException().isThrownBy(() -> RatePlan.of(Double.NaN));
        assertThatIllegalArgumentException().isThrownBy(() -> RatePlan.of(Double.POSITIVE_INFINITY));
    }
}
