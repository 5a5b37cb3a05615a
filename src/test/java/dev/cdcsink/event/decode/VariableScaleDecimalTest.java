package dev.cdcsink.event.decode;

import static dev.cdcsink.event.decode.FailureKind.MISSING_FIELD;
import static dev.cdcsink.event.decode.FailureKind.WRONG_TYPE;
import static dev.cdcsink.event.decode.Decoding.decode;
import static dev.cdcsink.event.decode.Decoding.failure;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class VariableScaleDecimalTest {

    private final VariableScaleDecimal type = new VariableScaleDecimal();

    @Test
    void takesTheScaleFromEachValue() {
        assertThat(decode(type, "{\"scale\":3,\"value\":\"BNI=\"}")).isEqualTo(new BigDecimal("1.234"));
        assertThat(decode(type, "{\"scale\":0,\"value\":\"BNI=\"}")).isEqualTo(new BigDecimal("1234"));
    }

    @Test
    void decodesNegativeValues() {
        assertThat(decode(type, "{\"scale\":1,\"value\":\"gw==\"}")).isEqualTo(new BigDecimal("-12.5"));
    }

    @Test
    void rejectsAValueThatIsNotTheStruct() {
        failure(WRONG_TYPE, () -> decode(type, "\"BNI=\""));
        assertThat(failure(MISSING_FIELD, () -> decode(type, "{\"value\":\"BNI=\"}")).getMessage()).contains("'scale'");
        assertThat(failure(MISSING_FIELD, () -> decode(type, "{\"scale\":2}")).getMessage()).contains("'value'");
        failure(WRONG_TYPE, () -> decode(type, "{\"scale\":\"2\",\"value\":\"BNI=\"}"));
    }
}
