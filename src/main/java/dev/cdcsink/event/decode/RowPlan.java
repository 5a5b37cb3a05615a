package dev.cdcsink.event.decode;

import static dev.cdcsink.event.ParseFailure.Kind.INVALID_VALUE;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * How to decode the fields of one row: a decoder per field name, resolved once from the row's
 * schema (or from the columns when messages carry no schema) and reused for every record with
 * that schema. A field the plan does not know decodes as its plain JSON value.
 */
public final class RowPlan {

    private final Map<String, FieldDecoder> decoders;

    private RowPlan(Map<String, FieldDecoder> decoders) {
        this.decoders = decoders;
    }

    /** The plan for a struct schema: each field decoded by its logical type name, else its Connect type. */
    public static RowPlan of(FieldSchema struct) {
        Map<String, FieldDecoder> decoders = new HashMap<>();
        for (FieldSchema field : struct.fields()) {
            try {
                decoders.put(field.field(), FieldDecoders.forSchema(field));
            } catch (DecodeException e) {
                throw e.at("schema of field '" + field.field() + "'");
            }
        }
        return new RowPlan(decoders);
    }

    public static RowPlan of(Map<String, FieldDecoder> decoders) {
        return new RowPlan(Map.copyOf(decoders));
    }

    /**
     * @param path where the row sits in the message (e.g. {@code after}), for failure messages;
     *             null for a nested struct, whose enclosing field adds its own path
     */
    public DecodedRow decode(JsonNode row, String path) {
        if (!row.isObject()) {
            throw JsonValues.wrongType("an object", row).at(path == null ? "struct" : path);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : row.properties()) {
            values.put(entry.getKey(), decodeField(entry.getKey(), entry.getValue(), path));
        }
        return new DecodedRow(values);
    }

    private Object decodeField(String name, JsonNode value, String path) {
        if (value.isNull()) {
            return null;
        }
        FieldDecoder decoder = decoders.getOrDefault(name, FieldDecoders.JSON);
        String fieldPath = path == null ? name : path + "." + name;
        try {
            return decoder.decode(value);
        } catch (DecodeException e) {
            throw e.at(fieldPath);
        } catch (RuntimeException e) {
            // Arithmetic or date-time range errors from a well-formed but impossible value.
            throw new DecodeException(INVALID_VALUE, fieldPath + ": " + e.getMessage());
        }
    }
}
