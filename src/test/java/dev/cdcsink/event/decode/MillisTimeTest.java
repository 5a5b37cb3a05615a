package dev.cdcsink.event.decode;

import static dev.cdcsink.event.ParseFailure.Kind.INVALID_VALUE;
import static dev.cdcsink.event.ParseFailure.Kind.WRONG_TYPE;
import static dev.cdcsink.event.decode.Decoding.decode;
import static dev.cdcsink.event.decode.Decoding.failure;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class MillisTimeTest {

    private final MillisTime type = new MillisTime();

    @Test
    void readsMillisecondsOfTheDay() {
        assertThat(decode(type, "0")).isEqualTo(LocalTime.MIDNIGHT);
        assertThat(decode(type, "45296123")).isEqualTo(LocalTime.of(12, 34, 56, 123_000_000));
        assertThat(decode(type, "86399999")).isEqualTo(LocalTime.of(23, 59, 59, 999_000_000));
    }

    @Test
    void rejectsDurationsThatAreNoTimeOfDay() {
        failure(INVALID_VALUE, () -> decode(type, "86400000"));
        failure(INVALID_VALUE, () -> decode(type, "-1"));
    }

    @Test
    void servesBothDebeziumAndConnectNames() {
        assertThat(type.schemaNames()).containsExactlyInAnyOrder("io.debezium.time.Time", "org.apache.kafka.connect.data.Time");
    }

    @Test
    void rejectsNumbersBeyondInt32() {
        failure(WRONG_TYPE, () -> decode(type, "2147483648"));
    }
}
