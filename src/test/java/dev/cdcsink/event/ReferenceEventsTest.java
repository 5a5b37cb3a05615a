package dev.cdcsink.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cdcsink.event.EventProperties.DecimalHandlingMode;
import dev.cdcsink.event.EventProperties.TimePrecisionMode;
import dev.cdcsink.event.decode.DecodedRow;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generic decoding layer on the reference events captured from real Debezium 3.5 (MySQL and
 * MariaDB connectors, with and without schemas, with and without tombstones) for table
 * {@code shop.item (id INT, name VARCHAR, qty INT, price DECIMAL(10,2), updated_at TIMESTAMP)}.
 */
class ReferenceEventsTest {

    static final String DIR = "debezium-events/reference/";

    static final Table ITEM = new Table("item", List.of(
            Column.notNull("id", SqlType.integer()),
            Column.nullable("name", SqlType.varchar(64)),
            Column.nullable("qty", SqlType.integer()),
            Column.nullable("price", SqlType.decimal(10, 2)),
            Column.nullable("updated_at", SqlType.timestamp(3))));

    /** What the schemaless captures need: the connector's decimal scale for price. */
    static final ChangeEventDecoder DECODER = new ChangeEventDecoder(ITEM,
            new EventProperties(DecimalHandlingMode.PRECISE, 2, TimePrecisionMode.ADAPTIVE_TIME_MICROSECONDS));

    static Stream<String> events() throws IOException, URISyntaxException {
        Path dir = Path.of(ReferenceEventsTest.class.getResource("/" + DIR).toURI());
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> !n.contains("tombstone")).sorted().toList();
            assertThat(names).hasSize(24);
            return names.stream();
        }
    }

    static Stream<String> schemaEvents() throws IOException, URISyntaxException {
        return events().filter(name -> name.contains("_schemas_"));
    }

    static Stream<String> tombstones() throws IOException, URISyntaxException {
        Path dir = Path.of(ReferenceEventsTest.class.getResource("/" + DIR).toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.contains("tombstone")).sorted().toList().stream();
        }
    }

    private static String op(String file) {
        return file.substring(file.lastIndexOf('_') + 1, file.length() - ".json".length());
    }

    private static Map<String, Object> item(int id, String name, int qty, String price, Instant updatedAt) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("name", name);
        row.put("qty", qty);
        row.put("price", new BigDecimal(price));
        row.put("updated_at", updatedAt);
        return row;
    }

    private static Instant updatedAt(Fixture fixture, String row) {
        return Instant.parse(fixture.payload().get(row).get("updated_at").stringValue());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void decodesOpKeyPositionTimestampAndValues(String file) {
        Fixture fixture = Fixture.load(DIR + file);
        DecodedChange change = DECODER.decode(fixture.key(), fixture.value());

        Instant sourceTs = Instant.ofEpochMilli(fixture.payload().get("source").get("ts_ms").longValue());
        assertThat(change.sourceTimestamp()).isEqualTo(sourceTs);
        switch (op(file)) {
            case "c" -> {
                assertThat(change.op()).isEqualTo(Op.CREATE);
                assertThat(change.key().values()).isEqualTo(Map.of("id", 3));
                assertThat(change.before()).isNull();
                assertThat(change.after().values()).isEqualTo(item(3, "plum", 1, "0.99", updatedAt(fixture, "after")));
                assertThat(change.position()).isEqualTo(new SourcePosition(1, 1037, false));
            }
            case "u" -> {
                assertThat(change.op()).isEqualTo(Op.UPDATE);
                assertThat(change.key().values()).isEqualTo(Map.of("id", 1));
                assertThat(change.before().values()).isEqualTo(item(1, "apple", 5, "1.25", updatedAt(fixture, "before")));
                assertThat(change.after().values()).isEqualTo(item(1, "apple", 15, "1.25", updatedAt(fixture, "after")));
                assertThat(change.position()).isEqualTo(new SourcePosition(1, 1313, false));
            }
            case "d" -> {
                assertThat(change.op()).isEqualTo(Op.DELETE);
                assertThat(change.key().values()).isEqualTo(Map.of("id", 2));
                assertThat(change.before().values()).isEqualTo(item(2, "pear", 7, "2.50", updatedAt(fixture, "before")));
                assertThat(change.after()).isNull();
                assertThat(change.position()).isEqualTo(new SourcePosition(1, 1593, false));
            }
            case "r" -> {
                assertThat(change.op()).isEqualTo(Op.READ);
                assertThat(change.key().values()).isEqualTo(Map.of("id", 1));
                assertThat(change.after().values()).isEqualTo(item(1, "apple", 5, "1.25", updatedAt(fixture, "after")));
                assertThat(change.position()).isEqualTo(new SourcePosition(1, 1037, true));
            }
            default -> throw new AssertionError("unexpected fixture " + file);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemaEvents")
    void withSchemaAndWithoutSchemaDecodeToTheSameJavaValues(String file) {
        String other = file.replace("_schemas_", "_noschemas_");
        DecodedChange mine = DECODER.decode(Fixture.load(DIR + file).key(), Fixture.load(DIR + file).value());
        DecodedChange theirs = DECODER.decode(Fixture.load(DIR + other).key(), Fixture.load(DIR + other).value());
        // The captures ran at different times: everything but the timestamps must match, type for type.
        assertThat(withoutTimes(mine.after())).isEqualTo(withoutTimes(theirs.after()));
        assertThat(withoutTimes(mine.before())).isEqualTo(withoutTimes(theirs.before()));
        assertThat(mine.key()).isEqualTo(theirs.key());
        assertThat(mine.position()).isEqualTo(theirs.position());
    }

    private static Map<String, Object> withoutTimes(DecodedRow row) {
        if (row == null) {
            return null;
        }
        Map<String, Object> values = new LinkedHashMap<>(row.values());
        assertThat(values.remove("updated_at")).isInstanceOf(Instant.class);
        return values;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tombstones")
    void tombstoneCapturesHaveAKeyAndNoValue(String file) {
        Fixture fixture = Fixture.load(DIR + file);
        assertThat(fixture.value()).isNull();
        ChangeEventParser parser = new ChangeEventParser(
                new EventProperties(DecimalHandlingMode.PRECISE, null, TimePrecisionMode.ADAPTIVE_TIME_MICROSECONDS));
        KafkaCoordinates at = new KafkaCoordinates("feas.shop.item", 0, 7, 0);
        assertThat(parser.parse(at, fixture.key(), fixture.value())).isEqualTo(new ParseResult.Tombstone(at));
    }

    @Test
    void theScaleOfTheReferencePriceIsTakenFromTheSchemaWhateverIsConfigured() {
        ChangeEventDecoder scaleThree = new ChangeEventDecoder(ITEM,
                new EventProperties(DecimalHandlingMode.PRECISE, 3, TimePrecisionMode.ADAPTIVE_TIME_MICROSECONDS));
        Fixture withSchema = Fixture.load(DIR + "mysql_schemas_tomb_c.json");
        Fixture withoutSchema = Fixture.load(DIR + "mysql_noschemas_tomb_c.json");

        assertThat(scaleThree.decode(withSchema.key(), withSchema.value()).after().get("price"))
                .isEqualTo(new BigDecimal("0.99"));
        assertThat(scaleThree.decode(withoutSchema.key(), withoutSchema.value()).after().get("price"))
                .isEqualTo(new BigDecimal("0.099"));
    }
}
