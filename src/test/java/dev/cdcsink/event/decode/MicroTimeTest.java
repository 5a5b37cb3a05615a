package dev.cdcsink.event.decode;

import static dev.cdcsink.event.decode.Decoding.decode;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MicroTimeTest {

    private final MicroTime type = new MicroTime();

    @Test
    void readsMicrosecondsOfTheDay() {
        assertThat(decode(type, "45296123456")).isEqualTo(Duration.parse("PT12H34M56.123456S"));
        assertThat(decode(type, "86399999999")).isEqualTo(Duration.parse("PT23H59M59.999999S"));
    }

    @Test
    void readsMySqlTimesBeyondTheDayAndNegativeOnes() {
        // TIME '838:59:59', TIME '-838:59:59' and TIME '-00:00:00.000001'
        assertThat(decode(type, "3020399000000")).isEqualTo(Duration.parse("PT838H59M59S"));
        assertThat(decode(type, "-3020399000000")).isEqualTo(Duration.parse("-PT838H59M59S"));
        assertThat(decode(type, "-1")).isEqualTo(Duration.ofNanos(-1000));
    }
}
