package dev.cdcsink.event.decode;

import static dev.cdcsink.event.decode.FailureKind.WRONG_TYPE;

import tools.jackson.databind.JsonNode;

/** Reads JSON values of an expected type, failing with {@code WRONG_TYPE} and a description of what came instead. */
public final class JsonValues {

    private static final int EXCERPT_LENGTH = 60;

    private JsonValues() {
    }

    public static long int64(JsonNode value) {
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw wrongType("an int64 number", value);
        }
        return value.longValue();
    }

    public static int int32(JsonNode value) {
        long v = int64(value);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw wrongType("an int32 number", value);
        }
        return (int) v;
    }

    public static String text(JsonNode value) {
        if (!value.isString()) {
            throw wrongType("a string", value);
        }
        return value.stringValue();
    }

    public static DecodeException wrongType(String expected, JsonNode actual) {
        return new DecodeException(WRONG_TYPE, "expected " + expected + ", got " + describe(actual));
    }

    /** The JSON type and a short excerpt of the value, for failure messages. */
    public static String describe(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "nothing";
        }
        if (value.isNull()) {
            return "null";
        }
        String text = value.toString();
        if (text.length() > EXCERPT_LENGTH) {
            text = text.substring(0, EXCERPT_LENGTH) + "…";
        }
        return value.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + text;
    }
}
