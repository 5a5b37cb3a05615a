package dev.cdcsink.generator;

import java.time.LocalDateTime;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.cdcsink.generator.DetailsFaker.Location;
import dev.cdcsink.generator.DetailsFaker.NewDetails;
import dev.cdcsink.generator.DetailsFaker.Revision;
import dev.cdcsink.generator.SourceListings.ListingCategory;

/** The generator's reads and writes of the source {@code listing_details} table (key: listing_id). */
class SourceDetails {

    private final JdbcTemplate jdbc;
    private final SourceSql sql;

    public SourceDetails(JdbcTemplate jdbc, SourceSql sql) {
        this.jdbc = jdbc;
        this.sql = sql;
    }

    public void insert(long listingId, NewDetails details, LocalDateTime now) {
        Location location = details.location();
        jdbc.update("INSERT INTO listing_details (listing_id, attributes, item_condition, features, area_m2, rooms,"
                + " build_year, view_count, featured, flags, published_at, visiting_from, thumbnail, location, updated_at)"
                + " VALUES (?, " + sql.json() + ", " + sql.condition() + ", ?, ?, ?, ?, 0, ?, " + sql.bits()
                + ", ?, ?, ?, " + sql.point() + ", ?)",
                listingId, details.attributes(), details.itemCondition(), details.features(), details.areaM2(),
                details.rooms(), details.buildYear(), details.featured(), details.flags(),
                details.published() ? now : null, details.visitingFrom(), details.thumbnail(),
                location == null ? null : sql.pointText(location), now);
    }

    /** The details row nearest {@code pivot} (see {@link NearPivot}), with its listing's category. */
    public Optional<ListingCategory> detailsNear(long pivot) {
        return jdbc.query(NearPivot.query("d.listing_id, l.category", "listing_details d JOIN listings l"
                + " ON l.id = d.listing_id", "TRUE", "d.listing_id", ""),
                (rs, n) -> new ListingCategory(rs.getLong("listing_id"), rs.getString("category")), pivot, pivot)
                .stream().findFirst();
    }

    /** Applies the revision; a draft (no {@code published_at}) is published now. */
    public void update(long listingId, Revision revision, LocalDateTime now) {
        jdbc.update("UPDATE listing_details SET attributes = " + sql.json() + ", features = ?, featured = ?, flags = "
                + sql.bits() + ","
                + " view_count = view_count + ?, published_at = COALESCE(published_at, ?), updated_at = ?"
                + " WHERE listing_id = ?", revision.attributes(), revision.features(), revision.featured(),
                revision.flags(), revision.moreViews(), now, now, listingId);
    }

    /** Deletes the listing's details row; returns 1 if it had one, else 0. */
    public int deleteOf(long listingId) {
        return jdbc.update("DELETE FROM listing_details WHERE listing_id = ?", listingId);
    }
}
