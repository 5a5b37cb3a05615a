package dev.cdcsink.event.decode;

import static dev.cdcsink.event.decode.FailureKind.UNSUPPORTED_ENCODING;

import java.util.Base64;

import dev.cdcsink.change.ValueKind;
import tools.jackson.databind.JsonNode;

/**
 * Decoders for the Connect types, and the resolution of a field schema to its decoder and its
 * {@link ValueKind}. Type names are those the JSON converter writes: {@code float} and
 * {@code double} for FLOAT32 and FLOAT64. Integers of every width decode to {@link Long}; structs,
 * arrays and maps without a logical type to their JSON text.
 */
public final class FieldDecoders {

    public static final FieldDecoder INT8 = value -> intInRange(value, Byte.MIN_VALUE, Byte.MAX_VALUE, "int8");
    public static final FieldDecoder INT16 = value -> intInRange(value, Short.MIN_VALUE, Short.MAX_VALUE, "int16");
    public static final FieldDecoder INT32 = value -> (long) JsonValues.int32(value);
    public static final FieldDecoder INT64 = JsonValues::int64;
    public static final FieldDecoder FLOAT = value -> (float) number(value, "a float number");
    public static final FieldDecoder DOUBLE = value -> number(value, "a double number");
    public static final FieldDecoder BOOLEAN = FieldDecoders::bool;
    public static final FieldDecoder STRING = JsonValues::text;
    public static final FieldDecoder BYTES = FieldDecoders::bytes;
    /** Structs, arrays and maps nothing declares more about: their JSON text. */
    public static final FieldDecoder JSON_TEXT = JsonNode::toString;

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
            // struct, array, map (and any type a later Connect adds)
            default -> JSON_TEXT;
        };
    }

    /** What a field's decoded values are. */
    public static ValueKind kindOf(FieldSchema schema) {
        LogicalType logical = LogicalTypes.forName(schema.name());
        if (logical != null) {
            return logical.kind();
        }
        return switch (schema.type()) {
            case "int8", "int16", "int32", "int64" -> ValueKind.INTEGER;
            case "float" -> ValueKind.FLOAT;
            case "double" -> ValueKind.DOUBLE;
            case "boolean" -> ValueKind.BOOLEAN;
            case "string" -> ValueKind.STRING;
            case "bytes" -> ValueKind.BYTES;
            default -> ValueKind.OTHER;
        };
    }

    private static long intInRange(JsonNode value, long min, long max, String type) {
        long v = JsonValues.int64(value);
        if (v < min || v > max) {
            throw JsonValues.wrongType("an " + type + " number", value);
        }
        return v;
    }

    /** A JSON number, or the text Connect's JSON converter writes for a non-finite one (PostgreSQL's NaN, ±Infinity). */
    private static double number(JsonNode value, String expected) {
        if (value.isString()) {
            return switch (value.stringValue()) {
                case "NaN" -> Double.NaN;
                case "Infinity" -> Double.POSITIVE_INFINITY;
                case "-Infinity" -> Double.NEGATIVE_INFINITY;
                default -> throw JsonValues.wrongType(expected, value);
            };
        }
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
}
