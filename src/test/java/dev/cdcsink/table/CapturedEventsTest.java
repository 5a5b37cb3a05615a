package dev.cdcsink.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.cdcsink.apply.DeleteMode;
import dev.cdcsink.change.KafkaCoordinates;
import dev.cdcsink.change.Op;
import dev.cdcsink.change.Row;
import dev.cdcsink.change.RowChange;
import dev.cdcsink.change.RowKey;
import dev.cdcsink.change.SourcePosition;
import dev.cdcsink.event.ChangeEventParser;
import dev.cdcsink.event.ParseResult;
import dev.cdcsink.support.MariaDbServer;
import dev.cdcsink.support.SinkHarness;
import dev.cdcsink.support.TargetDatabase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Events captured from real Debezium 3.5 decode to the values the capture wrote: the reference
 * events of {@code shop.item} (MySQL and MariaDB connectors, with and without schemas and
 * tombstones) and the {@code typesample} events (every temporal and decimal shape, in each
 * connector mode). Messages without a schema are decoded by the column types of a real target
 * table, read from the database as the service reads them.
 */
class CapturedEventsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String REFERENCE = "debezium-events/reference/";
    private static final String TYPES = "debezium-events/listings/";
    private static final KafkaCoordinates AT = new KafkaCoordinates("feas.shop.item", 0, 7, 0);

    private static TargetDatabase target;
    private static ChangeEventParser parser;

    @BeforeAll
    static void createTargetTables() {
        target = TargetDatabase.create(MariaDbServer.shared());
        target.jdbc().execute("CREATE TABLE item (id INT NOT NULL PRIMARY KEY, name VARCHAR(64) NULL, qty INT NULL, "
                + "price DECIMAL(10,2) NULL, updated_at TIMESTAMP(3) NULL)");
        target.jdbc().execute("CREATE TABLE typesample (id INT NOT NULL PRIMARY KEY, d DATE NULL, t0 TIME(0) NULL, "
                + "t6 TIME(6) NULL, dt3 DATETIME(3) NULL, dt6 DATETIME(6) NULL, ts6 TIMESTAMP(6) NULL, "
                + "state ENUM('draft','active','sold') NULL, amount DECIMAL(38,10) NULL, qty DECIMAL(5,0) NULL)");
        parser = new ChangeEventParser(new SinkHarness(target, DeleteMode.SOFT).catalog());
    }

    @AfterAll
    static void close() {
        target.close();
    }

    /** The captured record's key and value as bytes, exactly as captured. */
    private static RowChange parse(String resource) {
        JsonNode fixture;
        try (InputStream in = CapturedEventsTest.class.getResourceAsStream("/" + resource)) {
            fixture = JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        byte[] key = fixture.get("key").isNull() ? null : JSON.writeValueAsBytes(fixture.get("key"));
        byte[] value = fixture.get("value").isNull() ? null : JSON.writeValueAsBytes(fixture.get("value"));
        ParseResult result = parser.parse(AT, key, value);
        assertThat(result).as(resource + ": " + result).isInstanceOf(ParseResult.Change.class);
        return ((ParseResult.Change) result).change();
    }

    private static Map<String, Object> values(RowChange change, Row row) {
        if (row == null) {
            return null;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < change.schema().columns().size(); i++) {
            values.put(change.schema().columns().get(i).name(), row.get(i));
        }
        return values;
    }

    static Stream<String> referenceEvents() throws IOException, URISyntaxException {
        Path dir = Path.of(CapturedEventsTest.class.getResource("/" + REFERENCE).toURI());
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> !n.contains("tombstone"))
                    .sorted().toList();
            assertThat(names).hasSize(24);
            return names.stream();
        }
    }

    private static Map<String, Object> item(long id, String name, long qty, String price, Instant updatedAt) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("name", name);
        row.put("qty", qty);
        row.put("price", new BigDecimal(price));
        row.put("updated_at", updatedAt);
        return row;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("referenceEvents")
    void referenceEventsDecodeToTheRowsTheCaptureWrote(String file) {
        RowChange change = parse(REFERENCE + file);
        JsonNode payload = payload(REFERENCE + file);
        Instant after = payload.path("after").isObject() ? Instant.parse(payload.get("after").get("updated_at").stringValue())
                : null;
        Instant before = payload.path("before").isObject()
                ? Instant.parse(payload.get("before").get("updated_at").stringValue()) : null;
        assertThat(change.sourceTimestamp()).isEqualTo(Instant.ofEpochMilli(payload.get("source").get("ts_ms").longValue()));
        String op = file.substring(file.lastIndexOf('_') + 1, file.length() - ".json".length());
        switch (op) {
            case "c" -> {
                assertThat(change.op()).isEqualTo(Op.CREATE);
                assertThat(change.key()).isEqualTo(new RowKey(3L));
                assertThat(values(change, change.after())).isEqualTo(item(3, "plum", 1, "0.99", after));
                assertThat(change.position()).isEqualTo(SourcePosition.binlog(1, 1037, false));
            }
            case "u" -> {
                assertThat(change.op()).isEqualTo(Op.UPDATE);
                assertThat(values(change, change.before())).isEqualTo(item(1, "apple", 5, "1.25", before));
                assertThat(values(change, change.after())).isEqualTo(item(1, "apple", 15, "1.25", after));
                assertThat(change.position()).isEqualTo(SourcePosition.binlog(1, 1313, false));
            }
            case "d" -> {
                assertThat(change.op()).isEqualTo(Op.DELETE);
                assertThat(change.key()).isEqualTo(new RowKey(2L));
                assertThat(values(change, change.before())).isEqualTo(item(2, "pear", 7, "2.50", before));
                assertThat(change.after()).isNull();
            }
            case "r" -> {
                assertThat(change.op()).isEqualTo(Op.READ);
                assertThat(values(change, change.after())).isEqualTo(item(1, "apple", 5, "1.25", after));
                assertThat(change.position()).isEqualTo(SourcePosition.binlog(1, 1037, true));
            }
            default -> throw new AssertionError("unexpected fixture " + file);
        }
    }

    private static JsonNode payload(String resource) {
        try (InputStream in = CapturedEventsTest.class.getResourceAsStream("/" + resource)) {
            JsonNode value = JSON.readTree(in).get("value");
            return value.has("payload") && value.has("schema") ? value.get("payload") : value;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Row values of typesample by op: {@code r} (ordinary values) and {@code c} (pre-1970 and edge values). */
    private static Map<String, Object> typesample(String op) {
        boolean read = op.equals("r");
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", read ? 1L : 2L);
        row.put("d", read ? LocalDate.of(2026, 11, 21) : LocalDate.of(1969, 12, 31));
        row.put("t0", read ? time(10, 15, 30, 0) : time(23, 59, 59, 0));
        row.put("t6", read ? time(10, 15, 30, 123_456_000) : time(0, 0, 0, 1_000));
        row.put("dt3", read ? LocalDateTime.of(2026, 11, 21, 10, 15, 30, 123_000_000)
                : LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_000_000));
        row.put("dt6", read ? LocalDateTime.of(2026, 11, 21, 10, 15, 30, 123_456_000)
                : LocalDateTime.of(2026, 11, 21, 10, 15, 30, 1_000));
        row.put("ts6", read ? Instant.parse("2026-11-21T10:15:30.123456Z") : Instant.parse("2038-01-19T03:14:07.999999Z"));
        row.put("state", read ? "active" : "sold");
        row.put("amount", new BigDecimal(read ? "12345678901234567890.1234567890" : "-0.0000000001"));
        row.put("qty", new BigDecimal(read ? "12345" : "-99999"));
        return row;
    }

    private static Duration time(int h, int m, int s, int nanos) {
        return Duration.ofHours(h).plusMinutes(m).plusSeconds(s).plusNanos(nanos);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "types-schemas/r", "types-schemas/c", "types-schemas-nanoseconds/r",
            "types-schemas-nanoseconds/c", "types-noschemas/r", "types-noschemas/c" })
    void everyTypeDecodesExactlyWithAndWithoutSchema(String capture) {
        RowChange change = parse(TYPES + capture + ".json");
        assertThat(values(change, change.after())).isEqualTo(typesample(capture.substring(capture.length() - 1)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "r", "c" })
    void connectModeKeepsMilliseconds(String op) {
        boolean read = op.equals("r");
        Map<String, Object> expected = typesample(op);
        expected.put("t6", read ? time(10, 15, 30, 123_000_000) : Duration.ZERO);
        expected.put("dt6", read ? LocalDateTime.of(2026, 11, 21, 10, 15, 30, 123_000_000)
                : LocalDateTime.of(2026, 11, 21, 10, 15, 30));
        RowChange change = parse(TYPES + "types-schemas-connect-time/" + op + ".json");
        assertThat(values(change, change.after())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "r", "c" })
    void stringAndDoubleDecimalsArriveAsTheConnectorSentThem(String op) {
        boolean read = op.equals("r");
        Map<String, Object> text = typesample(op);
        text.put("amount", read ? "12345678901234567890.1234567890" : "-0.0000000001");
        text.put("qty", read ? "12345" : "-99999");
        RowChange string = parse(TYPES + "types-schemas-string/" + op + ".json");
        assertThat(values(string, string.after())).isEqualTo(text);

        Map<String, Object> approximate = typesample(op);
        approximate.put("amount", Double.parseDouble(read ? "12345678901234567890.1234567890" : "-0.0000000001"));
        approximate.put("qty", read ? 12345.0 : -99999.0);
        RowChange doubles = parse(TYPES + "types-schemas-double/" + op + ".json");
        assertThat(values(doubles, doubles.after())).isEqualTo(approximate);
    }
}
