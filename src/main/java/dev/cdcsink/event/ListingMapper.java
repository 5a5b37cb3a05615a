package dev.cdcsink.event;

import static dev.cdcsink.event.ParseFailure.Kind.INVALID_VALUE;
import static dev.cdcsink.event.ParseFailure.Kind.MISSING_FIELD;

import dev.cdcsink.event.decode.DecodeException;
import dev.cdcsink.event.decode.DecodedRow;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Maps a decoded change of the source {@code listings} table to a {@link ListingChange}, checking
 * every value against the column it belongs to, and the key against the rows.
 */
final class ListingMapper {

    static final Column<Long> ID = Column.notNull("id", SqlType.bigint());
    static final Column<Long> SELLER_ID = Column.notNull("seller_id", SqlType.bigint());
    static final Column<String> TITLE = Column.notNull("title", SqlType.varchar(200));
    static final Column<String> CATEGORY = Column.notNull("category", SqlType.varchar(64));
    static final Column<String> CITY = Column.notNull("city", SqlType.varchar(64));
    static final Column<BigDecimal> PRICE = Column.notNull("price", SqlType.decimal(12, 2));
    static final Column<String> CURRENCY = Column.notNull("currency", SqlType.fixedChar(3));
    static final Column<String> STATUS = Column.notNull("status", SqlType.varchar(16));
    static final Column<LocalDateTime> CREATED_AT = Column.notNull("created_at", SqlType.datetime(6));
    static final Column<LocalDateTime> UPDATED_AT = Column.notNull("updated_at", SqlType.datetime(6));

    /** The source table as its DDL declares it (every column NOT NULL). */
    static final Table TABLE = new Table("listings",
            List.of(ID, SELLER_ID, TITLE, CATEGORY, CITY, PRICE, CURRENCY, STATUS, CREATED_AT, UPDATED_AT));

    private ListingMapper() {
    }

    static ListingChange toChange(DecodedChange change, KafkaCoordinates coordinates) {
        Listing before = listing(change.before(), "before");
        Listing after = listing(change.after(), "after");
        Long id = change.op() == Op.TRUNCATE ? null : id(change.key(), before, after);
        return new ListingChange(change.op(), id, before, after, change.position(), change.sourceTimestamp(), coordinates);
    }

    private static Listing listing(DecodedRow row, String path) {
        if (row == null) {
            return null;
        }
        return new Listing(
                ID.read(row, path),
                SELLER_ID.read(row, path),
                TITLE.read(row, path),
                CATEGORY.read(row, path),
                CITY.read(row, path),
                PRICE.read(row, path),
                CURRENCY.read(row, path),
                STATUS.read(row, path),
                CREATED_AT.read(row, path),
                UPDATED_AT.read(row, path));
    }

    /** The key's id, which every row of the change must agree with; without a key, the row's own id. */
    private static long id(DecodedRow key, Listing before, Listing after) {
        if (key == null) {
            if (after != null) {
                return after.id();
            }
            if (before != null) {
                return before.id();
            }
            throw new DecodeException(MISSING_FIELD, "key: a delete needs the key, but the record has no key and no before row");
        }
        long id = ID.read(key, "key");
        requireSameId(id, before, "before");
        requireSameId(id, after, "after");
        return id;
    }

    private static void requireSameId(long keyId, Listing row, String path) {
        if (row != null && row.id() != keyId) {
            throw new DecodeException(INVALID_VALUE, path + ".id: " + row.id() + " disagrees with the record key's id " + keyId);
        }
    }
}
