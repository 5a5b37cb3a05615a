package dev.cdcsink.event.decode;

import static dev.cdcsink.event.decode.FailureKind.INVALID_VALUE;
import static dev.cdcsink.event.decode.FailureKind.UNSUPPORTED_ENCODING;
import static dev.cdcsink.event.decode.FailureKind.UNSUPPORTED_TABLE;
import static dev.cdcsink.event.decode.FailureKind.WRONG_TYPE;
import static dev.cdcsink.event.decode.Decoding.failure;
import static dev.cdcsink.event.decode.Decoding.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.cdcsink.change.Row;
import dev.cdcsink.change.ValueKind;

class FieldDecodersTest {

    private static Object decode(String schema, String value) {
        return FieldDecoders.forSchema(FieldSchema.parse(json(schema))).decode(json(value));
    }

    @Test
    void integersOfEveryWidthAreLongsCheckedAgainstTheirWidth() {
        assertThat(decode("{\"type\":\"int8\"}", "-128")).isEqualTo(-128L);
        assertThat(decode("{\"type\":\"int16\"}", "32767")).isEqualTo(32767L);
        assertThat(decode("{\"type\":\"int32\"}", "-5")).isEqualTo(-5L);
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
    void structsArraysAndMapsWithoutALogicalTypeAreTheirJsonText() {
        assertThat(decode("{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"field\":\"days\"}]}",
                "{\"days\":1,\"s\":null}")).isEqualTo("{\"days\":1,\"s\":null}");
        assertThat(decode("{\"type\":\"array\",\"items\":{\"type\":\"int16\"}}", "[1,null,3]")).isEqualTo("[1,null,3]");
        assertThat(decode("{\"type\":\"map\"}", "{\"a\":\"b\"}")).isEqualTo("{\"a\":\"b\"}");
    }

    @Test
    void aLogicalNameOutranksTheConnectType() {
        assertThat(decode("{\"type\":\"int32\",\"name\":\"io.debezium.time.Date\"}", "0")).isEqualTo(LocalDate.EPOCH);
    }

    @Test
    void anUnknownLogicalNameDecodesAsItsConnectType() {
        assertThat(decode("{\"type\":\"string\",\"name\":\"io.example.Unknown\"}", "\"{\\\"a\\\":1}\"")).isEqualTo("{\"a\":1}");
        assertThat(FieldDecoders.kindOf(FieldSchema.parse(json("{\"type\":\"string\",\"name\":\"io.example.Unknown\"}"))))
                .isEqualTo(ValueKind.STRING);
    }

    @Test
    void theKindOfAFieldFollowsItsLogicalTypeElseItsConnectType() {
        assertThat(kind("{\"type\":\"int32\",\"name\":\"io.debezium.time.Date\"}")).isEqualTo(ValueKind.DATE);
        assertThat(kind("{\"type\":\"string\",\"name\":\"io.debezium.data.Json\"}")).isEqualTo(ValueKind.JSON);
        assertThat(kind("{\"type\":\"string\",\"name\":\"io.debezium.data.EnumSet\"}")).isEqualTo(ValueKind.SET);
        assertThat(kind("{\"type\":\"bytes\",\"name\":\"io.debezium.data.Bits\"}")).isEqualTo(ValueKind.BITS);
        assertThat(kind("{\"type\":\"int32\",\"name\":\"io.debezium.time.Year\"}")).isEqualTo(ValueKind.INTEGER);
        assertThat(kind("{\"type\":\"int16\"}")).isEqualTo(ValueKind.INTEGER);
        assertThat(kind("{\"type\":\"float\"}")).isEqualTo(ValueKind.FLOAT);
        assertThat(kind("{\"type\":\"array\"}")).isEqualTo(ValueKind.OTHER);
    }

    private static ValueKind kind(String schema) {
        return FieldDecoders.kindOf(FieldSchema.parse(json(schema)));
    }

    @Test
    void rowPlanFailuresNameTheField() {
        RowPlan plan = RowPlan.of(FieldSchema.parse(json("{\"type\":\"struct\",\"fields\":[{\"type\":\"bytes\","
                + "\"name\":\"org.apache.kafka.connect.data.Decimal\",\"parameters\":{\"scale\":\"2\"},\"field\":\"price\"},"
                + "{\"type\":\"int64\",\"name\":\"io.debezium.time.MicroTime\",\"field\":\"at\"}]}")));
        assertThat(plan.decode(json("{\"price\":\"fQ==\",\"at\":1}"), "after"))
                .containsExactly(new BigDecimal("1.25"), Duration.ofNanos(1000));
        assertThat(plan.decode(json("{\"at\":1}"), "after")).containsExactly(Row.UNAVAILABLE, Duration.ofNanos(1000));
        assertThat(failure(UNSUPPORTED_TABLE, () -> plan.decode(json("{\"colour\":1}"), "after")).getMessage())
                .isEqualTo("after.colour: the message's schema has no such field");
        assertThat(failure(WRONG_TYPE, () -> plan.decode(json("{\"price\":1.25}"), "after")).getMessage())
                .isEqualTo("after.price: expected a string, got number 1.25");
        assertThat(failure(WRONG_TYPE, () -> plan.decode(json("{\"at\":\"noon\"}"), "after")).getMessage())
                .startsWith("after.at: expected an int64 number");
        assertThat(failure(WRONG_TYPE, () -> plan.decode(json("[]"), "before")).getMessage())
                .isEqualTo("before: expected an object, got array []");
    }

    @Test
    void anyExceptionOfADecoderBecomesAFailureNamingTheField() {
        RowPlan plan = RowPlan.of(List.of("x"), List.of(value -> {
            throw new ArithmeticException("overflow");
        }), "unknown");
        assertThat(failure(INVALID_VALUE, () -> plan.decode(json("{\"x\":1}"), "after")).getMessage())
                .isEqualTo("after.x: overflow");
    }

    @Test
    void aBrokenLogicalSchemaFailsWhenThePlanIsBuilt() {
        FieldSchema schema = FieldSchema.parse(json("{\"type\":\"struct\",\"fields\":[{\"type\":\"bytes\","
                + "\"name\":\"org.apache.kafka.connect.data.Decimal\",\"field\":\"price\"}]}"));
        assertThat(failure(FailureKind.MISSING_FIELD, () -> RowPlan.of(schema)).getMessage())
                .startsWith("schema of field 'price': ");
    }
}
