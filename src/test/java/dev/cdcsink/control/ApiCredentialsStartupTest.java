package dev.cdcsink.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import dev.cdcsink.support.Api;
import dev.cdcsink.support.KafkaBroker;
import dev.cdcsink.support.MariaDbServer;
import dev.cdcsink.support.SinkApp;

/** Where API passwords come from: configuration, a generated one in development, never a default in production. */
class ApiCredentialsStartupTest {

    private static ConfigurableApplicationContext start(Map<String, String> extra) {
        MariaDbServer db = MariaDbServer.shared();
        String topic = KafkaBroker.uniqueName("credentials");
        KafkaBroker.shared().createTopic(topic, 1);
        return SinkApp.start(KafkaBroker.shared().bootstrapServers(), db.jdbcUrl(db.createDatabase("credentials")),
                topic, topic, extra);
    }

    @Test
    void theProductionProfileRefusesToStartWithoutPasswordsAndSaysWhichToSet() {
        assertThatThrownBy(() -> start(Map.of("spring.profiles.active", "prod",
                "cdc-sink.security.operator.password", "")).close())
                .rootCause().hasMessageContaining("cdc-sink.security.operator.password must be set with the prod profile")
                .hasMessageContaining("CDC_SINK_SECURITY_OPERATOR_PASSWORD");
    }

    @Test
    void withoutPasswordsDevelopmentGeneratesOnesThatWork() {
        try (ConfigurableApplicationContext app = start(Map.of("cdc-sink.security.operator.password", "",
                "cdc-sink.security.viewer.password", ""))) {
            ApiCredentials generated = app.getBean(ApiCredentials.class);

            assertThat(generated.operatorPassword()).hasSizeGreaterThanOrEqualTo(20)
                    .isNotEqualTo(generated.viewerPassword());
            assertThat(Api.as(app, "operator", generated.operatorPassword()).post("/api/pipeline/pause").status())
                    .isEqualTo(200);
            assertThat(Api.as(app, "viewer", generated.viewerPassword()).get("/api/pipeline").status()).isEqualTo(200);
            assertThat(Api.as(app, "operator", SinkApp.OPERATOR_PASSWORD).get("/api/pipeline").status()).isEqualTo(401);
        }
    }
}
