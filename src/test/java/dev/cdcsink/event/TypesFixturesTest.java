package dev.cdcsink.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cdcsink.event.EventProperties.DecimalHandlingMode;
import dev.cdcsink.event.EventProperties.TimePrecisionMode;
import dev.cdcsink.event.decode.DecodedRow;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every logical type the MariaDB connector produced for the {@code typesample} table (see the
 * fixtures' README) decodes, through the generic layer, to the value the capture script wrote.
 */
class TypesFixturesTest {

    private static final String DIR = "debezium-events/listings/";

    static final Table TYPESAMPLE = new Table("typesample", List.of(
            Column.notNull("id", SqlType.integer()),
            Column.nullable("d", SqlType.date()),
            Column.nullable("t0", SqlType.time(0)),
            Column.nullable("t6", SqlType.time(6)),
            Column.nullable("dt3", SqlType.datetime(3)),
            Column.nullable("dt6", SqlType.datetime(6)),
            Column.nullable("ts6", SqlType.timestamp(6)),
            Column.nullable("state", SqlType.enumeration("draft", "active", "sold")),
            Column.nullable("amount", SqlType.decimal(38, 10)),
            Column.nullable("qty", SqlType.decimal(5, 0))));

    private static final EventProperties DEFAULTS =
            new EventProperties(DecimalHandlingMode.PRECISE, null, TimePrecisionMode.ADAPTIVE_TIME_MICROSECONDS);

    /** Row values in column order, by op: {@code r} (ordinary values) and {@code c} (pre-1970 and edge values). */
    private static Map<String, Object> expected(String op, Object t6, Object dt6, Object amount, Object qty, Object t0) {
        Map<String, Object> row = new LinkedHashMap<>();
        boolean read = op.equals("r");
        row.put("id", read ? 1 : 2);
        row.put("d", read ? LocalDate.of(2026, 11, 21) : LocalDate.of(1969, 12, 31));
        row.put("t0", t0);
        row.put("t6", t6);
        row.put("dt3", read ? LocalDateTime.of(2026, 11, 21, 10, 15, 30, 123_000_000)
                : LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_000_000));
        row.put("dt6", dt6);
        row.put("ts6", read ? Instant.parse("2026-11-21T10:15:30.123456Z") : Instant.parse("2038-01-19T03:14:07.999999Z"));
        row.put("state", read ? "active" : "sold");
        row.put("amount", amount);
        row.put("qty", qty);
        return row;
    }

    private static Map<String, Object> exact(String op) {
        boolean read = op.equals("r");
        return expected(op,
                read ? LocalTime.of(10, 15, 30, 123_456_000) : LocalTime.of(0, 0, 0, 1_000),
                read ? LocalDateTime.of(2026, 11, 21, 10, 15, 30, 123_456_000) : LocalDateTime.of(2026, 11, 21, 10, 15, 30, 1_000),
                new BigDecimal(read ? "12345678901234567890.1234567890" : "-0.0000000001"),
                new BigDecimal(read ? "12345" : "-99999"),
                read ? LocalTime.of(10, 15, 30) : LocalTime.of(23, 59, 59));
    }

    private static DecodedRow after(String variant, String op, EventProperties settings) {
        Fixture fixture = Fixture.load(DIR + variant + "/" + op + ".json");
        DecodedChange change = new ChangeEventDecoder(TYPESAMPLE, settings).decode(fixture.key(), fixture.value());
        assertThat(change.op()).isEqualTo(op.equals("r") ? Op.READ : Op.CREATE);
        return change.after();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"r", "c"})
    void defaultModesDecodeEveryTypeExactly(String op) {
        assertThat(after("types-schemas", op, DEFAULTS).values()).isEqualTo(exact(op));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"r", "c"})
    void nanosecondsModeDecodesToTheSameValues(String op) {
        assertThat(after("types-schemas-nanoseconds", op, DEFAULTS).values()).isEqualTo(exact(op));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"r", "c"})
    void connectModeKeepsMilliseconds(String op) {
        boolean read = op.equals("r");
        Map<String, Object> expected = exact(op);
        expected.put("t6", read ? LocalTime.of(10, 15, 30, 123_000_000) : LocalTime.MIDNIGHT);
        expected.put("dt6", read ? LocalDateTime.of(2026, 11, 21, 10, 15, 30, 123_000_000)
                : LocalDateTime.of(2026, 11, 21, 10, 15, 30));
        assertThat(after("types-schemas-connect-time", op, DEFAULTS).values()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"r", "c"})
    void stringDecimalsArriveAsText(String op) {
        boolean read = op.equals("r");
        Map<String, Object> expected = exact(op);
        expected.put("amount", read ? "12345678901234567890.1234567890" : "-0.0000000001");
        expected.put("qty", read ? "12345" : "-99999");
        assertThat(after("types-schemas-string", op, DEFAULTS).values()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"r", "c"})
    void doubleDecimalsArriveAsTheNearestDouble(String op) {
        boolean read = op.equals("r");
        Map<String, Object> expected = exact(op);
        expected.put("amount", Double.parseDouble(read ? "12345678901234567890.1234567890" : "-0.0000000001"));
        expected.put("qty", read ? 12345.0 : -99999.0);
        assertThat(after("types-schemas-double", op, DEFAULTS).values()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"r", "c"})
    void withoutSchemaTheConfiguredModesDecodeTheSameValues(String op) {
        // One decimal-scale serves every DECIMAL column; typesample has two scales, so read each with its own.
        Map<String, Object> atScale10 = after("types-noschemas", op,
                new EventProperties(DecimalHandlingMode.PRECISE, 10, TimePrecisionMode.ADAPTIVE_TIME_MICROSECONDS)).values();
        Map<String, Object> atScale0 = after("types-noschemas", op,
                new EventProperties(DecimalHandlingMode.PRECISE, 0, TimePrecisionMode.ADAPTIVE_TIME_MICROSECONDS)).values();
        Map<String, Object> expected = exact(op);
        assertThat(atScale10).containsAllEntriesOf(without(expected, "qty"));
        assertThat(atScale0.get("qty")).isEqualTo(expected.get("qty"));
    }

    private static Map<String, Object> without(Map<String, Object> row, String field) {
        Map<String, Object> copy = new LinkedHashMap<>(row);
        copy.remove(field);
        return copy;
    }

    @Test
    void everyCapturedValuePassesItsColumnCheck() {
        for (String variant : List.of("types-schemas", "types-schemas-nanoseconds", "types-schemas-connect-time",
                "types-schemas-string", "types-schemas-double")) {
            for (String op : List.of("r", "c")) {
                DecodedRow row = after(variant, op, DEFAULTS);
                for (Column<?> column : TYPESAMPLE.columns()) {
                    assertThat(column.read(row, "after")).as(variant + "/" + op + " " + column.name()).isNotNull();
                }
            }
        }
    }
}
