package dev.cdcsink.event.decode;

import static dev.cdcsink.event.decode.FailureKind.MISSING_FIELD;
import static dev.cdcsink.event.decode.FailureKind.WRONG_TYPE;
import static dev.cdcsink.event.decode.Decoding.failure;
import static dev.cdcsink.event.decode.Decoding.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldSchemaTest {

    @Test
    void readsTypeNameParametersAndFields() {
        FieldSchema schema = FieldSchema.parse(json("{\"type\":\"struct\",\"name\":\"shop.item.Value\",\"optional\":true,"
                + "\"fields\":[{\"type\":\"bytes\",\"optional\":false,\"name\":\"org.apache.kafka.connect.data.Decimal\","
                + "\"version\":1,\"parameters\":{\"scale\":\"2\",\"connect.decimal.precision\":\"10\"},\"field\":\"price\"}]}"));
        assertThat(schema.type()).isEqualTo("struct");
        assertThat(schema.optional()).isTrue();
        assertThat(schema.field("price")).isEqualTo(new FieldSchema("price", "bytes", false,
                "org.apache.kafka.connect.data.Decimal", Map.of("scale", "2", "connect.decimal.precision", "10"),
                java.util.List.of(), null));
        assertThat(schema.field("qty")).isNull();
    }

    @Test
    void rejectsSchemasThatAreNotConnectSchemas() {
        assertThat(failure(MISSING_FIELD, () -> FieldSchema.parse(json("{\"fields\":[]}"))).getMessage())
                .isEqualTo("schema.type: a Connect schema must name its type");
        assertThat(failure(WRONG_TYPE, () -> FieldSchema.parse(json("{\"type\":\"struct\",\"fields\":{}}"))).getMessage())
                .startsWith("schema.fields: ");
        assertThat(failure(WRONG_TYPE, () -> FieldSchema.parse(json(
                "{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"field\":\"id\",\"optional\":\"no\"}]}"))).getMessage())
                .startsWith("schema.id.optional: ");
        failure(WRONG_TYPE, () -> FieldSchema.parse(json("[]")));
    }
}
