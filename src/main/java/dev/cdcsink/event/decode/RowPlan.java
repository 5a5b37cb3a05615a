package dev.cdcsink.event.decode;

import static dev.cdcsink.event.decode.FailureKind.INVALID_VALUE;
import static dev.cdcsink.event.decode.FailureKind.UNSUPPORTED_TABLE;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.cdcsink.change.Row;
import tools.jackson.databind.JsonNode;

/**
 * How to decode the fields of one row into values in a fixed column order: a decoder per
 * column, resolved once from the row's schema (or from the target table's columns when messages
 * carry no schema) and reused for every record with that schema. The JSON converter writes the
 * fields in schema order, so each field is matched by position first and by name only when the
 * order differs; nothing is allocated per field but its value.
 *
 * <p>A field the plan does not know is an error naming it; a column the row does not carry is
 * {@link Row#UNAVAILABLE}.
 */
public final class RowPlan {

    private final String[] names;
    private final FieldDecoder[] decoders;
    private final Map<String, Integer> index = new HashMap<>();
    private final String unknownFieldHint;

    private RowPlan(List<String> names, List<FieldDecoder> decoders, String unknownFieldHint) {
        this.names = names.toArray(String[]::new);
        this.decoders = decoders.toArray(FieldDecoder[]::new);
        this.unknownFieldHint = unknownFieldHint;
        for (int i = 0; i < this.names.length; i++) {
            index.put(this.names[i], i);
        }
    }

    /** The plan for a struct schema: each field decoded by its logical type name, else its Connect type. */
    public static RowPlan of(FieldSchema struct) {
        List<String> names = struct.fields().stream().map(FieldSchema::field).toList();
        List<FieldDecoder> decoders = struct.fields().stream().map(field -> {
            try {
                return FieldDecoders.forSchema(field);
            } catch (DecodeException e) {
                throw e.at("schema of field '" + field.field() + "'");
            }
        }).toList();
        return new RowPlan(names, decoders, "the message's schema has no such field");
    }

    /**
     * A plan for rows whose messages carry no schema.
     *
     * @param unknownFieldHint what an unknown field means, for the failure message
     */
    public static RowPlan of(List<String> names, List<FieldDecoder> decoders, String unknownFieldHint) {
        if (names.size() != decoders.size()) {
            throw new IllegalArgumentException(names.size() + " names, " + decoders.size() + " decoders");
        }
        return new RowPlan(names, decoders, unknownFieldHint);
    }

    /** The columns, in the order of the decoded values. */
    public List<String> names() {
        return List.of(names);
    }

    /** Whether {@code row}'s fields are exactly this plan's columns, in order. */
    public boolean fits(JsonNode row) {
        if (row.size() != names.length) {
            return false;
        }
        int i = 0;
        for (String name : row.propertyNames()) {
            if (!name.equals(names[i++])) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param path where the row sits in the message (e.g. {@code after}), for failure messages
     * @return one value per column, {@link Row#UNAVAILABLE} for a column the row lacks
     */
    public Object[] decode(JsonNode row, String path) {
        if (!row.isObject()) {
            throw JsonValues.wrongType("an object", row).at(path);
        }
        Object[] values = new Object[names.length];
        int seen = 0;
        int position = 0;
        for (Map.Entry<String, JsonNode> field : row.properties()) {
            String name = field.getKey();
            int i = position < names.length && names[position].equals(name) ? position : index.getOrDefault(name, -1);
            if (i < 0) {
                throw new DecodeException(UNSUPPORTED_TABLE, path + "." + name + ": " + unknownFieldHint);
            }
            values[i] = decode(i, field.getValue(), path);
            seen++;
            position = i + 1;
        }
        if (seen < names.length) {
            for (int i = 0; i < names.length; i++) {
                if (values[i] == null && !row.has(names[i])) {
                    values[i] = Row.UNAVAILABLE;
                }
            }
        }
        return values;
    }

    private Object decode(int i, JsonNode value, String path) {
        if (value.isNull()) {
            return null;
        }
        try {
            return decoders[i].decode(value);
        } catch (DecodeException e) {
            throw e.at(path + "." + names[i]);
        } catch (RuntimeException e) {
            // Arithmetic or date-time range errors from a well-formed but impossible value.
            throw new DecodeException(INVALID_VALUE, path + "." + names[i] + ": " + e.getMessage());
        }
    }
}
