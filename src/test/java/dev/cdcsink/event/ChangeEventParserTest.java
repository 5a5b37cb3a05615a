package dev.cdcsink.event;

import static dev.cdcsink.event.ListingEvents.AT;
import static dev.cdcsink.event.ListingEvents.JSON;
import static dev.cdcsink.event.ListingEvents.POSITION;
import static dev.cdcsink.event.ListingEvents.LISTINGS_TABLE;
import static dev.cdcsink.event.ListingEvents.SOURCE_TS_MS;
import static dev.cdcsink.event.ListingEvents.bytes;
import static dev.cdcsink.event.ListingEvents.envelope;
import static dev.cdcsink.event.ListingEvents.flattened;
import static dev.cdcsink.event.ListingEvents.key;
import static dev.cdcsink.event.ListingEvents.listing;
import static dev.cdcsink.event.ListingEvents.row;
import static dev.cdcsink.event.decode.FailureKind.INVALID_VALUE;
import static dev.cdcsink.event.decode.FailureKind.MALFORMED_JSON;
import static dev.cdcsink.event.decode.FailureKind.MISSING_FIELD;
import static dev.cdcsink.event.decode.FailureKind.UNKNOWN_OP;
import static dev.cdcsink.event.decode.FailureKind.UNSUPPORTED_TABLE;
import static dev.cdcsink.event.decode.FailureKind.WRONG_TYPE;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import dev.cdcsink.change.Op;
import dev.cdcsink.change.RowChange;
import dev.cdcsink.change.RowKey;
import dev.cdcsink.change.SourcePosition;
import dev.cdcsink.change.TableId;
import dev.cdcsink.event.decode.FailureKind;
import dev.cdcsink.generator.Listing;
import dev.cdcsink.support.Listings;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The parser on hand-built schemaless {@code listings} events, decoded by a target table's column
 * types as the catalog provides them: every op and shape, and every way an event can be malformed.
 * What real Debezium events parse to is in the fixture tests.
 */
class ChangeEventParserTest {

    private final ChangeEventParser parser = new ChangeEventParser(LISTINGS_TABLE);
    private static final Instant SOURCE_TS = Instant.ofEpochMilli(SOURCE_TS_MS);
    private static final TableId LISTINGS = TableId.of("shop", "listings");

    private RowChange change(byte[] key, JsonNode value) {
        ParseResult result = parser.parse(AT, key, bytes(value));
        assertThat(result).as(result.toString()).isInstanceOf(ParseResult.Change.class);
        return ((ParseResult.Change) result).change();
    }

    /** The change's parts as {@code listings} values, to compare with what the event was built from. */
    private static void assertChange(RowChange change, Op op, Long id, Listing before, Listing after,
            SourcePosition position) {
        assertThat(change.table()).isEqualTo(LISTINGS);
        assertThat(change.op()).isEqualTo(op);
        assertThat(change.key()).isEqualTo(id == null ? null : new RowKey(id));
        assertThat(change.before() == null ? null : Listings.listing(change.schema(), change.before())).isEqualTo(before);
        assertThat(change.after() == null ? null : Listings.listing(change.schema(), change.after())).isEqualTo(after);
        assertThat(change.position()).isEqualTo(position);
        assertThat(change.sourceTimestamp()).isEqualTo(SOURCE_TS);
        assertThat(change.coordinates()).isEqualTo(AT);
    }

    private ParseResult.Failure failure(ParseResult result, FailureKind kind) {
        assertThat(result).isInstanceOf(ParseResult.Failure.class);
        ParseResult.Failure failure = (ParseResult.Failure) result;
        assertThat(failure.coordinates()).isEqualTo(AT);
        assertThat(failure.kind()).as(failure.message()).isEqualTo(kind);
        return failure;
    }

    private ParseResult.Failure failure(byte[] key, byte[] value, FailureKind kind) {
        return failure(parser.parse(AT, key, value), kind);
    }

    private ParseResult.Failure failure(byte[] key, JsonNode value, FailureKind kind) {
        return failure(key, bytes(value), kind);
    }

    @Nested
    class Envelopes {

        @Test
        void createCarriesTheRowExactly() {
            assertChange(change(key(42), envelope("c", null, row(listing(42)))), Op.CREATE, 42L, null, listing(42),
                    POSITION);
        }

        @Test
        void updateCarriesBothRows() {
            Listing before = listing(42);
            Listing after = new Listing(42, 7L, "Satıldı", "emlak", "Ankara", before.price().negate(), "TRY", "sold",
                    before.createdAt(), before.updatedAt().plusNanos(1_000));
            assertChange(change(key(42), envelope("u", row(before), row(after))), Op.UPDATE, 42L, before, after, POSITION);
        }

        @Test
        void deleteCarriesTheRowBefore() {
            assertChange(change(key(42), envelope("d", row(listing(42)), null)), Op.DELETE, 42L, listing(42), null,
                    POSITION);
        }

        @Test
        void withoutARecordKeyTheChangeFailsNamingTheKey() {
            assertThat(failure(null, envelope("c", null, row(listing(42))), MISSING_FIELD).message())
                    .startsWith("key: the record has no key");
            assertThat(failure("null".getBytes(StandardCharsets.UTF_8), envelope("c", null, row(listing(44))),
                    MISSING_FIELD).message()).startsWith("key: ");
        }

        @Test
        void aSchemaWrappedKeyIsRead() {
            byte[] key = ("{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int64\",\"optional\":false,"
                    + "\"field\":\"id\"}],\"optional\":false,\"name\":\"cdc.shop.listings.Key\"},\"payload\":{\"id\":42}}")
                    .getBytes(StandardCharsets.UTF_8);
            assertThat(change(key, envelope("c", null, row(listing(42)))).key()).isEqualTo(new RowKey(42L));
        }

        @Test
        void snapshotReadIsPositionedAsASnapshot() {
            ObjectNode event = envelope("r", null, row(listing(42)));
            ((ObjectNode) event.get("source")).put("snapshot", "first_in_data_collection");
            RowChange change = change(key(42), event);
            assertThat(change.op()).isEqualTo(Op.READ);
            assertThat(change.position()).isEqualTo(SourcePosition.binlog(3, 4711, true));
        }

        @Test
        void truncateHasNoKeyAndNoRows() {
            assertChange(change(null, envelope("t", null, null)), Op.TRUNCATE, null, null, null, POSITION);
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
    class Flattened {

        @Test
        void createIsTheRowWithItsMetadataRemoved() {
            assertChange(change(key(42), flattened("c", listing(42), false)), Op.CREATE, 42L, null, listing(42), POSITION);
        }

        @ParameterizedTest(name = "__deleted={0}")
        @ValueSource(strings = {"boolean", "string"})
        void deletedRowIsTheRowBefore(String encoding) {
            ObjectNode event = flattened("d", listing(42), encoding.equals("boolean") ? (Object) true : "true");
            assertChange(change(key(42), event), Op.DELETE, 42L, listing(42), null, POSITION);
        }

        @Test
        void snapshotReadWithoutSnapshotFieldIsStillASnapshot() {
            ObjectNode event = flattened("r", listing(42), false);
            event.remove("__source_snapshot");
            assertThat(change(key(42), event).position()).isEqualTo(SourcePosition.binlog(3, 4711, true));
        }

        @Test
        void withoutSourcePositionFailsNamingTheTransformSettings() {
            ObjectNode event = flattened("c", listing(42), false);
            event.remove(List.of("__source_file", "__source_pos", "__source_row", "__source_snapshot", "__source_ts_ms"));
            ParseResult.Failure failure = failure(key(42), event, MISSING_FIELD);
            assertThat(failure.message()).contains("__source_file", "add.fields=op,source.ts_ms,source.file,source.pos,"
                    + "source.row,source.snapshot");
        }

        @Test
        void withoutAnyMetadataFailsNamingTheTransformSettings() {
            ParseResult.Failure failure = failure(key(42), row(listing(42)), MISSING_FIELD);
            assertThat(failure.message()).contains("op", "add.fields=op,");
        }
    }

    @Nested
    class Failures {

        @Test
        void malformedJson() {
            ParseResult.Failure failure = failure(key(42), "{\"op\":\"c\",".getBytes(StandardCharsets.UTF_8), MALFORMED_JSON);
            assertThat(failure.message()).startsWith("value: not valid JSON");
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {"[1,2] | array", "\"c\" | string", "42 | number", "true | boolean"})
        void nonObjectJson(String json, String type) {
            ParseResult.Failure failure = failure(key(42), json.getBytes(StandardCharsets.UTF_8), MALFORMED_JSON);
            assertThat(failure.message()).isEqualTo("value: expected a JSON object, got a JSON " + type);
        }

        @Test
        void theJsonLiteralNull() {
            ParseResult.Failure failure = failure(key(42), "null".getBytes(StandardCharsets.UTF_8), MALFORMED_JSON);
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
            ParseResult.Failure failure = failure("{\"id\":".getBytes(StandardCharsets.UTF_8),
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
        void aFieldTheTargetTableLacksNamesBoth() {
            ObjectNode row = row(listing(42)).put("colour", "red");
            assertThat(failure(key(42), envelope("c", null, row), UNSUPPORTED_TABLE).message())
                    .startsWith("after.colour: target table listings has no such column");
        }

        @Test
        void aRowWithoutItsKeyColumnIsAFailure() {
            ObjectNode row = row(listing(42));
            row.remove("id");
            assertThat(failure(key(42), envelope("c", null, row), MISSING_FIELD).message()).contains("id");
        }

        @Test
        void keyAndRowDisagree() {
            assertThat(failure(key(41), envelope("c", null, row(listing(42))), INVALID_VALUE).message())
                    .isEqualTo("after.id: 42 disagrees with the record key's 41");
            assertThat(failure(key(41), envelope("d", row(listing(42)), null), INVALID_VALUE).message())
                    .startsWith("before.id: 42 ");
        }

        @Test
        void keyWithoutId() {
            assertThat(failure("{\"listing\":42}".getBytes(StandardCharsets.UTF_8),
                    bytes(envelope("c", null, row(listing(42)))), UNSUPPORTED_TABLE).message())
                    .startsWith("key.listing: is not a primary key column");
        }

        @Test
        void deleteWithoutKeyOrRow() {
            assertThat(failure(null, envelope("d", null, null), MISSING_FIELD).message()).startsWith("before: ");
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
                assertThat(failure.message()).as(description).isNotBlank();
                assertThat(failure.message()).as(description).doesNotContain("unexpected error");
            }
        }
    }
}
