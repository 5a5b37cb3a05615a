package dev.cdcsink.event.decode;

import static dev.cdcsink.event.ParseFailure.Kind.INVALID_VALUE;
import static dev.cdcsink.event.decode.Decoding.decode;
import static dev.cdcsink.event.decode.Decoding.failure;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class MicroTimeTest {

    private final MicroTime type = new MicroTime();

    @Test
    void readsMicrosecondsOfTheDay() {
        assertThat(decode(type, "45296123456")).isEqualTo(LocalTime.of(12, 34, 56, 123_456_000));
        assertThat(decode(type, "86399999999")).isEqualTo(LocalTime.of(23, 59, 59, 999_999_000));
    }

    @Test
    void rejectsMySqlTimesOutsideTheDay() {
        // TIME '838:59:59' and TIME '-00:00:01'
        assertThat(failure(INVALID_VALUE, () -> decode(type, "3020399000000")).getMessage()).contains("no time of day");
        failure(INVALID_VALUE, () -> decode(type, "-1000000"));
    }
}
