package dev.cdcsink.event.decode;

import static dev.cdcsink.event.decode.FailureKind.MISSING_FIELD;
import static dev.cdcsink.event.decode.FailureKind.WRONG_TYPE;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A Kafka Connect schema as the JSON converter writes it ({@code "schema"} of a schema-carrying
 * message): the Connect type, the optional logical type name and its parameters, and for a
 * struct its fields.
 *
 * @param field      the field name within the enclosing struct; null for a top-level schema
 * @param type       the Connect type as the JSON converter names it: int8, int16, int32, int64, float,
 *                   double, boolean, string, bytes, struct, array, map
 * @param optional   whether the value may be null
 * @param name       the logical type name (e.g. {@code org.apache.kafka.connect.data.Decimal}) or the struct's name; may be null
 * @param parameters logical type parameters (e.g. {@code scale}); empty when none
 * @param fields     the fields of a struct; empty for other types
 * @param items      the element schema of an array; null for other types
 */
public record FieldSchema(
        String field,
        String type,
        boolean optional,
        String name,
        Map<String, String> parameters,
        List<FieldSchema> fields,
        FieldSchema items) {

    /** The schema of a value without a schema in the message: the one the connector would have sent. */
    public static FieldSchema of(String type, String name, Map<String, String> parameters) {
        return new FieldSchema(null, type, true, name, Map.copyOf(parameters), List.of(), null);
    }

    public static FieldSchema parse(JsonNode node) {
        return parse(node, "schema");
    }

    private static FieldSchema parse(JsonNode node, String path) {
        if (!node.isObject()) {
            throw JsonValues.wrongType("a schema object", node).at(path);
        }
        JsonNode type = node.get("type");
        if (type == null || type.isNull()) {
            throw new DecodeException(MISSING_FIELD, path + ".type: a Connect schema must name its type");
        }
        String field = optionalText(node, "field", path);
        String fieldPath = field == null ? path : path + "." + field;
        Map<String, String> parameters = new LinkedHashMap<>();
        JsonNode params = node.get("parameters");
        if (params != null && !params.isNull()) {
            if (!params.isObject()) {
                throw JsonValues.wrongType("an object", params).at(fieldPath + ".parameters");
            }
            params.properties().forEach(e -> parameters.put(e.getKey(), e.getValue().asString()));
        }
        List<FieldSchema> fields = new ArrayList<>();
        JsonNode fieldsNode = node.get("fields");
        if (fieldsNode != null && !fieldsNode.isNull()) {
            if (!fieldsNode.isArray()) {
                throw JsonValues.wrongType("an array", fieldsNode).at(fieldPath + ".fields");
            }
            for (JsonNode child : fieldsNode) {
                fields.add(parse(child, fieldPath));
            }
        }
        JsonNode itemsNode = node.get("items");
        FieldSchema items = itemsNode == null || itemsNode.isNull() ? null : parse(itemsNode, fieldPath + ".items");
        JsonNode optional = node.get("optional");
        if (optional != null && !optional.isNull() && !optional.isBoolean()) {
            throw new DecodeException(WRONG_TYPE, fieldPath + ".optional: expected a boolean, got "
                    + JsonValues.describe(optional));
        }
        return new FieldSchema(field, JsonValues.text(type), optional != null && optional.asBoolean(),
                optionalText(node, "name", fieldPath), Map.copyOf(parameters), List.copyOf(fields), items);
    }

    private static String optionalText(JsonNode node, String key, String path) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            return JsonValues.text(value);
        } catch (DecodeException e) {
            throw e.at(path + "." + key);
        }
    }

    /** The struct field of that name, or null. */
    public FieldSchema field(String fieldName) {
        for (FieldSchema f : fields) {
            if (fieldName.equals(f.field())) {
                return f;
            }
        }
        return null;
    }

    public String parameter(String key) {
        return parameters.get(key);
    }
}
