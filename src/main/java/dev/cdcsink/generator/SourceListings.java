package dev.cdcsink.generator;

import java.sql.PreparedStatement;
import java.time.LocalDateTime;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

import dev.cdcsink.generator.ListingFaker.ActiveListing;
import dev.cdcsink.generator.ListingFaker.NewListing;
import dev.cdcsink.generator.ListingFaker.Revision;

/** The generator's reads and writes of the source {@code listings} table. */
class SourceListings {

    /** The smallest and largest key in the table, to draw existing rows from. */
    public record KeyRange(long min, long max) {
    }

    /** A listing and its category, which decides what its details look like. */
    public record ListingCategory(long id, String category) {
    }

    private static final String INSERT = "INSERT INTO listings (seller_id, title, category, city, price, currency,"
            + " status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'ACTIVE', ?, ?)";

    private final JdbcTemplate jdbc;

    public SourceListings(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the listing; returns its id, which the database assigns. */
    public long insert(NewListing listing, LocalDateTime now) {
        KeyHolder id = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            // by name: PostgreSQL's driver would return every column of the row for RETURN_GENERATED_KEYS
            PreparedStatement insert = connection.prepareStatement(INSERT, new String[] { "id" });
            Object[] values = { listing.sellerId(), listing.title(), listing.category(), listing.city(),
                    listing.price(), listing.currency(), now, now };
            for (int i = 0; i < values.length; i++) {
                insert.setObject(i + 1, values[i]);
            }
            return insert;
        }, id);
        // Connector/J reports the generated BIGINT as a BigInteger, PostgreSQL's driver as a Long
        return id.getKey().longValue();
    }

    public Optional<KeyRange> keyRange() {
        return jdbc.query("SELECT MIN(id), MAX(id) FROM listings", rs -> {
            rs.next();
            long min = rs.getLong(1);
            return rs.wasNull() ? Optional.<KeyRange>empty() : Optional.of(new KeyRange(min, rs.getLong(2)));
        });
    }

    /** The active listing nearest {@code pivot} (see {@link NearPivot}). */
    public Optional<ActiveListing> activeListingNear(long pivot) {
        return jdbc.query(NearPivot.query("id, title, price", "listings", "status = 'ACTIVE'", "id", ""),
                (rs, n) -> new ActiveListing(rs.getLong("id"), rs.getString("title"), rs.getBigDecimal("price")),
                pivot, pivot).stream().findFirst();
    }

    /** The listing nearest {@code pivot}, whatever its status. */
    public Optional<ListingCategory> listingNear(long pivot) {
        return jdbc.query(NearPivot.query("id, category", "listings", "TRUE", "id", ""),
                (rs, n) -> new ListingCategory(rs.getLong("id"), rs.getString("category")), pivot, pivot)
                .stream().findFirst();
    }

    /** The listing nearest {@code pivot} that has no details row yet. */
    public Optional<ListingCategory> listingWithoutDetailsNear(long pivot) {
        return jdbc.query(NearPivot.query("l.id, l.category", "listings l", "NOT EXISTS (SELECT 1 FROM listing_details d"
                + " WHERE d.listing_id = l.id)", "l.id", ""),
                (rs, n) -> new ListingCategory(rs.getLong("id"), rs.getString("category")), pivot, pivot)
                .stream().findFirst();
    }

    public void update(long id, Revision revision, LocalDateTime now) {
        jdbc.update("UPDATE listings SET title = ?, price = ?, status = ?, updated_at = ? WHERE id = ?",
                revision.title(), revision.price(), revision.status(), now, id);
    }

    public void delete(long id) {
        jdbc.update("DELETE FROM listings WHERE id = ?", id);
    }
}
