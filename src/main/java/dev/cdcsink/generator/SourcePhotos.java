package dev.cdcsink.generator;

import java.time.LocalDateTime;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.cdcsink.generator.PhotoFaker.NewPhoto;
import dev.cdcsink.generator.PhotoFaker.Revision;

/** The generator's reads and writes of the source {@code listing_photos} table (key: listing_id, photo_no). */
class SourcePhotos {

    /** A photo's primary key. */
    public record PhotoKey(long listingId, int photoNo) {
    }

    private final JdbcTemplate jdbc;

    public SourcePhotos(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(long listingId, int photoNo, NewPhoto photo, LocalDateTime now) {
        jdbc.update("INSERT INTO listing_photos (listing_id, photo_no, url, caption, width, height, sha256, uploaded_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", listingId, photoNo, photo.url(), photo.caption(), photo.width(),
                photo.height(), photo.sha256(), now);
    }

    /** The number after the listing's highest photo number (1 for its first photo). */
    public int nextPhotoNo(long listingId) {
        return jdbc.queryForObject("SELECT COALESCE(MAX(photo_no), 0) + 1 FROM listing_photos WHERE listing_id = ?",
                Integer.class, listingId);
    }

    /** The photo nearest {@code pivot} by listing id (see {@link NearPivot}). */
    public Optional<PhotoKey> photoNear(long pivot) {
        return jdbc.query(NearPivot.query("listing_id, photo_no", "listing_photos", "TRUE", "listing_id", "photo_no"),
                (rs, n) -> new PhotoKey(rs.getLong("listing_id"), rs.getInt("photo_no")), pivot, pivot)
                .stream().findFirst();
    }

    public void update(PhotoKey key, Revision revision, LocalDateTime now) {
        jdbc.update("UPDATE listing_photos SET caption = ?, width = ?, height = ?, sha256 = ?, uploaded_at = ?"
                + " WHERE listing_id = ? AND photo_no = ?", revision.caption(), revision.width(), revision.height(),
                revision.sha256(), now, key.listingId(), key.photoNo());
    }

    public void delete(PhotoKey key) {
        jdbc.update("DELETE FROM listing_photos WHERE listing_id = ? AND photo_no = ?", key.listingId(), key.photoNo());
    }

    /** Deletes every photo of the listing; returns how many there were. */
    public int deleteOf(long listingId) {
        return jdbc.update("DELETE FROM listing_photos WHERE listing_id = ?", listingId);
    }
}
