package dev.cdcsink.event.decode;

import static dev.cdcsink.event.decode.FailureKind.WRONG_TYPE;
import static dev.cdcsink.event.decode.Decoding.decode;
import static dev.cdcsink.event.decode.Decoding.failure;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MillisTimeTest {

    private final MillisTime type = new MillisTime();

    @Test
    void readsMillisecondsOfTheDay() {
        assertThat(decode(type, "0")).isEqualTo(Duration.ZERO);
        assertThat(decode(type, "45296123")).isEqualTo(Duration.parse("PT12H34M56.123S"));
        assertThat(decode(type, "86399999")).isEqualTo(Duration.parse("PT23H59M59.999S"));
    }

    @Test
    void readsIntervalsBeyondTheDayAndNegativeOnesAsTheyCome() {
        assertThat(decode(type, "86400000")).isEqualTo(Duration.ofHours(24));
        assertThat(decode(type, "-1")).isEqualTo(Duration.ofMillis(-1));
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
