package dev.cdcsink.event.decode;

import static dev.cdcsink.event.ParseFailure.Kind.INVALID_VALUE;
import static dev.cdcsink.event.ParseFailure.Kind.UNSUPPORTED_ENCODING;
import static dev.cdcsink.event.ParseFailure.Kind.WRONG_TYPE;
import static dev.cdcsink.event.decode.Decoding.failure;
import static dev.cdcsink.event.decode.Decoding.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldDecodersTest {

    private static Object decode(String schema, String value) {
        return FieldDecoders.forSchema(FieldSchema.parse(json(schema))).decode(json(value));
    }

    @Test
    void integersHaveTheirConnectWidth() {
        assertThat(decode("{\"type\":\"int8\"}", "-128")).isEqualTo((byte) -128);
        assertThat(decode("{\"type\":\"int16\"}", "32767")).isEqualTo((short) 32767);
        assertThat(decode("{\"type\":\"int32\"}", "-5")).isEqualTo(-5);
        assertThat(decode("{\"type\":\"int64\"}", "9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        failure(WRONG_TYPE, () -> decode("{\"type\":\"int8\"}", "128"));
        failure(WRONG_TYPE, () -> decode("{\"type\":\"int32\"}", "2147483648"));
        failure(WRONG_TYPE, () -> decode("{\"type\":\"int64\"}", "\"1\""));
    }

    @Test
    void otherPrimitives() {
        assertThat(decode("{\"type\":\"float\"}", "1.5")).isEqualTo(1.5f);
        assertThat(decode("{\"type\":\"double\"}", "2")).isEqualTo(2.0d);
        assertThat(decode("{\"type\":\"boolean\"}", "true")).isEqualTo(true);
        assertThat(decode("{\"type\":\"string\"}", "\"İstanbul 🏠\"")).isEqualTo("İstanbul 🏠");
        assertThat((byte[]) decode("{\"type\":\"bytes\"}", "\"AQID\"")).containsExactly(1, 2, 3);
        failure(WRONG_TYPE, () -> decode("{\"type\":\"double\"}", "\"1.5\""));
        failure(WRONG_TYPE, () -> decode("{\"type\":\"boolean\"}", "\"true\""));
        failure(WRONG_TYPE, () -> decode("{\"type\":\"string\"}", "5"));
        failure(UNSUPPORTED_ENCODING, () -> decode("{\"type\":\"bytes\"}", "\"!!\""));
    }

    @Test
    void structsAndArraysDecodeTheirParts() {
        Object struct = decode("{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"field\":\"days\","
                + "\"name\":\"io.debezium.time.Date\"},{\"type\":\"string\",\"field\":\"s\"}]}", "{\"days\":1,\"s\":null}");
        Map<String, Object> expected = new java.util.HashMap<>();
        expected.put("days", LocalDate.of(1970, 1, 2));
        expected.put("s", null);
        assertThat(((DecodedRow) struct).values()).isEqualTo(expected);

        assertThat(decode("{\"type\":\"array\",\"items\":{\"type\":\"int16\"}}", "[1,null,3]"))
                .isEqualTo(Arrays.asList((short) 1, null, (short) 3));
        failure(WRONG_TYPE, () -> decode("{\"type\":\"array\",\"items\":{\"type\":\"int16\"}}", "{}"));
    }

    @Test
    void aLogicalNameOutranksTheConnectType() {
        assertThat(decode("{\"type\":\"int32\",\"name\":\"io.debezium.time.Date\"}", "0")).isEqualTo(LocalDate.EPOCH);
    }

    @Test
    void anUnknownLogicalNameDecodesAsItsConnectType() {
        assertThat(decode("{\"type\":\"string\",\"name\":\"io.debezium.data.Json\"}", "\"{\\\"a\\\":1}\"")).isEqualTo("{\"a\":1}");
    }

    @Test
    void plainJsonWhenNothingDeclaresAType() {
        FieldDecoder plain = FieldDecoders.JSON;
        assertThat(plain.decode(json("5"))).isEqualTo(5L);
        assertThat(plain.decode(json("123456789012345678901234567890"))).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(plain.decode(json("1.5"))).isEqualTo(1.5d);
        assertThat(plain.decode(json("\"x\""))).isEqualTo("x");
        assertThat(plain.decode(json("false"))).isEqualTo(false);
        assertThat(plain.decode(json("[1,\"a\"]"))).isEqualTo(List.of(1L, "a"));
        assertThat(((DecodedRow) plain.decode(json("{\"a\":{\"b\":2}}"))).get("a"))
                .isEqualTo(new DecodedRow(Map.of("b", 2L)));
    }

    @Test
    void rowPlanFailuresNameTheField() {
        RowPlan plan = RowPlan.of(FieldSchema.parse(json("{\"type\":\"struct\",\"fields\":[{\"type\":\"bytes\","
                + "\"name\":\"org.apache.kafka.connect.data.Decimal\",\"parameters\":{\"scale\":\"2\"},\"field\":\"price\"},"
                + "{\"type\":\"int64\",\"name\":\"io.debezium.time.MicroTime\",\"field\":\"at\"}]}")));
        assertThat(plan.decode(json("{\"price\":\"fQ==\"}"), "after").values()).isEqualTo(Map.of("price", new BigDecimal("1.25")));
        assertThat(failure(WRONG_TYPE, () -> plan.decode(json("{\"price\":1.25}"), "after")).getMessage())
                .isEqualTo("after.price: expected a string, got number 1.25");
        assertThat(failure(INVALID_VALUE, () -> plan.decode(json("{\"at\":-1}"), "after")).getMessage())
                .startsWith("after.at: time -1 ");
        assertThat(failure(WRONG_TYPE, () -> plan.decode(json("[]"), "before")).getMessage())
                .isEqualTo("before: expected an object, got array []");
    }

    @Test
    void anyExceptionOfADecoderBecomesAFailureNamingTheField() {
        RowPlan plan = RowPlan.of(Map.of("x", value -> {
            throw new ArithmeticException("overflow");
        }));
        assertThat(failure(INVALID_VALUE, () -> plan.decode(json("{\"x\":1}"), "after")).getMessage())
                .isEqualTo("after.x: overflow");
    }

    @Test
    void aBrokenLogicalSchemaFailsWhenThePlanIsBuilt() {
        FieldSchema schema = FieldSchema.parse(json("{\"type\":\"struct\",\"fields\":[{\"type\":\"bytes\","
                + "\"name\":\"org.apache.kafka.connect.data.Decimal\",\"field\":\"price\"}]}"));
        assertThat(failure(dev.cdcsink.event.ParseFailure.Kind.MISSING_FIELD, () -> RowPlan.of(schema)).getMessage())
                .startsWith("schema of field 'price': ");
    }
}
