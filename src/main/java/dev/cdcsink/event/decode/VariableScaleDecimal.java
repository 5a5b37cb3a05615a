package dev.cdcsink.event.decode;

import static dev.cdcsink.event.decode.FailureKind.MISSING_FIELD;

import java.util.List;
import tools.jackson.databind.JsonNode;

import dev.cdcsink.change.ValueKind;

/**
 * {@code io.debezium.data.VariableScaleDecimal}: a struct {@code {scale: int32, value: bytes}} for
 * decimals whose scale varies per value; {@code value} is encoded as in {@link ConnectDecimal}.
 */
public final class VariableScaleDecimal implements LogicalType {

    public static final String NAME = "io.debezium.data.VariableScaleDecimal";

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
        return VariableScaleDecimal::decode;
    }

    private static Object decode(JsonNode value) {
        if (!value.isObject()) {
            throw JsonValues.wrongType("a {scale, value} object", value);
        }
        int scale = JsonValues.int32(required(value, "scale"));
        return ConnectDecimal.decode(FieldDecoders.bytes(required(value, "value")), scale);
    }

    private static JsonNode required(JsonNode struct, String field) {
        JsonNode v = struct.get(field);
        if (v == null || v.isNull()) {
            throw new DecodeException(MISSING_FIELD, NAME + " struct has no '" + field + "'");
        }
        return v;
    }
}
