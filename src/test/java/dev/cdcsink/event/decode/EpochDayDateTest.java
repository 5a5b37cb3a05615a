package dev.cdcsink.event.decode;

import static dev.cdcsink.event.decode.FailureKind.WRONG_TYPE;
import static dev.cdcsink.event.decode.Decoding.decode;
import static dev.cdcsink.event.decode.Decoding.failure;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class EpochDayDateTest {

    private final EpochDayDate type = new EpochDayDate();

    @Test
    void countsDaysFromTheEpoch() {
        assertThat(decode(type, "0")).isEqualTo(LocalDate.of(1970, 1, 1));
        assertThat(decode(type, "20778")).isEqualTo(LocalDate.of(2026, 11, 21));
    }

    @Test
    void decodesDatesBefore1970() {
        assertThat(decode(type, "-1")).isEqualTo(LocalDate.of(1969, 12, 31));
        assertThat(decode(type, "-719162")).isEqualTo(LocalDate.of(1, 1, 1));
    }

    @Test
    void servesBothDebeziumAndConnectNames() {
        assertThat(type.schemaNames()).containsExactlyInAnyOrder("io.debezium.time.Date", "org.apache.kafka.connect.data.Date");
    }

    @Test
    void rejectsNonIntegers() {
        failure(WRONG_TYPE, () -> decode(type, "\"2026-11-21\""));
        failure(WRONG_TYPE, () -> decode(type, "1.5"));
    }
}
