package dev.cdcsink.event.decode;

import static dev.cdcsink.event.decode.FailureKind.WRONG_TYPE;
import static dev.cdcsink.event.decode.Decoding.decode;
import static dev.cdcsink.event.decode.Decoding.failure;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DebeziumEnumTest {

    private final DebeziumEnum type = new DebeziumEnum();

    @Test
    void readsTheLabel() {
        assertThat(decode(type, Map.of("allowed", "draft,active,sold"), "\"active\"")).isEqualTo("active");
    }

    @Test
    void acceptsLabelsWithCommasThatTheAllowedListCannotTellApart() {
        assertThat(decode(type, Map.of("allowed", "a,b,c"), "\"a,b\"")).isEqualTo("a,b");
    }

    @Test
    void rejectsNonText() {
        failure(WRONG_TYPE, () -> decode(type, "1"));
    }
}
