package dev.cdcsink.consumer;

import static dev.cdcsink.support.Pipelines.CATCH_UP;
import static dev.cdcsink.support.Pipelines.awaitCopyOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import dev.cdcsink.support.Api;
import dev.cdcsink.support.ChangeProducer;
import dev.cdcsink.support.ChangeStream;
import dev.cdcsink.support.KafkaBroker;
import dev.cdcsink.support.MariaDbServer;
import dev.cdcsink.support.Pipelines;
import dev.cdcsink.support.SinkApp;
import dev.cdcsink.support.TargetDatabase;
import tools.jackson.databind.JsonNode;

/**
 * An instance starts whatever is down: it stays alive, says in its readiness why it is not ready,
 * and begins consuming by itself once the target database or Kafka is back. An orchestrator
 * never has to crash-loop it.
 */
class StartupResilienceTest {

    private static final String LIVENESS = "/actuator/health/liveness";
    private static final String READINESS = "/actuator/health/readiness";

    @Test
    void startsWhileTheTargetDatabaseIsDownAndMigratesAndConsumesOnceItIsBack() {
        KafkaBroker kafka = KafkaBroker.shared();
        try (MariaDbServer server = MariaDbServer.start("startup-target-down");
                ChangeProducer producer = new ChangeProducer(kafka.bootstrapServers())) {
            String schema = server.createDatabase("target");
            server.stop();
            String topic = Pipelines.topic(kafka, 2);
            ChangeStream source = new ChangeStream(41);
            producer.send(topic, source.next(100));

            try (ConfigurableApplicationContext app = SinkApp.start(kafka.bootstrapServers(), server.jdbcUrl(schema),
                    topic, KafkaBroker.uniqueName("g"), Map.of("cdc-sink.target.connection-timeout", "1s"));
                    TargetDatabase target = TargetDatabase.attach(server, schema)) {
                Api probe = Api.viewer(app);
                assertThat(probe.get(LIVENESS).status()).isEqualTo(200);
                await().atMost(CATCH_UP).until(() -> pipelineDetails(probe).path("lastFailure").stringValue() != null);
                JsonNode pipeline = pipelineDetails(probe);
                assertThat(probe.get(READINESS).status()).isEqualTo(503);
                assertThat(pipeline.path("status").stringValue()).isEqualTo("STARTING");
                assertThat(pipeline.path("lastFailure").stringValue()).contains("target database is not ready");

                server.restart();
                await().atMost(CATCH_UP).until(() -> probe.get(READINESS).status() == 200);
                awaitCopyOf(target, source);
                assertThat(probe.get(LIVENESS).status()).isEqualTo(200);
            }
        }
    }

    @Test
    void startsWhileKafkaIsUnreachableAndConsumesOnceItAnswers() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (TargetDatabase target = TargetDatabase.create(MariaDbServer.shared())) {
            String topic = KafkaBroker.uniqueName("cdc.shop.listings");
            try (ConfigurableApplicationContext app = SinkApp.start("127.0.0.1:" + port,
                    MariaDbServer.shared().jdbcUrl(target.schema()), topic, KafkaBroker.uniqueName("g"), Map.of())) {
                Api probe = Api.viewer(app);
                await().atMost(CATCH_UP).until(() -> probe.get(READINESS).body().path("components").path("kafka")
                        .path("details").path("reason").stringValue() != null);
                assertThat(probe.get(READINESS).status()).isEqualTo(503);
                assertThat(probe.get(LIVENESS).status()).isEqualTo(200);

                try (KafkaBroker late = KafkaBroker.start(port);
                        ChangeProducer producer = new ChangeProducer(late.bootstrapServers())) {
                    late.createTopic(topic, 2);
                    late.createTopic(topic + ".DLT", 1);
                    ChangeStream source = new ChangeStream(42);
                    producer.send(topic, source.next(100));

                    awaitCopyOf(target, source);
                    await().atMost(CATCH_UP).until(() -> probe.get(READINESS).status() == 200);
                }
            }
        }
    }

    private static JsonNode pipelineDetails(Api probe) {
        return probe.get(READINESS).body().path("components").path("pipeline").path("details");
    }
}
