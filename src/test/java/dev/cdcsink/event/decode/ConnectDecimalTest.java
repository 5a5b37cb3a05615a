package dev.cdcsink.event.decode;

import static dev.cdcsink.event.decode.FailureKind.MISSING_FIELD;
import static dev.cdcsink.event.decode.FailureKind.UNSUPPORTED_ENCODING;
import static dev.cdcsink.event.decode.FailureKind.WRONG_TYPE;
import static dev.cdcsink.event.decode.Decoding.decode;
import static dev.cdcsink.event.decode.Decoding.failure;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ConnectDecimalTest {

    private final ConnectDecimal type = new ConnectDecimal();

    private Object decodeWithScale(int scale, String base64) {
        return decode(type, Map.of("scale", Integer.toString(scale), "connect.decimal.precision", "12"), "\"" + base64 + "\"");
    }

    @Test
    void decodesTheUnscaledBytesAtTheSchemasScale() {
        assertThat(decodeWithScale(2, "fQ==")).isEqualTo(new BigDecimal("1.25"));
        assertThat(decodeWithScale(2, "Yw==")).isEqualTo(new BigDecimal("0.99"));
    }

    @Test
    void keepsTheLeadingZeroByteThatMakesAHighBitPositive() {
        assertThat(decodeWithScale(2, "APo=")).isEqualTo(new BigDecimal("2.50"));
    }

    @Test
    void decodesNegativeValuesAsTwosComplement() {
        // 0x83 = -125; 0xFF06 = -250
        assertThat(decodeWithScale(2, "gw==")).isEqualTo(new BigDecimal("-1.25"));
        assertThat(decodeWithScale(2, "/wY=")).isEqualTo(new BigDecimal("-2.50"));
    }

    @Test
    void decodesScaleZero() {
        assertThat(decodeWithScale(0, "AQ==")).isEqualTo(new BigDecimal("1"));
        assertThat(decodeWithScale(0, "AA==")).isEqualTo(BigDecimal.ZERO);
    }

    @Test
    void decodesLargePrecision() {
        BigDecimal max = new BigDecimal("9".repeat(35) + "." + "9".repeat(30)); // DECIMAL(65,30)
        String base64 = Base64.getEncoder().encodeToString(max.unscaledValue().toByteArray());
        assertThat(decodeWithScale(30, base64)).isEqualTo(max);
        assertThat(decodeWithScale(30, Base64.getEncoder().encodeToString(max.negate().unscaledValue().toByteArray())))
                .isEqualTo(max.negate());
    }

    @Test
    void roundTripsConnectsOwnEncodingOfRandomValues() {
        Random random = new Random(42);
        for (int i = 0; i < 1_000; i++) {
            BigDecimal value = new BigDecimal(new BigInteger(random.nextInt(200) + 1, random), random.nextInt(20));
            value = random.nextBoolean() ? value : value.negate();
            byte[] connect = value.unscaledValue().toByteArray(); // what Connect's Decimal.fromLogical writes
            assertThat(ConnectDecimal.decode(connect, value.scale())).isEqualTo(value);
        }
    }

    @Test
    void aSchemaWithoutScaleIsRejected() {
        DecodeException e = failure(MISSING_FIELD, () -> type.decoder(FieldSchema.of("bytes", ConnectDecimal.NAME, Map.of())));
        assertThat(e.getMessage()).contains("'scale'");
    }

    @Test
    void aNonNumericScaleIsRejected() {
        DecodeException e = failure(WRONG_TYPE,
                () -> type.decoder(FieldSchema.of("bytes", ConnectDecimal.NAME, Map.of("scale", "two"))));
        assertThat(e.getMessage()).contains("'two'");
    }

    @Test
    void rejectsWhatIsNotBase64Text() {
        assertThat(failure(UNSUPPORTED_ENCODING, () -> decodeWithScale(2, "1.25")).getMessage()).contains("base64");
        assertThat(failure(UNSUPPORTED_ENCODING, () -> decodeWithScale(2, "")).getMessage()).contains("at least one byte");
        assertThat(failure(WRONG_TYPE, () -> decode(type, Map.of("scale", "2"), "1.25")).getMessage())
                .contains("expected a string, got number 1.25");
    }
}
