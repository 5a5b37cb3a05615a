package dev.cdcsink.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cdcsink.event.EventProperties.BigintUnsignedHandlingMode;
import dev.cdcsink.event.EventProperties.BinaryHandlingMode;
import dev.cdcsink.event.EventProperties.DecimalHandlingMode;
import dev.cdcsink.event.EventProperties.TimePrecisionMode;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Binding of {@code cdc-sink.events.*}: defaults, relaxed names, validation, and the parser bean. */
class EventPropertiesTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(EventConfiguration.class)
            .withBean(SchemalessSchemas.class, () -> (table, topic) -> {
                throw new IllegalStateException("not asked in this test");
            });

    @Test
    void defaultsMirrorDebeziumsDefaults() {
        context.run(ctx -> {
            assertThat(ctx).hasNotFailed().hasSingleBean(ChangeEventParser.class);
            assertThat(ctx.getBean(EventProperties.class)).isEqualTo(
                    new EventProperties(DecimalHandlingMode.PRECISE, TimePrecisionMode.ADAPTIVE_TIME_MICROSECONDS,
                            BigintUnsignedHandlingMode.LONG, BinaryHandlingMode.BYTES,
                            UnavailableValues.PLACEHOLDER));
        });
    }

    @Test
    void bindsEverySetting() {
        context.withPropertyValues("cdc-sink.events.decimal-handling-mode=string",
                        "cdc-sink.events.time-precision-mode=connect", "cdc-sink.events.bigint-unsigned-handling-mode=precise",
                        "cdc-sink.events.binary-handling-mode=base64-url-safe",
                        "cdc-sink.events.unavailable-value-placeholder=⟨unchanged⟩")
                .run(ctx -> assertThat(ctx.getBean(EventProperties.class))
                        .isEqualTo(new EventProperties(DecimalHandlingMode.STRING, TimePrecisionMode.CONNECT,
                                BigintUnsignedHandlingMode.PRECISE, BinaryHandlingMode.BASE64_URL_SAFE, "⟨unchanged⟩")));
    }

    @Test
    void rejectsAnEmptyPlaceholder() {
        context.withPropertyValues("cdc-sink.events.unavailable-value-placeholder=")
                .run(ctx -> assertThat(ctx).hasFailed());
    }

    @Test
    void rejectsAnUnknownMode() {
        context.withPropertyValues("cdc-sink.events.decimal-handling-mode=exact")
                .run(ctx -> assertThat(ctx).hasFailed());
    }
}
