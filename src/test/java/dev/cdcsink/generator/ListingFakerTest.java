package dev.cdcsink.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.cdcsink.generator.ListingFaker.ActiveListing;
import dev.cdcsink.generator.ListingFaker.NewListing;
import dev.cdcsink.generator.ListingFaker.Revision;

class ListingFakerTest {

    private static List<NewListing> listings(long seed, int count) {
        ListingFaker faker = new ListingFaker(seed);
        return IntStream.range(0, count).mapToObj(i -> faker.newListing()).toList();
    }

    @Test
    void theSameSeedGivesTheSameListingsInTheSameOrder() {
        assertThat(listings(42, 200)).isEqualTo(listings(42, 200));
    }

    @Test
    void differentSeedsGiveDifferentListings() {
        assertThat(listings(42, 50)).isNotEqualTo(listings(43, 50));
    }

    @Test
    void listingsAreTurkishClassifiedsWithTwoDecimalPricesInTryEurOrUsd() {
        List<NewListing> listings = listings(7, 2000);

        assertThat(listings).extracting(NewListing::city).contains("İstanbul", "İzmir", "Muğla", "Eskişehir");
        assertThat(listings).extracting(NewListing::category).contains("Emlak", "Vasıta", "Hayvanlar Âlemi");
        assertThat(listings).anyMatch(l -> l.title().contains("Şişli"))
                .anyMatch(l -> l.title().contains("Ölüdeniz"))
                .anyMatch(l -> l.title().contains("Kadıköy"))
                .anyMatch(l -> l.title().contains("Çankaya"));
        assertThat(listings).extracting(NewListing::currency).containsOnly("TRY", "EUR", "USD").contains("TRY", "EUR", "USD");
        assertThat(listings).allSatisfy(l -> {
            assertThat(l.price().scale()).isEqualTo(2);
            assertThat(l.price()).isPositive().isLessThan(new BigDecimal("10000000000"));
            assertThat(l.title()).hasSizeLessThanOrEqualTo(200 - " (fiyat düştü)".length());
            assertThat(l.category()).hasSizeLessThanOrEqualTo(64);
        });
        assertThat(listings).anyMatch(l -> l.price().remainder(BigDecimal.ONE).signum() != 0);
    }

    @Test
    void revisionsMostlyCutThePriceAndSometimesEndTheListingAsSoldOrExpired() {
        ListingFaker faker = new ListingFaker(11);
        ActiveListing listing = new ActiveListing(1, "Satılık 3+1 daire, Şişli", new BigDecimal("4500000.00"));
        List<Revision> revisions = IntStream.range(0, 1000).mapToObj(i -> faker.revise(listing)).toList();

        assertThat(revisions).extracting(Revision::status).containsOnly("ACTIVE", "SOLD", "EXPIRED");
        assertThat(revisions.stream().filter(r -> r.status().equals("ACTIVE")).count()).isBetween(600L, 800L);
        assertThat(revisions).filteredOn(r -> r.status().equals("ACTIVE")).allSatisfy(r -> {
            assertThat(r.price()).isLessThan(listing.price());
            assertThat(r.price().scale()).isEqualTo(2);
            assertThat(r.title()).isEqualTo("Satılık 3+1 daire, Şişli (fiyat düştü)");
        });
        assertThat(revisions).filteredOn(r -> !r.status().equals("ACTIVE"))
                .allSatisfy(r -> assertThat(r.price()).isEqualTo(listing.price()));
    }
}
