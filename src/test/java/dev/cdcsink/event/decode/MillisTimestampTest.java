package dev.cdcsink.event.decode;

import static dev.cdcsink.event.decode.FailureKind.WRONG_TYPE;
import static dev.cdcsink.event.decode.Decoding.decode;
import static dev.cdcsink.event.decode.Decoding.failure;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class MillisTimestampTest {

    private final MillisTimestamp type = new MillisTimestamp();

    @Test
    void readsEpochMillisAsUtcWallTime() {
        assertThat(decode(type, "0")).isEqualTo(LocalDateTime.of(1970, 1, 1, 0, 0));
        assertThat(decode(type, "1795301764455")).isEqualTo(LocalDateTime.of(2026, 11, 21, 22, 56, 4, 455_000_000));
    }

    @Test
    void decodesTimesBefore1970() {
        assertThat(decode(type, "-1")).isEqualTo(LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_000_000));
        assertThat(decode(type, "-30610224000000")).isEqualTo(LocalDateTime.of(1000, 1, 1, 0, 0));
    }

    @Test
    void servesBothDebeziumAndConnectNames() {
        assertThat(type.schemaNames()).containsExactlyInAnyOrder(
                "io.debezium.time.Timestamp", "org.apache.kafka.connect.data.Timestamp");
    }

    @Test
    void rejectsNonIntegers() {
        failure(WRONG_TYPE, () -> decode(type, "\"2026-11-21T22:56:04\""));
    }
}
