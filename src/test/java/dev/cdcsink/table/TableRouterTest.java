package dev.cdcsink.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.cdcsink.change.TableId;
import dev.cdcsink.dialect.mysql.MySqlDialect;
import dev.cdcsink.table.TableRoute.Excluded;
import dev.cdcsink.table.TableRoute.Refused;
import dev.cdcsink.table.TableRoute.Target;

class TableRouterTest {

    private static final TableId LISTINGS = TableId.of("shop", "listings");
    private static final TableId PHOTOS = TableId.of("shop", "listing_photos");
    private static final String TOPIC = "cdc.shop.listings";

    private static TableRouter router(String format, Map<String, String> overrides, List<String> include,
            List<String> exclude) {
        return new TableRouter(new TableProperties(format, overrides, include, exclude, true, SchemaEvolution.ADD_COLUMNS), new MySqlDialect(() -> true));
    }

    private static TableRouter router(String format) {
        return router(format, Map.of(), List.of(), List.of());
    }

    @ParameterizedTest
    @CsvSource({
            "'${source.table}', listings",
            "'${source.db}_${source.table}', shop_listings",
            "'${topic}', cdc_shop_listings",
            "'copy_of_${source.table}', copy_of_listings" })
    void theNameFormatNamesTheTargetTable(String format, String target) {
        assertThat(router(format).route(LISTINGS, TOPIC)).isEqualTo(new Target(target));
    }

    @Test
    void theSchemaOfASourceWithSchemasTakesPartInTheName() {
        TableId table = new TableId("inventory", "public", "listings");
        assertThat(router("${source.db}_${source.schema}_${source.table}").route(table, "cdc.public.listings"))
                .isEqualTo(new Target("inventory_public_listings"));
    }

    @Test
    void anOverrideWinsOverTheFormatForItsTableOnly() {
        TableRouter router = router("${source.db}_${source.table}", Map.of("shop.listing_photos", "photos"), List.of(),
                List.of());
        assertThat(router.route(PHOTOS, "cdc.shop.listing_photos")).isEqualTo(new Target("photos"));
        assertThat(router.route(LISTINGS, TOPIC)).isEqualTo(new Target("shop_listings"));
    }

    @Test
    void onlyIncludedTablesAreCopiedAndExcludedOnesNever() {
        TableRouter router = router("${source.table}", Map.of(), List.of("shop\\.listing.*"), List.of(".*_photos"));
        assertThat(router.route(LISTINGS, TOPIC)).isEqualTo(new Target("listings"));
        assertThat(router.route(PHOTOS, TOPIC)).isEqualTo(new Excluded("shop.listing_photos is in cdc-sink.tables.exclude"));
        assertThat(router.route(TableId.of("billing", "invoices"), TOPIC))
                .isEqualTo(new Excluded("billing.invoices is not in cdc-sink.tables.include"));
    }

    @Test
    void patternsMatchTheWholeName() {
        TableRouter router = router("${source.table}", Map.of(), List.of(), List.of("listings"));
        assertThat(router.route(LISTINGS, TOPIC)).isInstanceOf(Target.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "_cdc_listings  | it starts with the sink's reserved prefix _cdc_",
            "sink_offset    | it is one of the sink's own tables",
            "SINK_TRUNCATE  | it is one of the sink's own tables",
            "flyway_schema_history | it is one of the sink's own tables",
            "listing-archive | it contains '-' (allowed: letters, digits, _ and $)",
            "123            | it is only digits",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa | it is longer than 64 characters" })
    void aTargetNameThatIsNotAnAcceptableIdentifierIsRefusedWithTheSettingThatFixesIt(String table, String problem) {
        TableRoute route = router("${source.table}").route(TableId.of("shop", table), TOPIC);
        assertThat(route).isInstanceOf(Refused.class);
        assertThat(((Refused) route).why()).contains("shop." + table).contains(problem)
                .contains("cdc-sink.tables.overrides[shop." + table + "]");
    }

    @Test
    void anOverrideMakesARefusedTableCopyable() {
        TableRouter router = router("${source.table}", Map.of("shop.listing-archive", "listing_archive"), List.of(),
                List.of());
        assertThat(router.route(TableId.of("shop", "listing-archive"), TOPIC)).isEqualTo(new Target("listing_archive"));
    }

    /** Routes of source tables whose topic is not known, as reconcile asks for them. */
    @Test
    void withoutATopicANameFormatOfTheTopicCannotNameTheTargetUnlessOverridden() {
        TableRouter byTopic = router("${topic}", Map.of("shop.photos", "photos_copy"), List.of(), List.of("shop\\.skipped"));

        assertThat(byTopic.route(TableId.of("shop", "listings"), "cdc.shop.listings"))
                .isEqualTo(new Target("cdc_shop_listings"));
        assertThat(byTopic.route(TableId.of("shop", "listings"), null)).isInstanceOfSatisfying(Refused.class,
                refused -> assertThat(refused.why()).contains("${topic}", "cdc-sink.consumer.topics",
                        "cdc-sink.tables.overrides[shop.listings]"));
        assertThat(byTopic.route(TableId.of("shop", "photos"), null)).isEqualTo(new Target("photos_copy"));
        assertThat(byTopic.route(TableId.of("shop", "skipped"), null)).isInstanceOf(Excluded.class);
    }

    @Test
    void aNameFormatWithoutTheTopicNeedsNone() {
        assertThat(router("${source.db}_${source.table}").route(TableId.of("shop", "listings"), null))
                .isEqualTo(new Target("shop_listings"));
    }
}
