package dev.cdcsink.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.cdcsink.change.TableId;
import dev.cdcsink.support.SinkHarness;

/** Routes of source tables whose topic is not known, as reconcile asks for them. */
class TableRouterTest {

    private static TableRouter router(String nameFormat, Map<String, String> overrides) {
        return new TableRouter(new TableProperties(nameFormat, overrides, List.of(), List.of("shop\\.skipped"), true),
                SinkHarness.DIALECT);
    }

    @Test
    void withoutATopicANameFormatOfTheTopicCannotNameTheTargetUnlessOverridden() {
        TableRouter byTopic = router("${topic}", Map.of("shop.photos", "photos_copy"));

        assertThat(byTopic.route(TableId.of("shop", "listings"), "cdc.shop.listings"))
                .isEqualTo(new TableRoute.Target("cdc_shop_listings"));
        assertThat(byTopic.route(TableId.of("shop", "listings"), null)).isInstanceOfSatisfying(TableRoute.Refused.class,
                refused -> assertThat(refused.why()).contains("${topic}", "cdc-sink.consumer.topics",
                        "cdc-sink.tables.overrides[shop.listings]"));
        assertThat(byTopic.route(TableId.of("shop", "photos"), null)).isEqualTo(new TableRoute.Target("photos_copy"));
        assertThat(byTopic.route(TableId.of("shop", "skipped"), null)).isInstanceOf(TableRoute.Excluded.class);
    }

    @Test
    void aNameFormatWithoutTheTopicNeedsNone() {
        assertThat(router("${source.db}_${source.table}", Map.of()).route(TableId.of("shop", "listings"), null))
                .isEqualTo(new TableRoute.Target("shop_listings"));
    }
}
