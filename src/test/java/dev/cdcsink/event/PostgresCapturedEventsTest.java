package dev.cdcsink.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.cdcsink.change.KafkaCoordinates;
import dev.cdcsink.change.Row;
import dev.cdcsink.change.RowChange;
import dev.cdcsink.devstack.FixtureCapture;
import dev.cdcsink.event.EventProperties.BinaryHandlingMode;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the decoder makes of each PostgreSQL type, from the events the real PostgreSQL connector
 * captured of {@code pg_all_types} ({@code debezium-events/pg_all_types}): row 1 (ordinary values)
 * and rows 5 and 7 (NaN and the infinities) in each mode that changes the wire form.
 */
class PostgresCapturedEventsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final KafkaCoordinates AT = new KafkaCoordinates("cdc.public.pg_all_types", 0, 1, 0);
    private static final SchemalessSchemas NO_SCHEMALESS = (table, topic) -> {
        throw new IllegalStateException("every fixture here carries its schema");
    };

    private static Map<String, Object> after(String fixture, EventProperties settings) {
        JsonNode record;
        try (InputStream in = PostgresCapturedEventsTest.class.getResourceAsStream("/debezium-events/pg_all_types/"
                + fixture + ".json")) {
            record = JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ParseResult result = new ChangeEventParser(NO_SCHEMALESS, settings).parse(AT,
                JSON.writeValueAsBytes(record.get("key")), JSON.writeValueAsBytes(record.get("value")));
        assertThat(result).as("%s", result).isInstanceOf(ParseResult.Change.class);
        RowChange change = ((ParseResult.Change) result).change();
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < change.schema().columns().size(); i++) {
            values.put(change.schema().columns().get(i).name(), change.after().get(i));
        }
        return values;
    }

    private static EventProperties settings(BinaryHandlingMode binary, String placeholder) {
        EventProperties d = dev.cdcsink.support.SinkHarness.EVENT_DEFAULTS;
        return new EventProperties(d.decimalHandlingMode(), d.timePrecisionMode(), d.bigintUnsignedHandlingMode(), binary,
                placeholder);
    }

    private static final EventProperties DEFAULTS = dev.cdcsink.support.SinkHarness.EVENT_DEFAULTS;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "schemas-source-types/r-1", "schemas-source-types/c-3", "schemas/r-1" })
    void everyTypeDecodesToItsValue(String fixture) {
        Map<String, Object> row = after(fixture, DEFAULTS);
        if (fixture.endsWith("c-3")) {
            assertThat(row).containsEntry("c_smallint", -32768L).containsEntry("c_bigint", Long.MIN_VALUE)
                    .containsEntry("c_numeric", new BigDecimal("-0.000000000000000000000000000001"))
                    .containsEntry("c_real", -3.4028235e38f)
                    .containsEntry("c_text_array", "[null]").containsEntry("c_int_array", "[]")
                    .containsEntry("c_date", LocalDate.of(1, 1, 1))
                    .containsEntry("c_timestamp0", LocalDateTime.of(1, 1, 1, 0, 0))
                    .containsEntry("c_timestamp3", LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_000_000))
                    .containsEntry("c_timestamptz", Instant.parse("0001-01-01T00:00:00Z"))
                    .containsEntry("c_interval", -86_400_000_001L).containsEntry("c_ltree", "");
            assertThat((byte[]) row.get("c_bytea")).isEmpty();
            return;
        }
        assertThat(row).containsEntry("id", 1L).containsEntry("c_smallint", 12L).containsEntry("c_integer", 123456L)
                .containsEntry("c_bigint", 1234567890123L)
                .containsEntry("c_numeric_5_0", new BigDecimal("12345"))
                .containsEntry("c_numeric_12_2", new BigDecimal("1234567.89"))
                // the connector sends the variable-scale value with its trailing zero dropped (scale 49)
                .containsEntry("c_numeric", new BigDecimal("3.1415926535897932384626433832795028841971693993751"))
                .containsEntry("c_real", 3.14f).containsEntry("c_double", 2.718281828459045)
                .containsEntry("c_money", new BigDecimal("1234.56")).containsEntry("c_boolean", true)
                // char(10) as the connector sends it: padded
                .containsEntry("c_char", "🏠ğüş      ").containsEntry("c_varchar", "Şişli'de satılık 3+1 daire 🏠")
                .containsEntry("c_text", "𝄞 müzik 🎵 — ev 🏠 — bayrak 🇹🇷")
                .containsEntry("c_uuid", "8c1f4d2e-7a3b-4c5d-9e6f-0a1b2c3d4e5f")
                .containsEntry("c_json", "{\"oda\": \"3+1\", \"kat\": 5,  \"aidat\": 1250.50, \"🏠\": true}")
                .containsEntry("c_xml", "<ilan id=\"1\"><başlık>ev 🏠</başlık></ilan>")
                .containsEntry("c_int_array", "[1,2,3]")
                .containsEntry("c_text_array", "[\"deniz manzarası\",\"🏠\",\"a,b\"]")
                .containsEntry("c_date", LocalDate.of(2026, 11, 21))
                .containsEntry("c_time0", Duration.parse("PT9H30M"))
                .containsEntry("c_time6", Duration.parse("PT9H30M0.123456S"))
                .containsEntry("c_timetz", "06:30:00.123456Z")
                .containsEntry("c_timestamp0", LocalDateTime.of(2026, 11, 21, 10, 15, 30))
                .containsEntry("c_timestamp3", LocalDateTime.of(2026, 11, 21, 10, 15, 30, 123_000_000))
                .containsEntry("c_timestamp6", LocalDateTime.of(2026, 11, 21, 10, 15, 30, 123_456_000))
                .containsEntry("c_timestamptz", Instant.parse("2026-11-21T07:15:30.123456Z"))
                .containsEntry("c_interval", 37_091_106_789_000L).containsEntry("c_inet", "192.168.1.10/24")
                .containsEntry("c_cidr", "10.1.0.0/16").containsEntry("c_macaddr", "08:00:2b:01:02:03")
                .containsEntry("c_enum", "yayında").containsEntry("c_ltree", "emlak.konut.satılık");
        assertThat((byte[]) row.get("c_bytea")).containsExactly(0x00, 0xff, 0x10, 0xce);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "schemas-source-types-binary-base64", "schemas-source-types-binary-hex" })
    void byteaSentAsTextDecodesBackToItsBytes(String variant) {
        BinaryHandlingMode mode = variant.endsWith("hex") ? BinaryHandlingMode.HEX : BinaryHandlingMode.BASE64;
        assertThat((byte[]) after(variant + "/r-1", settings(mode, UnavailableValues.PLACEHOLDER)).get("c_bytea"))
                .containsExactly(0x00, 0xff, 0x10, 0xce);
    }

    @Test
    void interval_string_modeIsIso8601Text() {
        assertThat(after("schemas-source-types-interval-string/r-1", DEFAULTS))
                .containsEntry("c_interval", "P1Y2M3DT4H5M6.789S");
    }

    @Test
    void nanAndInfinitiesDecodeInEveryDecimalMode() {
        // precise: the connector itself sends NaN and the infinities of numeric as null
        assertThat(after("schemas/c-5", DEFAULTS)).containsEntry("c_numeric_12_2", null).containsEntry("c_numeric", null)
                .containsEntry("c_real", Float.NaN).containsEntry("c_double", Double.NEGATIVE_INFINITY);
        assertThat(after("schemas/c-7", DEFAULTS)).containsEntry("c_real", Float.POSITIVE_INFINITY)
                .containsEntry("c_double", Double.NaN);
        assertThat(after("schemas-source-types-decimal-string/c-5", DEFAULTS)).containsEntry("c_numeric_12_2", "NAN")
                .containsEntry("c_numeric", "POSITIVE_INFINITY");
        assertThat(after("schemas-source-types-decimal-string/c-7", DEFAULTS))
                .containsEntry("c_numeric", "NEGATIVE_INFINITY");
        assertThat(after("schemas-source-types-decimal-double/c-5", DEFAULTS)).containsEntry("c_numeric_12_2", Double.NaN)
                .containsEntry("c_numeric", Double.POSITIVE_INFINITY);
    }

    @Test
    void infiniteDatesArriveAsTheConnectorsSentinels() {
        Map<String, Object> row = after("schemas/c-5", DEFAULTS);
        // -infinity and infinity: values no date or timestamp column holds, refused when written
        assertThat(row.get("c_date")).isEqualTo(LocalDate.ofEpochDay(-2_147_472_691L));
        assertThat(row.get("c_timestamp6")).isInstanceOf(LocalDateTime.class);
    }

    @Test
    void theConfiguredPlaceholderIsAnUnloggedValue() {
        String variant = "schemas-source-types-placeholder/u-6";
        assertThat(after(variant, settings(BinaryHandlingMode.BYTES, FixtureCapture.CUSTOM_PLACEHOLDER)))
                .containsEntry("c_text", Row.UNAVAILABLE).containsEntry("c_integer", 2L);
        // a sink left at Debezium's default would take the custom placeholder for the value
        assertThat(after(variant, DEFAULTS)).containsEntry("c_text", FixtureCapture.CUSTOM_PLACEHOLDER);
        assertThat(after("schemas-source-types/u-6", DEFAULTS)).containsEntry("c_text", Row.UNAVAILABLE);
    }
}
