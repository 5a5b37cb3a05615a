package dev.cdcsink.event.decode;

import static dev.cdcsink.event.ParseFailure.Kind.UNSUPPORTED_ENCODING;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Decoders for the Connect types, and the resolution of a field schema to its decoder. Type names
 * are those the JSON converter writes: {@code float} and {@code double} for FLOAT32 and FLOAT64.
 */
public final class FieldDecoders {

    public static final FieldDecoder INT8 = value -> (byte) intInRange(value, Byte.MIN_VALUE, Byte.MAX_VALUE, "int8");
    public static final FieldDecoder INT16 = value -> (short) intInRange(value, Short.MIN_VALUE, Short.MAX_VALUE, "int16");
    public static final FieldDecoder INT32 = JsonValues::int32;
    public static final FieldDecoder INT64 = JsonValues::int64;
    public static final FieldDecoder FLOAT = value -> (float) number(value, "a float number");
    public static final FieldDecoder DOUBLE = value -> number(value, "a double number");
    public static final FieldDecoder BOOLEAN = FieldDecoders::bool;
    public static final FieldDecoder STRING = JsonValues::text;
    public static final FieldDecoder BYTES = FieldDecoders::bytes;
    /** The plain JSON value, for fields nothing declares a type for. */
    public static final FieldDecoder JSON = FieldDecoders::plain;
    private static final RowPlan UNTYPED_STRUCT = RowPlan.of(Map.of());
    private static final FieldDecoder UNTYPED_ARRAY = array(JSON);

    private FieldDecoders() {
    }

    /** The decoder for a field: by its logical type name when the registry knows it, else by its Connect type. */
    public static FieldDecoder forSchema(FieldSchema schema) {
        LogicalType logical = LogicalTypes.forName(schema.name());
        if (logical != null) {
            return logical.decoder(schema);
        }
        return switch (schema.type()) {
            case "int8" -> INT8;
            case "int16" -> INT16;
            case "int32" -> INT32;
            case "int64" -> INT64;
            case "float" -> FLOAT;
            case "double" -> DOUBLE;
            case "boolean" -> BOOLEAN;
            case "string" -> STRING;
            case "bytes" -> BYTES;
            case "struct" -> struct(RowPlan.of(schema));
            case "array" -> array(schema.items() == null ? JSON : forSchema(schema.items()));
            // map (and any type a later Connect adds) has no Java shape here beyond its JSON value
            default -> JSON;
        };
    }

    private static FieldDecoder struct(RowPlan plan) {
        return value -> plan.decode(value, null);
    }

    private static FieldDecoder array(FieldDecoder element) {
        return value -> {
            if (!value.isArray()) {
                throw JsonValues.wrongType("an array", value);
            }
            List<Object> list = new ArrayList<>(value.size());
            for (JsonNode item : value) {
                list.add(item.isNull() ? null : element.decode(item));
            }
            return list;
        };
    }

    private static long intInRange(JsonNode value, long min, long max, String type) {
        long v = JsonValues.int64(value);
        if (v < min || v > max) {
            throw JsonValues.wrongType("an " + type + " number", value);
        }
        return v;
    }

    private static double number(JsonNode value, String expected) {
        if (!value.isNumber()) {
            throw JsonValues.wrongType(expected, value);
        }
        return value.doubleValue();
    }

    private static boolean bool(JsonNode value) {
        if (!value.isBoolean()) {
            throw JsonValues.wrongType("a boolean", value);
        }
        return value.booleanValue();
    }

    /** Connect's JSON converter writes bytes as base64 text. */
    public static byte[] bytes(JsonNode value) {
        String text = JsonValues.text(value);
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new DecodeException(UNSUPPORTED_ENCODING, "expected base64 bytes, got " + JsonValues.describe(value)
                    + " (" + e.getMessage() + ")");
        }
    }

    private static Object plain(JsonNode value) {
        if (value.isObject()) {
            return UNTYPED_STRUCT.decode(value, null);
        }
        if (value.isArray()) {
            return UNTYPED_ARRAY.decode(value);
        }
        if (value.isIntegralNumber()) {
            return value.canConvertToLong() ? (Object) value.longValue() : value.bigIntegerValue();
        }
        if (value.isNumber()) {
            return value.isBigDecimal() ? value.decimalValue() : (Object) value.doubleValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        return value.asString();
    }
}
