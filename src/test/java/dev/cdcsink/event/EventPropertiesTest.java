package dev.cdcsink.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cdcsink.event.EventProperties.DecimalHandlingMode;
import dev.cdcsink.event.EventProperties.TimePrecisionMode;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Binding of {@code cdc-sink.events.*}: defaults, relaxed names, validation, and the parser bean. */
class EventPropertiesTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(EventConfiguration.class)
            .withBean(ChangeEventParser.class);

    @Test
    void defaultsMirrorDebeziumsDefaults() {
        context.run(ctx -> {
            assertThat(ctx).hasNotFailed().hasSingleBean(ChangeEventParser.class);
            assertThat(ctx.getBean(EventProperties.class)).isEqualTo(
                    new EventProperties(DecimalHandlingMode.PRECISE, null, TimePrecisionMode.ADAPTIVE_TIME_MICROSECONDS));
        });
    }

    @Test
    void bindsEverySetting() {
        context.withPropertyValues("cdc-sink.events.decimal-handling-mode=string", "cdc-sink.events.decimal-scale=2",
                        "cdc-sink.events.time-precision-mode=connect")
                .run(ctx -> assertThat(ctx.getBean(EventProperties.class))
                        .isEqualTo(new EventProperties(DecimalHandlingMode.STRING, 2, TimePrecisionMode.CONNECT)));
    }

    @Test
    void rejectsANegativeScale() {
        context.withPropertyValues("cdc-sink.events.decimal-scale=-1")
                .run(ctx -> assertThat(ctx).hasFailed().getFailure().rootCause().hasMessageContaining("decimalScale"));
    }

    @Test
    void rejectsAnUnknownMode() {
        context.withPropertyValues("cdc-sink.events.decimal-handling-mode=exact")
                .run(ctx -> assertThat(ctx).hasFailed());
    }
}
