package dev.cdcsink.event.decode;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class LogicalTypesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "org.apache.kafka.connect.data.Decimal, ConnectDecimal",
            "io.debezium.data.VariableScaleDecimal, VariableScaleDecimal",
            "io.debezium.time.Date, EpochDayDate",
            "org.apache.kafka.connect.data.Date, EpochDayDate",
            "io.debezium.time.Timestamp, MillisTimestamp",
            "org.apache.kafka.connect.data.Timestamp, MillisTimestamp",
            "io.debezium.time.MicroTimestamp, MicroTimestamp",
            "io.debezium.time.NanoTimestamp, NanoTimestamp",
            "io.debezium.time.ZonedTimestamp, ZonedTimestamp",
            "io.debezium.time.Time, MillisTime",
            "org.apache.kafka.connect.data.Time, MillisTime",
            "io.debezium.time.MicroTime, MicroTime",
            "io.debezium.time.NanoTime, NanoTime",
            "io.debezium.data.Enum, DebeziumEnum",
            "io.debezium.data.Bits, Bits",
            "io.debezium.time.Year, Year",
            "io.debezium.data.geometry.Point, Spatial",
            "io.debezium.data.geometry.Geometry, Spatial",
    })
    void findsTheTypeBySchemaName(String schemaName, String typeClass) {
        assertThat(LogicalTypes.forName(schemaName)).isNotNull()
                .extracting(type -> type.getClass().getSimpleName()).isEqualTo(typeClass);
    }

    @ParameterizedTest(name = "{0}")
    @NullSource
    @ValueSource(strings = {"io.debezium.data.Jsonb", "feas.shop.item.Value", ""})
    void knowsNoOtherNames(String schemaName) {
        assertThat(LogicalTypes.forName(schemaName)).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"io.debezium.data.Json", "io.debezium.data.EnumSet", "io.debezium.data.Uuid"})
    void textualTypesStayText(String schemaName) {
        assertThat(LogicalTypes.forName(schemaName).decoder(FieldSchema.of("string", schemaName, java.util.Map.of()))
                .decode(Decoding.json("\"a,b\""))).isEqualTo("a,b");
    }
}
