package dev.cdcsink.event;

import static dev.cdcsink.event.ListingEvents.AT;
import static dev.cdcsink.event.ListingEvents.JSON;
import static dev.cdcsink.event.ListingEvents.POSITION;
import static dev.cdcsink.event.ListingEvents.PRECISE_SCALE_2;
import static dev.cdcsink.event.ListingEvents.SOURCE_TS_MS;
import static dev.cdcsink.event.ListingEvents.bytes;
import static dev.cdcsink.event.ListingEvents.envelope;
import static dev.cdcsink.event.ListingEvents.flattened;
import static dev.cdcsink.event.ListingEvents.key;
import static dev.cdcsink.event.ListingEvents.listing;
import static dev.cdcsink.event.ListingEvents.row;
import static dev.cdcsink.event.ParseFailure.Kind.INVALID_VALUE;
import static dev.cdcsink.event.ParseFailure.Kind.MALFORMED_JSON;
import static dev.cdcsink.event.ParseFailure.Kind.MISSING_FIELD;
import static dev.cdcsink.event.ParseFailure.Kind.UNKNOWN_OP;
import static dev.cdcsink.event.ParseFailure.Kind.UNSUPPORTED_ENCODING;
import static dev.cdcsink.event.ParseFailure.Kind.WRONG_TYPE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cdcsink.event.EventProperties.DecimalHandlingMode;
import dev.cdcsink.event.EventProperties.TimePrecisionMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

class ChangeEventParserTest {

    private final ChangeEventParser parser = new ChangeEventParser(PRECISE_SCALE_2);
    private static final Instant SOURCE_TS = Instant.ofEpochMilli(SOURCE_TS_MS);

    private ListingChange change(byte[] key, JsonNode value) {
        ParseResult result = parser.parse(AT, key, bytes(value));
        assertThat(result).isInstanceOf(ParseResult.Change.class);
        return ((ParseResult.Change) result).change();
    }

    private ParseFailure failure(ParseResult result, ParseFailure.Kind kind) {
        assertThat(result).isInstanceOf(ParseResult.Failure.class);
        ParseResult.Failure failure = (ParseResult.Failure) result;
        assertThat(failure.coordinates()).isEqualTo(AT);
        assertThat(failure.failure().kind()).as(failure.failure().message()).isEqualTo(kind);
        return failure.failure();
    }

    private ParseFailure failure(byte[] key, byte[] value, ParseFailure.Kind kind) {
        return failure(parser.parse(AT, key, value), kind);
    }

    private ParseFailure failure(byte[] key, JsonNode value, ParseFailure.Kind kind) {
        return failure(key, bytes(value), kind);
    }

    @Nested
    class Envelopes {

        @Test
        void createCarriesTheRowExactly() {
            ListingChange change = change(key(42), envelope("c", null, row(listing(42))));
            assertThat(change).isEqualTo(new ListingChange(Op.CREATE, 42L, null, listing(42), POSITION, SOURCE_TS, AT));
        }

        @Test
        void updateCarriesBothRows() {
            Listing before = listing(42);
            Listing after = new Listing(42, 7L, "Satıldı", "emlak", "Ankara", before.price().negate(), "TRY", "sold",
                    before.createdAt(), before.updatedAt().plusNanos(1_000));
            ListingChange change = change(key(42), envelope("u", row(before), row(after)));
            assertThat(change).isEqualTo(new ListingChange(Op.UPDATE, 42L, before, after, POSITION, SOURCE_TS, AT));
        }

        @Test
        void deleteCarriesTheRowBefore() {
            ListingChange change = change(key(42), envelope("d", row(listing(42)), null));
            assertThat(change).isEqualTo(new ListingChange(Op.DELETE, 42L, listing(42), null, POSITION, SOURCE_TS, AT));
        }

        @Test
        void deleteWithoutRowBeforeIsStillADeleteOfTheKey() {
            ListingChange change = change(key(42), envelope("d", null, null));
            assertThat(change).isEqualTo(new ListingChange(Op.DELETE, 42L, null, null, POSITION, SOURCE_TS, AT));
        }

        @Test
        void withoutARecordKeyTheIdComesFromTheRow() {
            assertThat(change(null, envelope("c", null, row(listing(42)))).id()).isEqualTo(42L);
            assertThat(change(null, envelope("d", row(listing(43)), null)).id()).isEqualTo(43L);
            assertThat(change("null".getBytes(StandardCharsets.UTF_8), envelope("c", null, row(listing(44)))).id())
                    .isEqualTo(44L);
        }

        @Test
        void aSchemaWrappedKeyIsRead() {
            byte[] key = ("{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int64\",\"optional\":false,"
                    + "\"field\":\"id\"}],\"optional\":false,\"name\":\"cdc.shop.listings.Key\"},\"payload\":{\"id\":42}}")
                    .getBytes(StandardCharsets.UTF_8);
            assertThat(change(key, envelope("c", null, row(listing(42)))).id()).isEqualTo(42L);
        }

        @Test
        void snapshotReadIsPositionedAsASnapshot() {
            ObjectNode event = envelope("r", null, row(listing(42)));
            ((ObjectNode) event.get("source")).put("snapshot", "first_in_data_collection");
            ListingChange change = change(key(42), event);
            assertThat(change.op()).isEqualTo(Op.READ);
            assertThat(change.position()).isEqualTo(new SourcePosition(3, 4711, true));
        }

        @Test
        void truncateHasNoKeyAndNoRows() {
            ListingChange change = change(null, envelope("t", null, null));
            assertThat(change).isEqualTo(new ListingChange(Op.TRUNCATE, null, null, null, POSITION, SOURCE_TS, AT));
        }

        @Test
        void theEnvelopeTimestampStandsInForAMissingSourceTimestamp() {
            ObjectNode event = envelope("c", null, row(listing(42)));
            ((ObjectNode) event.get("source")).remove("ts_ms");
            assertThat(change(key(42), event).sourceTimestamp()).isEqualTo(Instant.ofEpochMilli(SOURCE_TS_MS + 321));
        }

        @Test
        void aNullValueIsATombstone() {
            assertThat(parser.parse(AT, key(42), null)).isEqualTo(new ParseResult.Tombstone(AT));
        }
    }

    @Nested
    class DecimalAndTimeSettings {

        private ListingChange parse(EventProperties settings, ObjectNode row) {
            ParseResult result = new ChangeEventParser(settings).parse(AT, key(42), bytes(envelope("c", null, row)));
            assertThat(result).isInstanceOf(ParseResult.Change.class);
            return ((ParseResult.Change) result).change();
        }

        @Test
        void decimalTextWhenTheConnectorUsesStringMode() {
            ObjectNode row = row(listing(42)).put("price", "1234567.89");
            EventProperties settings = new EventProperties(DecimalHandlingMode.STRING, null,
                    TimePrecisionMode.ADAPTIVE_TIME_MICROSECONDS);
            assertThat(parse(settings, row).after()).isEqualTo(listing(42));
        }

        @Test
        void decimalNumberWhenTheConnectorUsesDoubleMode() {
            ObjectNode row = row(listing(42)).put("price", 1234567.89);
            EventProperties settings = new EventProperties(DecimalHandlingMode.DOUBLE, null,
                    TimePrecisionMode.ADAPTIVE_TIME_MICROSECONDS);
            assertThat(parse(settings, row).after()).isEqualTo(listing(42));
        }

        @Test
        void epochMillisWhenTheConnectorUsesConnectTimePrecision() {
            Listing listing = listing(42);
            ObjectNode row = row(listing)
                    .put("created_at", ListingEvents.micros(listing.createdAt()) / 1_000)
                    .put("updated_at", ListingEvents.micros(listing.updatedAt()) / 1_000);
            EventProperties settings = new EventProperties(DecimalHandlingMode.PRECISE, 2, TimePrecisionMode.CONNECT);
            Listing after = parse(settings, row).after();
            assertThat(after.createdAt()).isEqualTo(listing.createdAt().truncatedTo(ChronoUnit.MILLIS));
            assertThat(after.updatedAt()).isEqualTo(listing.updatedAt().truncatedTo(ChronoUnit.MILLIS));
        }
    }

    @Nested
    class Flattened {

        @Test
        void createIsTheRowWithItsMetadataRemoved() {
            ListingChange change = change(key(42), flattened("c", listing(42), false));
            assertThat(change).isEqualTo(new ListingChange(Op.CREATE, 42L, null, listing(42), POSITION, SOURCE_TS, AT));
        }

        @ParameterizedTest(name = "__deleted={0}")
        @ValueSource(strings = {"boolean", "string"})
        void deletedRowIsTheRowBefore(String encoding) {
            ObjectNode event = flattened("d", listing(42), encoding.equals("boolean") ? (Object) true : "true");
            ListingChange change = change(key(42), event);
            assertThat(change).isEqualTo(new ListingChange(Op.DELETE, 42L, listing(42), null, POSITION, SOURCE_TS, AT));
        }

        @Test
        void snapshotReadWithoutSnapshotFieldIsStillASnapshot() {
            ObjectNode event = flattened("r", listing(42), false);
            event.remove("__source_snapshot");
            assertThat(change(key(42), event).position()).isEqualTo(new SourcePosition(3, 4711, true));
        }

        @Test
        void withoutSourcePositionFailsNamingTheTransformSettings() {
            ObjectNode event = flattened("c", listing(42), false);
            event.remove(List.of("__source_file", "__source_pos", "__source_row", "__source_snapshot", "__source_ts_ms"));
            ParseFailure failure = failure(key(42), event, MISSING_FIELD);
            assertThat(failure.message()).contains("__source_file", "add.fields=op,source.ts_ms,source.file,source.pos,"
                    + "source.row,source.snapshot");
        }

        @Test
        void withoutAnyMetadataFailsNamingTheTransformSettings() {
            ParseFailure failure = failure(key(42), row(listing(42)), MISSING_FIELD);
            assertThat(failure.message()).contains("op", "add.fields=op,");
        }
    }

    @Nested
    class Failures {

        @Test
        void malformedJson() {
            ParseFailure failure = failure(key(42), "{\"op\":\"c\",".getBytes(StandardCharsets.UTF_8), MALFORMED_JSON);
            assertThat(failure.message()).startsWith("value: not valid JSON");
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {"[1,2] | array", "\"c\" | string", "42 | number", "true | boolean"})
        void nonObjectJson(String json, String type) {
            ParseFailure failure = failure(key(42), json.getBytes(StandardCharsets.UTF_8), MALFORMED_JSON);
            assertThat(failure.message()).isEqualTo("value: expected a JSON object, got a JSON " + type);
        }

        @Test
        void theJsonLiteralNull() {
            ParseFailure failure = failure(key(42), "null".getBytes(StandardCharsets.UTF_8), MALFORMED_JSON);
            assertThat(failure.message()).startsWith("value: the JSON literal null");
        }

        @Test
        void emptyBytes() {
            assertThat(failure(key(42), new byte[0], MALFORMED_JSON).message()).isEqualTo("value: empty, not JSON");
        }

        @Test
        void contentAfterTheObject() {
            byte[] value = (new String(bytes(envelope("c", null, row(listing(42)))), StandardCharsets.UTF_8) + " {}")
                    .getBytes(StandardCharsets.UTF_8);
            assertThat(failure(key(42), value, MALFORMED_JSON).message())
                    .isEqualTo("value: unexpected content after the JSON object");
        }

        @Test
        void malformedKey() {
            ParseFailure failure = failure("{\"id\":".getBytes(StandardCharsets.UTF_8),
                    bytes(envelope("c", null, row(listing(42)))), MALFORMED_JSON);
            assertThat(failure.message()).startsWith("key: not valid JSON");
        }

        @Test
        void missingOp() {
            ObjectNode event = envelope("c", null, row(listing(42)));
            event.remove("op");
            assertThat(failure(key(42), event, MISSING_FIELD).message()).startsWith("op: ");
        }

        @Test
        void unknownOp() {
            assertThat(failure(key(42), envelope("x", null, row(listing(42))), UNKNOWN_OP).message())
                    .isEqualTo("op: 'x' is none of c, u, d, r, t");
        }

        @Test
        void opOfTheWrongType() {
            ObjectNode event = envelope("c", null, row(listing(42)));
            event.put("op", 1);
            assertThat(failure(key(42), event, WRONG_TYPE).message()).isEqualTo("op: expected a string, got number 1");
        }

        @ParameterizedTest(name = "after = {0}")
        @ValueSource(strings = {"\"row\"", "[1]", "42"})
        void afterOfTheWrongType(String after) {
            ObjectNode event = envelope("c", null, JSON.readTree(after));
            assertThat(failure(key(42), event, WRONG_TYPE).message()).startsWith("after: expected an object");
        }

        @Test
        void createWithoutAfter() {
            assertThat(failure(key(42), envelope("c", null, null), MISSING_FIELD).message()).startsWith("after: ");
        }

        @Test
        void missingSource() {
            ObjectNode event = envelope("c", null, row(listing(42)));
            event.remove("source");
            assertThat(failure(key(42), event, MISSING_FIELD).message()).startsWith("source: ");
        }

        @Test
        void columnValueOfTheWrongType() {
            ObjectNode row = row(listing(42));
            row.putObject("price").put("value", "fQ==");
            assertThat(failure(key(42), envelope("c", null, row), WRONG_TYPE).message())
                    .isEqualTo("after.price: expected a string, got object {\"value\":\"fQ==\"}");
        }

        @Test
        void base64DecimalWithoutSchemaOrConfiguredScale() {
            ChangeEventParser unconfigured = new ChangeEventParser(new EventProperties(DecimalHandlingMode.PRECISE, null,
                    TimePrecisionMode.ADAPTIVE_TIME_MICROSECONDS));
            ParseFailure failure = failure(unconfigured.parse(AT, key(42), bytes(envelope("c", null, row(listing(42))))),
                    UNSUPPORTED_ENCODING);
            assertThat(failure.message()).startsWith("after.price: ").contains("cdc-sink.events.decimal-scale");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"mysql-bin", "mysql-bin.", "mysql-bin.00000x", "mysql-bin.99999999999"})
        void badBinlogFileName(String file) {
            ObjectNode event = envelope("c", null, row(listing(42)));
            ((ObjectNode) event.get("source")).put("file", file);
            assertThat(failure(key(42), event, INVALID_VALUE).message()).startsWith("source.file: '" + file + "'");
        }

        @Test
        void negativeBinlogPosition() {
            ObjectNode event = envelope("c", null, row(listing(42)));
            ((ObjectNode) event.get("source")).put("pos", -1);
            assertThat(failure(key(42), event, INVALID_VALUE).message()).startsWith("source.pos: ");
        }

        @Test
        void unknownSnapshotMarker() {
            ObjectNode event = envelope("r", null, row(listing(42)));
            ((ObjectNode) event.get("source")).put("snapshot", "maybe");
            assertThat(failure(key(42), event, INVALID_VALUE).message()).startsWith("source.snapshot: 'maybe'");
        }

        @Test
        void titleLongerThan200Characters() {
            ObjectNode row = row(listing(42)).put("title", "a".repeat(201));
            assertThat(failure(key(42), envelope("c", null, row), INVALID_VALUE).message())
                    .isEqualTo("after.title: is 201 characters, longer than VARCHAR(200)");
        }

        @Test
        void titleOf200CharactersBeyondTheBasicPlaneFits() {
            ObjectNode row = row(listing(42)).put("title", "🏠".repeat(200));
            assertThat(change(key(42), envelope("c", null, row)).after().title()).hasSize(400);
        }

        @Test
        void priceWithMoreDecimalPlacesThanTheColumn() {
            ObjectNode row = row(listing(42)).put("price", "MDk="); // 12345 at the configured scale 2 = 123.45: fine
            assertThat(change(key(42), envelope("c", null, row)).after().price()).hasToString("123.45");
            ChangeEventParser scale3 = new ChangeEventParser(new EventProperties(DecimalHandlingMode.PRECISE, 3,
                    TimePrecisionMode.ADAPTIVE_TIME_MICROSECONDS));
            ParseFailure failure = failure(scale3.parse(AT, key(42), bytes(envelope("c", null, row))), INVALID_VALUE);
            assertThat(failure.message()).startsWith("after.price: 12.345 has more than 2 decimal places");
        }

        @Test
        void priceWithMoreDigitsThanTheColumn() {
            ObjectNode row = row(listing(42)).put("price", "AJGEcm4AAA=="); // 10^13 at scale 2 = 10^11
            assertThat(failure(key(42), envelope("c", null, row), INVALID_VALUE).message())
                    .startsWith("after.price: ").contains("DECIMAL(12,2)");
        }

        @Test
        void nullInANotNullColumn() {
            ObjectNode row = row(listing(42));
            row.putNull("title");
            assertThat(failure(key(42), envelope("c", null, row), MISSING_FIELD).message())
                    .isEqualTo("after.title: null in a NOT NULL column");
        }

        @Test
        void missingColumn() {
            ObjectNode row = row(listing(42));
            row.remove("city");
            assertThat(failure(key(42), envelope("c", null, row), MISSING_FIELD).message()).startsWith("after.city: ");
        }

        @Test
        void keyAndRowDisagree() {
            assertThat(failure(key(41), envelope("c", null, row(listing(42))), INVALID_VALUE).message())
                    .isEqualTo("after.id: 42 disagrees with the record key's id 41");
            assertThat(failure(key(41), envelope("d", row(listing(42)), null), INVALID_VALUE).message())
                    .startsWith("before.id: 42 ");
        }

        @Test
        void keyWithoutId() {
            assertThat(failure("{\"listing\":42}".getBytes(StandardCharsets.UTF_8),
                    bytes(envelope("c", null, row(listing(42)))), MISSING_FIELD).message()).startsWith("key.id: ");
        }

        @Test
        void deleteWithoutKeyOrRow() {
            assertThat(failure(null, envelope("d", null, null), MISSING_FIELD).message()).startsWith("key: ");
        }
    }

    @Nested
    class NeverThrows {

        private final List<JsonNode> replacements = List.of(NullNode.getInstance(), JsonNodeFactory.instance.numberNode(-1),
                JsonNodeFactory.instance.numberNode(1.5), JsonNodeFactory.instance.stringNode("x"),
                JsonNodeFactory.instance.booleanNode(true), JSON.createObjectNode(), JSON.createArrayNode(),
                JsonNodeFactory.instance.numberNode(new java.math.BigInteger("123456789012345678901234567890")));

        @Test
        void whateverJsonValueAnyFieldHolds() {
            ObjectNode original = envelope("u", row(listing(42)), row(listing(42)));
            List<String> paths = new ArrayList<>();
            collectPaths(original, "", paths);
            assertThat(paths).hasSizeGreaterThan(25);
            for (String path : paths) {
                for (JsonNode replacement : replacements) {
                    ObjectNode event = original.deepCopy();
                    ObjectNode parent = (ObjectNode) event.at(path.substring(0, path.lastIndexOf('/')));
                    parent.set(path.substring(path.lastIndexOf('/') + 1), replacement);
                    assertResultWithoutException(parser.parse(AT, key(42), bytes(event)), path + " = " + replacement);
                }
            }
        }

        @Test
        void whereverTheBytesAreCut() {
            byte[] value = bytes(envelope("u", row(listing(42)), row(listing(42))));
            for (int length = 0; length < value.length; length++) {
                ParseResult result = parser.parse(AT, key(42), Arrays.copyOf(value, length));
                assertThat(result).as("cut at %d", length).isInstanceOf(ParseResult.Failure.class);
            }
        }

        private void collectPaths(JsonNode node, String path, List<String> paths) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String child = path + "/" + field.getKey();
                paths.add(child);
                if (field.getValue().isObject()) {
                    collectPaths(field.getValue(), child, paths);
                }
            }
        }

        private void assertResultWithoutException(ParseResult result, String description) {
            assertThat(result).as(description).isNotNull();
            if (result instanceof ParseResult.Failure failure) {
                assertThat(failure.failure().message()).as(description).isNotBlank();
                assertThat(failure.failure().message()).as(description).doesNotContain("unexpected error");
            }
        }
    }
}
