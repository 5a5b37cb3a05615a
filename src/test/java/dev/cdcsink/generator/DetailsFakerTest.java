package dev.cdcsink.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.cdcsink.generator.DetailsFaker.NewDetails;
import dev.cdcsink.generator.DetailsFaker.Revision;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DetailsFakerTest {

    private static final List<String> CATEGORIES = List.of("Emlak", "Vasıta", "Hayvanlar Âlemi");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static List<NewDetails> details(long seed, int count) {
        DetailsFaker faker = new DetailsFaker(new SplittableRandom(seed));
        return IntStream.range(0, count).mapToObj(i -> faker.newDetails(CATEGORIES.get(i % CATEGORIES.size()))).toList();
    }

    @Test
    void theSameSeedGivesTheSameDetailsInTheSameOrder() {
        // records with a byte[] compare it by identity; compare field by field instead
        assertThat(details(42, 300)).usingRecursiveFieldByFieldElementComparator().isEqualTo(details(42, 300));
        assertThat(details(42, 50)).usingRecursiveFieldByFieldElementComparator().isNotEqualTo(details(43, 50));
    }

    @Test
    void everyValueLiesWithinItsColumnsRange() {
        assertThat(details(7, 3000)).allSatisfy(d -> {
            assertThat(DetailsFaker.CONDITIONS).contains(d.itemCondition());
            assertThat(d.features()).satisfiesAnyOf(f -> assertThat(f).isEmpty(), f -> assertThat(
                    Arrays.asList(f.split(","))).isSubsetOf(DetailsFaker.FEATURES).isSortedAccordingTo(
                            (a, b) -> DetailsFaker.FEATURES.indexOf(a) - DetailsFaker.FEATURES.indexOf(b)));
            if (d.areaM2() != null) {
                assertThat(d.areaM2().scale()).isEqualTo(2);
                assertThat(d.areaM2()).isBetween(new BigDecimal("35.00"), new BigDecimal("450.00"));
            }
            if (d.rooms() != null) {
                assertThat(d.rooms()).isBetween(1, 8);
            }
            if (d.buildYear() != null) {
                // YEAR holds 1901–2155
                assertThat(d.buildYear()).isBetween(1950, DetailsFaker.NEWEST_YEAR);
            }
            assertThat(d.flags()).isBetween(0, 255);
            if (d.visitingFrom() != null) {
                assertThat(d.visitingFrom()).isBetween(LocalTime.of(9, 0), LocalTime.of(18, 30));
                assertThat(d.visitingFrom().getMinute() % 30).isZero();
            }
            if (d.thumbnail() != null) {
                String hex = HexFormat.of().formatHex(d.thumbnail());
                assertThat(hex).startsWith("ffd8ffe0").endsWith("ffd9");
                assertThat(d.thumbnail().length).isBetween(14, 46);
            }
            if (d.location() != null) {
                assertThat(d.location().longitude()).isBetween(26.0, 45.0);
                assertThat(d.location().latitude()).isBetween(36.0, 42.0);
                assertThat(d.location().wkt()).matches("POINT\\(\\d{2}\\.\\d{4} \\d{2}\\.\\d{4}\\)");
            }
            if (d.attributes() != null) {
                assertThat(JSON.readTree(d.attributes()).isObject()).isTrue();
            }
        });
    }

    @Test
    void theWideTypesGetVariedValuesAndNullsWhereTheColumnAllowsThem() {
        List<NewDetails> details = details(11, 3000);

        assertThat(details).extracting(NewDetails::itemCondition).containsAll(DetailsFaker.CONDITIONS);
        assertThat(details).extracting(NewDetails::features).contains("")
                .anyMatch(f -> f.split(",").length >= 3);
        assertThat(details).extracting(NewDetails::featured).contains(true, false);
        assertThat(details).extracting(NewDetails::published).contains(true, false);
        assertThat(details.stream().map(NewDetails::flags).distinct().count()).isGreaterThan(200);
        assertThat(details).anyMatch(d -> d.attributes() == null).anyMatch(d -> d.thumbnail() == null)
                .anyMatch(d -> d.location() == null)
                .anyMatch(d -> d.thumbnail() != null && HexFormat.of().formatHex(d.thumbnail()).contains("00"));
        assertThat(details.stream().map(NewDetails::location).filter(Objects::nonNull).distinct().count())
                .isGreaterThan(2000);
    }

    @Test
    void attributesAndOptionalColumnsFollowTheCategory() {
        DetailsFaker faker = new DetailsFaker(new SplittableRandom(5));

        for (int i = 0; i < 200; i++) {
            NewDetails property = faker.newDetails("Emlak");
            NewDetails vehicle = faker.newDetails("Vasıta");
            NewDetails other = faker.newDetails("Hayvanlar Âlemi");
            assertThat(property.areaM2()).isNotNull();
            assertThat(property.rooms()).isNotNull();
            assertThat(property.visitingFrom()).isNotNull();
            assertThat(property.itemCondition()).isNotEqualTo("for_parts");
            assertThat(vehicle.buildYear()).isNotNull();
            assertThat(vehicle.itemCondition()).isNotEqualTo("new");
            assertThat(Arrays.asList(vehicle.areaM2(), vehicle.rooms(), other.areaM2(), other.rooms(),
                    other.buildYear(), other.visitingFrom())).containsOnlyNulls();
            assertThat(vehicle.features()).isEmpty();
            assertThat(other.features()).isEmpty();
            assertAttribute(property, "oda_sayısı");
            assertAttribute(vehicle, "kilometre");
            assertAttribute(other, "garanti");
        }
    }

    @Test
    void revisionsAddViewsAndRedrawTheAttributes() {
        DetailsFaker faker = new DetailsFaker(new SplittableRandom(9));
        List<Revision> revisions = IntStream.range(0, 500).mapToObj(i -> faker.revise("Emlak")).toList();

        assertThat(revisions).allSatisfy(r -> {
            assertThat(r.moreViews()).isBetween(1, 250);
            assertThat(r.flags()).isBetween(0, 255);
        });
        assertThat(revisions.stream().map(Revision::attributes).distinct().count()).isGreaterThan(400);
        assertThat(revisions.stream().map(Revision::features).distinct().count()).isGreaterThan(50);
    }

    private static void assertAttribute(NewDetails details, String key) {
        if (details.attributes() != null) {
            JsonNode attributes = JSON.readTree(details.attributes());
            assertThat(attributes.has(key)).as("%s in %s", key, details.attributes()).isTrue();
        }
    }
}
