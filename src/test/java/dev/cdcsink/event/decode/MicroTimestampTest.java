package dev.cdcsink.event.decode;

import static dev.cdcsink.event.decode.FailureKind.WRONG_TYPE;
import static dev.cdcsink.event.decode.Decoding.decode;
import static dev.cdcsink.event.decode.Decoding.failure;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class MicroTimestampTest {

    private final MicroTimestamp type = new MicroTimestamp();

    @Test
    void keepsEveryMicrosecond() {
        assertThat(decode(type, "1795301764455160")).isEqualTo(LocalDateTime.of(2026, 11, 21, 22, 56, 4, 455_160_000));
        assertThat(decode(type, "1")).isEqualTo(LocalDateTime.of(1970, 1, 1, 0, 0, 0, 1_000));
    }

    @Test
    void decodesTimesBefore1970() {
        assertThat(decode(type, "-1")).isEqualTo(LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000));
        assertThat(decode(type, "-30610224000000000")).isEqualTo(LocalDateTime.of(1000, 1, 1, 0, 0));
        assertThat(decode(type, "253402300799999999")).isEqualTo(LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000));
    }

    @Test
    void rejectsNonIntegers() {
        failure(WRONG_TYPE, () -> decode(type, "1.5"));
    }
}
