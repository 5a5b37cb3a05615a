package dev.cdcsink.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.cdcsink.generator.PhotoFaker.NewPhoto;

class PhotoFakerTest {

    private static List<NewPhoto> photos(long seed, int count) {
        PhotoFaker faker = new PhotoFaker(new SplittableRandom(seed));
        return IntStream.range(0, count).mapToObj(i -> faker.newPhoto(1000 + i, 1 + i % 3)).toList();
    }

    @Test
    void theSameSeedGivesTheSamePhotosInTheSameOrder() {
        // records with a byte[] compare it by identity; compare field by field instead
        assertThat(photos(42, 200)).usingRecursiveFieldByFieldElementComparator().isEqualTo(photos(42, 200));
        assertThat(photos(42, 50)).usingRecursiveFieldByFieldElementComparator().isNotEqualTo(photos(43, 50));
    }

    @Test
    void photosFitTheirColumnsAndSomeHaveNoCaption() {
        List<NewPhoto> photos = photos(7, 1000);

        assertThat(photos).allSatisfy(photo -> {
            assertThat(photo.url()).matches("https://cdn\\.ornek\\.com\\.tr/ilan/\\d+/\\d+\\.jpg").hasSizeLessThanOrEqualTo(500);
            assertThat(photo.caption()).satisfiesAnyOf(caption -> assertThat(caption).isNull(),
                    caption -> assertThat(caption).isNotBlank().hasSizeLessThanOrEqualTo(200));
            assertThat(photo.width()).isPositive();
            assertThat(photo.height()).isPositive();
            assertThat(photo.sha256()).hasSize(32);
        });
        assertThat(photos.get(0).url()).isEqualTo("https://cdn.ornek.com.tr/ilan/1000/1.jpg");
        assertThat(photos).anyMatch(photo -> photo.caption() == null)
                .anyMatch(photo -> photo.caption() != null && !photo.caption().chars().allMatch(c -> c < 128))
                .anyMatch(photo -> photo.width() > photo.height())
                .anyMatch(photo -> photo.width() < photo.height());
    }

    @Test
    void aNewListingComesWithNoneToFourPhotos() {
        PhotoFaker faker = new PhotoFaker(new SplittableRandom(3));
        List<Integer> counts = IntStream.range(0, 1000).mapToObj(i -> faker.photosOfNewListing()).toList();

        assertThat(counts).containsOnly(0, 1, 2, 3, 4).contains(0, 1, 4);
        assertThat(counts.stream().filter(n -> n == 0).count()).isBetween(250L, 420L);
    }
}
