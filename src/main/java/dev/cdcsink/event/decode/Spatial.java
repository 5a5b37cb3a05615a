package dev.cdcsink.event.decode;

import static dev.cdcsink.event.decode.FailureKind.MISSING_FIELD;

import java.util.List;

import dev.cdcsink.change.Geometry;
import dev.cdcsink.change.ValueKind;
import tools.jackson.databind.JsonNode;

/**
 * {@code io.debezium.data.geometry.Geometry} and {@code …Point}: a struct {@code {wkb: bytes,
 * srid: int32}} with the value in Well-Known Binary (base64 in JSON) and its spatial reference id.
 */
public final class Spatial implements LogicalType {

    public static final String GEOMETRY = "io.debezium.data.geometry.Geometry";
    public static final String POINT = "io.debezium.data.geometry.Point";

    @Override
    public List<String> schemaNames() {
        return List.of(GEOMETRY, POINT);
    }

    @Override
    public ValueKind kind() {
        return ValueKind.GEOMETRY;
    }

    @Override
    public FieldDecoder decoder(FieldSchema schema) {
        return Spatial::decode;
    }

    private static Object decode(JsonNode value) {
        if (!value.isObject()) {
            throw JsonValues.wrongType("a {wkb, srid} object", value);
        }
        JsonNode wkb = value.get("wkb");
        if (wkb == null || wkb.isNull()) {
            throw new DecodeException(MISSING_FIELD, "geometry struct has no 'wkb'");
        }
        JsonNode srid = value.get("srid");
        return new Geometry(FieldDecoders.bytes(wkb), srid == null || srid.isNull() ? null : JsonValues.int32(srid));
    }
}
