package dev.cdcsink.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import dev.cdcsink.change.KafkaCoordinates;
import dev.cdcsink.change.Op;
import dev.cdcsink.change.RowChange;
import dev.cdcsink.change.RowKey;
import dev.cdcsink.change.SourcePosition;
import dev.cdcsink.change.TableId;
import dev.cdcsink.generator.Listing;
import dev.cdcsink.support.Listings;
import tools.jackson.databind.JsonNode;

/**
 * Every captured {@code listings} variant and op (real Debezium 3.5, see the fixtures' README)
 * parses to the exact change the capture script made.
 */
class ListingFixturesTest {

    private static final String DIR = "debezium-events/listings/";
    private static final KafkaCoordinates AT = new KafkaCoordinates("cdc.shop.listings", 0, 42, 1795306093999L);

    private static final LocalDateTime CREATED_1 = LocalDateTime.of(2026, 11, 21, 10, 15, 30, 123_456_000);
    private static final LocalDateTime CREATED_2 = LocalDateTime.of(2026, 11, 21, 10, 16, 0, 1_000);
    private static final LocalDateTime CREATED_3 = LocalDateTime.of(2026, 11, 21, 10, 17, 45, 654_321_000);

    static final Listing ID_1 = new Listing(1, 1001L, "Şişli'de satılık 3+1 daire", "Emlak", "İstanbul",
            new BigDecimal("1234567.89"), "TRY", "ACTIVE", CREATED_1, CREATED_1);
    static final Listing ID_1_UPDATED = new Listing(1, 1001L, "Şişli'de satılık 3+1 daire (fiyat düştü)", "Emlak",
            "İstanbul", new BigDecimal("1199999.99"), "TRY", "SOLD", CREATED_1,
            LocalDateTime.of(2026, 11, 21, 10, 20, 0, 1_000));
    static final Listing ID_2 = new Listing(2, 1002L, "Kadıköy'de kiralık stüdyo", "Emlak", "İstanbul",
            new BigDecimal("0.05"), "TRY", "ACTIVE", CREATED_2, CREATED_2);
    static final Listing ID_3 = new Listing(3, 1003L, "Çankaya'da eşyalı 2+1 — ğüşıöç ĞÜŞİÖÇ 🏠", "Emlak", "Ankara",
            new BigDecimal("0.05"), "TRY", "ACTIVE", CREATED_3, CREATED_3);

    private static final SchemalessSchemas NOT_NEEDED = (table, topic) -> {
        throw new AssertionError("this capture carries its schema");
    };

    /**
     * Each capture with what a deployment would need for it: schema'd messages need nothing,
     * messages without one a target table whose column types say how the values arrive.
     */
    enum Variant {
        SCHEMAS_PRECISE("schemas-precise", NOT_NEEDED),
        SCHEMAS_STRING("schemas-string", NOT_NEEDED),
        SCHEMAS_DOUBLE("schemas-double", NOT_NEEDED),
        SCHEMAS_CONNECT_TIME("schemas-connect-time", NOT_NEEDED),
        NOSCHEMAS_PRECISE("noschemas-precise", ListingEvents.LISTINGS_TABLE),
        NOSCHEMAS_STRING("noschemas-string", ListingEvents.LISTINGS_TABLE_DECIMAL_TEXT),
        FLATTENED_SCHEMAS("flattened-schemas", NOT_NEEDED),
        FLATTENED_NOSCHEMAS("flattened-noschemas", ListingEvents.LISTINGS_TABLE);

        final String dir;
        final SchemalessSchemas settings;

        Variant(String dir, SchemalessSchemas settings) {
            this.dir = dir;
            this.settings = settings;
        }

        boolean flattened() {
            return dir.startsWith("flattened");
        }

        /** connect mode keeps DATETIME to the millisecond only. */
        Listing captured(Listing listing) {
            if (listing == null || this != SCHEMAS_CONNECT_TIME) {
                return listing;
            }
            return new Listing(listing.id(), listing.sellerId(), listing.title(), listing.category(), listing.city(),
                    listing.price(), listing.currency(), listing.status(), listing.createdAt().truncatedTo(ChronoUnit.MILLIS),
                    listing.updatedAt().truncatedTo(ChronoUnit.MILLIS));
        }

        List<String> ops() {
            // ExtractNewRecordState drops truncates, and rewrite mode drops tombstones.
            return flattened() ? List.of("r", "c", "u", "d") : List.of("r", "c", "u", "d", "t", "tombstone");
        }

        ParseResult parse(String op) {
            Fixture fixture = Fixture.load(DIR + dir + "/" + op + ".json");
            return new ChangeEventParser(settings).parse(AT, fixture.key(), fixture.value());
        }

        RowChange change(String op) {
            ParseResult result = parse(op);
            assertThat(result).as(dir + "/" + op).isInstanceOf(ParseResult.Change.class);
            return ((ParseResult.Change) result).change();
        }
    }

    static Stream<Arguments> variantsAndOps() {
        return Arrays.stream(Variant.values()).flatMap(v -> v.ops().stream().map(op -> Arguments.of(v, op)));
    }

    /** What a change says about the listing, whatever schema instance decoded it. */
    private record Seen(TableId table, Op op, RowKey key, Listing before, Listing after, SourcePosition position,
            Instant sourceTimestamp, KafkaCoordinates coordinates) {

        static Seen of(RowChange change) {
            return new Seen(change.table(), change.op(), change.key(),
                    change.before() == null ? null : Listings.listing(change.schema(), change.before()),
                    change.after() == null ? null : Listings.listing(change.schema(), change.after()), change.position(),
                    change.sourceTimestamp(), change.coordinates());
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("variantsAndOps")
    void parsesToTheExactChange(Variant variant, String op) {
        if (op.equals("tombstone")) {
            assertThat(variant.parse(op)).isEqualTo(new ParseResult.Tombstone(AT));
            return;
        }
        Fixture fixture = Fixture.load(DIR + variant.dir + "/" + op + ".json");
        Seen expected = switch (op) {
            case "r" -> change(Op.READ, 1L, null, ID_1, fixture, variant);
            case "c" -> change(Op.CREATE, 3L, null, ID_3, fixture, variant);
            // a flattened update carries the row after only
            case "u" -> change(Op.UPDATE, 1L, variant.flattened() ? null : ID_1, ID_1_UPDATED, fixture, variant);
            case "d" -> change(Op.DELETE, 2L, ID_2, null, fixture, variant);
            case "t" -> change(Op.TRUNCATE, null, null, null, fixture, variant);
            default -> throw new AssertionError(op);
        };
        assertThat(Seen.of(variant.change(op))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("variantsAndOps")
    void compactBytesAsAConnectWorkerPublishesThemParseTheSame(Variant variant, String op) {
        Fixture fixture = Fixture.load(DIR + variant.dir + "/" + op + ".json");
        ChangeEventParser parser = new ChangeEventParser(variant.settings);
        ParseResult pretty = parser.parse(AT, fixture.key(), fixture.value());
        byte[] key = compact(fixture.key());
        byte[] value = compact(fixture.value());
        // twice: the first compiles the schema, the second finds it in the cache
        assertThat(seen(parser.parse(AT, key, value))).isEqualTo(seen(pretty));
        assertThat(seen(parser.parse(AT, key, value))).isEqualTo(seen(pretty));
    }

    private static Object seen(ParseResult result) {
        return result instanceof ParseResult.Change change ? Seen.of(change.change()) : result;
    }

    private static byte[] compact(byte[] json) {
        return json == null ? null : Fixture.JSON.writeValueAsBytes(Fixture.JSON.readTree(json));
    }

    /** The expected change, with the position and timestamp the capture recorded (they differ per run). */
    private static Seen change(Op op, Long id, Listing before, Listing after, Fixture fixture, Variant variant) {
        JsonNode event = fixture.payload();
        JsonNode source = variant.flattened() ? event : event.get("source");
        String prefix = variant.flattened() ? "__source_" : "";
        assertThat(source.get(prefix + "file").stringValue()).isEqualTo("mysql-bin.000001");
        SourcePosition position = SourcePosition.binlog(1, source.get(prefix + "pos").longValue(), op == Op.READ);
        Instant timestamp = Instant.ofEpochMilli(source.get(prefix + "ts_ms").longValue());
        return new Seen(TableId.of("shop", "listings"), op, id == null ? null : new RowKey(id), variant.captured(before),
                variant.captured(after), position, timestamp, AT);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"r", "c", "u", "d"})
    void theSameChangeDecodesToEqualListingsInEveryVariant(String op) {
        Seen reference = Seen.of(Variant.SCHEMAS_PRECISE.change(op));
        for (Variant variant : Variant.values()) {
            Seen change = Seen.of(variant.change(op));
            assertThat(change.op()).as(variant.dir).isEqualTo(reference.op());
            assertThat(change.key()).as(variant.dir).isEqualTo(reference.key());
            assertThat(change.after()).as(variant.dir).isEqualTo(variant.captured(reference.after()));
            if (!(variant.flattened() && op.equals("u"))) {
                assertThat(change.before()).as(variant.dir).isEqualTo(variant.captured(reference.before()));
            }
        }
    }
}
