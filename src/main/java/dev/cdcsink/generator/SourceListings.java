package dev.cdcsink.generator;

import java.time.LocalDateTime;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.cdcsink.generator.ListingFaker.ActiveListing;
import dev.cdcsink.generator.ListingFaker.NewListing;
import dev.cdcsink.generator.ListingFaker.Revision;

/**
 * The generator's writes to the source {@code listings} table, through the source pool. It has
 * its own JdbcTemplate and transaction manager: the application's are the target's.
 */
public class SourceListings {

    /** The smallest and largest key in the table, to draw existing rows from. */
    public record KeyRange(long min, long max) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    public SourceListings(DataSource source) {
        this.jdbc = new JdbcTemplate(source);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(source));
    }

    /** Runs {@code work} in one source transaction: one tick's rows commit (and reach the binlog) together. */
    public void inTransaction(Runnable work) {
        transaction.executeWithoutResult(status -> work.run());
    }

    public void insert(NewListing listing, LocalDateTime now) {
        jdbc.update("INSERT INTO listings (seller_id, title, category, city, price, currency, status, created_at,"
                + " updated_at) VALUES (?, ?, ?, ?, ?, ?, 'ACTIVE', ?, ?)", listing.sellerId(), listing.title(),
                listing.category(), listing.city(), listing.price(), listing.currency(), now, now);
    }

    public Optional<KeyRange> keyRange() {
        return jdbc.query("SELECT MIN(id), MAX(id) FROM listings", rs -> {
            rs.next();
            long min = rs.getLong(1);
            return rs.wasNull() ? Optional.<KeyRange>empty() : Optional.of(new KeyRange(min, rs.getLong(2)));
        });
    }

    /** The first active listing at or after {@code pivot}, else the last one before it. */
    public Optional<ActiveListing> activeListingNear(long pivot) {
        return jdbc.query("(SELECT id, title, price FROM listings WHERE status = 'ACTIVE' AND id >= ? ORDER BY id LIMIT 1)"
                + " UNION ALL (SELECT id, title, price FROM listings WHERE status = 'ACTIVE' AND id < ?"
                + " ORDER BY id DESC LIMIT 1)", (rs, n) -> new ActiveListing(rs.getLong("id"), rs.getString("title"),
                        rs.getBigDecimal("price")), pivot, pivot).stream().findFirst();
    }

    /** The first listing at or after {@code pivot}, else the last one before it. */
    public Optional<Long> listingNear(long pivot) {
        return jdbc.queryForList("(SELECT id FROM listings WHERE id >= ? ORDER BY id LIMIT 1)"
                + " UNION ALL (SELECT id FROM listings WHERE id < ? ORDER BY id DESC LIMIT 1)", Long.class, pivot, pivot)
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
