package dev.cdcsink.event.decode;

import static dev.cdcsink.event.decode.FailureKind.MISSING_FIELD;
import static dev.cdcsink.event.decode.FailureKind.UNSUPPORTED_ENCODING;
import static dev.cdcsink.event.decode.FailureKind.WRONG_TYPE;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

import dev.cdcsink.change.ValueKind;

/**
 * {@code org.apache.kafka.connect.data.Decimal}: the unscaled value as big-endian two's-complement
 * bytes (base64 in JSON), the scale in the schema parameter {@code scale}. Debezium's
 * {@code decimal.handling.mode=precise}.
 */
public final class ConnectDecimal implements LogicalType {

    public static final String NAME = "org.apache.kafka.connect.data.Decimal";
    public static final String SCALE_PARAMETER = "scale";

    @Override
    public List<String> schemaNames() {
        return List.of(NAME);
    }

    @Override
    public ValueKind kind() {
        return ValueKind.DECIMAL;
    }

    @Override
    public FieldDecoder decoder(FieldSchema schema) {
        String scale = schema.parameter(SCALE_PARAMETER);
        if (scale == null) {
            throw new DecodeException(MISSING_FIELD, NAME + " schema has no '" + SCALE_PARAMETER + "' parameter");
        }
        try {
            return withScale(Integer.parseInt(scale));
        } catch (NumberFormatException e) {
            throw new DecodeException(WRONG_TYPE, NAME + " schema parameter '" + SCALE_PARAMETER
                    + "' is not an integer: '" + scale + "'");
        }
    }

    /** The decoder for base64 decimals of a scale known from elsewhere than the message (configuration). */
    public static FieldDecoder withScale(int scale) {
        return value -> decode(FieldDecoders.bytes(value), scale);
    }

    public static BigDecimal decode(byte[] unscaled, int scale) {
        if (unscaled.length == 0) {
            throw new DecodeException(UNSUPPORTED_ENCODING, "a decimal's unscaled value needs at least one byte, got none");
        }
        return new BigDecimal(new BigInteger(unscaled), scale);
    }
}
