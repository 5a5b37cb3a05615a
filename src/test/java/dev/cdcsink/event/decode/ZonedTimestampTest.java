package dev.cdcsink.event.decode;

import static dev.cdcsink.event.decode.FailureKind.UNSUPPORTED_ENCODING;
import static dev.cdcsink.event.decode.FailureKind.WRONG_TYPE;
import static dev.cdcsink.event.decode.Decoding.decode;
import static dev.cdcsink.event.decode.Decoding.failure;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ZonedTimestampTest {

    private final ZonedTimestamp type = new ZonedTimestamp();

    @Test
    void readsTheInstantDebeziumWritesInUtc() {
        assertThat(decode(type, "\"2026-11-21T22:56:01.761Z\"")).isEqualTo(Instant.parse("2026-11-21T22:56:01.761Z"));
        assertThat(decode(type, "\"2026-11-21T22:56:01.761123Z\"")).isEqualTo(Instant.parse("2026-11-21T22:56:01.761123Z"));
    }

    @Test
    void appliesAnOffset() {
        assertThat(decode(type, "\"2026-11-22T01:56:01+03:00\"")).isEqualTo(Instant.parse("2026-11-21T22:56:01Z"));
    }

    @Test
    void decodesInstantsBefore1970() {
        assertThat(decode(type, "\"1969-07-20T20:17:40Z\"")).isEqualTo(Instant.parse("1969-07-20T20:17:40Z"));
    }

    @Test
    void rejectsTextWithoutOffsetAndNonText() {
        assertThat(failure(UNSUPPORTED_ENCODING, () -> decode(type, "\"2026-11-21T22:56:01\"")).getMessage())
                .contains("'2026-11-21T22:56:01'");
        failure(WRONG_TYPE, () -> decode(type, "1795301761761"));
    }
}
