package dev.cdcsink.event.decode;

import static dev.cdcsink.event.decode.FailureKind.WRONG_TYPE;
import static dev.cdcsink.event.decode.Decoding.decode;
import static dev.cdcsink.event.decode.Decoding.failure;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class NanoTimestampTest {

    private final NanoTimestamp type = new NanoTimestamp();

    @Test
    void keepsEveryNanosecond() {
        assertThat(decode(type, "1795301764455160632")).isEqualTo(LocalDateTime.of(2026, 11, 21, 22, 56, 4, 455_160_632));
    }

    @Test
    void decodesTimesBefore1970() {
        assertThat(decode(type, "-1")).isEqualTo(LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_999));
    }

    @Test
    void rejectsNumbersBeyondInt64() {
        failure(WRONG_TYPE, () -> decode(type, "9223372036854775808"));
    }
}
