package dev.cdcsink.event.decode;

import static dev.cdcsink.event.decode.Decoding.decode;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class NanoTimeTest {

    private final NanoTime type = new NanoTime();

    @Test
    void readsNanosecondsOfTheDay() {
        assertThat(decode(type, "1")).isEqualTo(Duration.ofNanos(1));
        assertThat(decode(type, "86399999999999")).isEqualTo(Duration.parse("PT23H59M59.999999999S"));
    }

    @Test
    void readsIntervalsBeyondTheDayAndNegativeOnes() {
        assertThat(decode(type, "86400000000000")).isEqualTo(Duration.ofDays(1));
        assertThat(decode(type, "-1")).isEqualTo(Duration.ofNanos(-1));
    }
}
