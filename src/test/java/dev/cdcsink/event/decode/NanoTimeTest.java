package dev.cdcsink.event.decode;

import static dev.cdcsink.event.ParseFailure.Kind.INVALID_VALUE;
import static dev.cdcsink.event.decode.Decoding.decode;
import static dev.cdcsink.event.decode.Decoding.failure;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class NanoTimeTest {

    private final NanoTime type = new NanoTime();

    @Test
    void readsNanosecondsOfTheDay() {
        assertThat(decode(type, "1")).isEqualTo(LocalTime.of(0, 0, 0, 1));
        assertThat(decode(type, "86399999999999")).isEqualTo(LocalTime.of(23, 59, 59, 999_999_999));
    }

    @Test
    void rejectsTimesOutsideTheDay() {
        failure(INVALID_VALUE, () -> decode(type, "86400000000000"));
        failure(INVALID_VALUE, () -> decode(type, "-1"));
    }
}
