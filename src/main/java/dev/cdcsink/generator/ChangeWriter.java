package dev.cdcsink.generator;

import static dev.cdcsink.generator.GeneratorOp.DELETE;
import static dev.cdcsink.generator.GeneratorOp.INSERT;
import static dev.cdcsink.generator.GeneratorOp.UPDATE;
import static dev.cdcsink.generator.GeneratorTable.DETAILS;
import static dev.cdcsink.generator.GeneratorTable.LISTINGS;
import static dev.cdcsink.generator.GeneratorTable.PHOTOS;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.cdcsink.generator.ListingFaker.NewListing;
import dev.cdcsink.generator.SourceListings.KeyRange;
import dev.cdcsink.generator.SourceListings.ListingCategory;
import dev.cdcsink.generator.SourcePhotos.PhotoKey;

/**
 * Writes the generator's changes into the source: each change is an insert, update or delete
 * drawn from the op mix, aimed at a listing, one of its photos or its details row. A new listing
 * mostly comes with its first photos and often with its details; a deleted listing takes its
 * photos and details along (the source has no foreign keys, so the generator keeps them
 * consistent itself). A change that finds nothing to update or delete inserts a listing instead.
 * Every choice comes from one seeded random sequence: the same seed on the same source state
 * writes the same rows. Not thread-safe: the generator calls it from its one scheduler thread.
 */
public class ChangeWriter {

    /** Rows one change wrote to a table. */
    public record Written(GeneratorTable table, GeneratorOp op, int rows) {
    }

    private final TransactionTemplate transaction;
    private final SourceListings listings;
    private final SourcePhotos photos;
    private final SourceDetails details;
    private final ListingFaker listingFaker;
    private final PhotoFaker photoFaker;
    private final DetailsFaker detailsFaker;
    private final SplittableRandom random;

    /**
     * Writes through {@code source} (the source pool: its own transactions, not the application's
     * target), in the SQL of its product.
     */
    public ChangeWriter(DataSource source, SourceSql sql, long seed) {
        JdbcTemplate jdbc = new JdbcTemplate(source);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(source));
        this.listings = new SourceListings(jdbc);
        this.photos = new SourcePhotos(jdbc);
        this.details = new SourceDetails(jdbc, sql);
        this.listingFaker = new ListingFaker(seed);
        this.random = listingFaker.random();
        this.photoFaker = new PhotoFaker(random);
        this.detailsFaker = new DetailsFaker(random);
    }

    /**
     * Writes {@code changes} changes drawn from {@code mix} in one source transaction, so they
     * commit (and reach the binlog) together; returns the rows written, once committed.
     */
    public List<Written> write(OpMix mix, long changes, Clock clock) {
        return transaction.execute(status -> {
            List<Written> written = new ArrayList<>();
            Optional<KeyRange> keys = listings.keyRange();
            for (long i = 0; i < changes; i++) {
                written.addAll(change(mix.pick(random), keys, LocalDateTime.now(clock).truncatedTo(ChronoUnit.MICROS)));
            }
            return written;
        });
    }

    /** Performs {@code op} on a table drawn for it, or inserts a listing when there is nothing to change. */
    private List<Written> change(GeneratorOp op, Optional<KeyRange> keys, LocalDateTime now) {
        if (keys.isEmpty()) {
            return insertListing(now);
        }
        long pivot = listingFaker.pivot(keys.get().min(), keys.get().max());
        // which table: inserts 80 % a new listing, 12 % a photo, 8 % details; updates 50 % a listing,
        // 25 % details, 25 % a photo; deletes 70 % a listing (with its photos and details), 25 % a photo, 5 % details
        int table = random.nextInt(100);
        Optional<List<Written>> done = switch (op) {
            case INSERT -> table < 80 ? Optional.of(insertListing(now)) : table < 92 ? addPhoto(pivot, now)
                    : addDetails(pivot, now);
            case UPDATE -> table < 50 ? reviseListing(pivot, now) : table < 75 ? reviseDetails(pivot, now)
                    : revisePhoto(pivot, now);
            case DELETE -> table < 70 ? deleteListing(pivot) : table < 95 ? deletePhoto(pivot) : deleteDetails(pivot);
        };
        return done.orElseGet(() -> insertListing(now));
    }

    private List<Written> insertListing(LocalDateTime now) {
        NewListing listing = listingFaker.newListing();
        long id = listings.insert(listing, now);
        List<Written> written = new ArrayList<>(List.of(new Written(LISTINGS, INSERT, 1)));
        int photoCount = photoFaker.photosOfNewListing();
        for (int photoNo = 1; photoNo <= photoCount; photoNo++) {
            photos.insert(id, photoNo, photoFaker.newPhoto(id, photoNo), now);
        }
        if (photoCount > 0) {
            written.add(new Written(PHOTOS, INSERT, photoCount));
        }
        if (detailsFaker.describesNewListing()) {
            details.insert(id, detailsFaker.newDetails(listing.category()), now);
            written.add(new Written(DETAILS, INSERT, 1));
        }
        return written;
    }

    private Optional<List<Written>> addPhoto(long pivot, LocalDateTime now) {
        return listings.listingNear(pivot).map(listing -> {
            int photoNo = photos.nextPhotoNo(listing.id());
            photos.insert(listing.id(), photoNo, photoFaker.newPhoto(listing.id(), photoNo), now);
            return List.of(new Written(PHOTOS, INSERT, 1));
        });
    }

    private Optional<List<Written>> addDetails(long pivot, LocalDateTime now) {
        return listings.listingWithoutDetailsNear(pivot).map(listing -> {
            details.insert(listing.id(), detailsFaker.newDetails(listing.category()), now);
            return List.of(new Written(DETAILS, INSERT, 1));
        });
    }

    private Optional<List<Written>> reviseListing(long pivot, LocalDateTime now) {
        return listings.activeListingNear(pivot).map(listing -> {
            listings.update(listing.id(), listingFaker.revise(listing), now);
            return List.of(new Written(LISTINGS, UPDATE, 1));
        });
    }

    private Optional<List<Written>> reviseDetails(long pivot, LocalDateTime now) {
        return details.detailsNear(pivot).map(listing -> {
            details.update(listing.id(), detailsFaker.revise(listing.category()), now);
            return List.of(new Written(DETAILS, UPDATE, 1));
        });
    }

    private Optional<List<Written>> revisePhoto(long pivot, LocalDateTime now) {
        return photos.photoNear(pivot).map(photo -> {
            photos.update(photo, photoFaker.revise(), now);
            return List.of(new Written(PHOTOS, UPDATE, 1));
        });
    }

    /** The listing with its photos and details, in this change's transaction: no orphans are left. */
    private Optional<List<Written>> deleteListing(long pivot) {
        return listings.listingNear(pivot).map(ListingCategory::id).map(id -> {
            List<Written> written = new ArrayList<>();
            int photoCount = photos.deleteOf(id);
            if (photoCount > 0) {
                written.add(new Written(PHOTOS, DELETE, photoCount));
            }
            if (details.deleteOf(id) > 0) {
                written.add(new Written(DETAILS, DELETE, 1));
            }
            listings.delete(id);
            written.add(new Written(LISTINGS, DELETE, 1));
            return written;
        });
    }

    private Optional<List<Written>> deletePhoto(long pivot) {
        return photos.photoNear(pivot).map(photo -> {
            photos.delete(photo);
            return List.of(new Written(PHOTOS, DELETE, 1));
        });
    }

    private Optional<List<Written>> deleteDetails(long pivot) {
        return details.detailsNear(pivot).map(listing -> {
            details.deleteOf(listing.id());
            return List.of(new Written(DETAILS, DELETE, 1));
        });
    }
}
