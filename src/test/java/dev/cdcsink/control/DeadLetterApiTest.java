package dev.cdcsink.control;

import static dev.cdcsink.support.Pipelines.CATCH_UP;
import static dev.cdcsink.support.Pipelines.awaitCopyOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import dev.cdcsink.generator.Listing;
import dev.cdcsink.change.RowChange;
import dev.cdcsink.change.Op;
import dev.cdcsink.change.SourcePosition;
import dev.cdcsink.support.Listings;
import dev.cdcsink.support.Api;
import dev.cdcsink.support.ChangeProducer;
import dev.cdcsink.support.ChangeStream;
import dev.cdcsink.support.KafkaBroker;
import dev.cdcsink.support.MariaDbServer;
import dev.cdcsink.support.Pipelines;
import dev.cdcsink.support.SinkApp;
import dev.cdcsink.support.TargetDatabase;
import tools.jackson.databind.JsonNode;

/** Dead letters listed with reason and origin, and redriven once the cause is fixed. */
class DeadLetterApiTest {

    @Test
    void deadLettersAreListedAndARedriveAppliesWhatNowFitsAndKeepsTheRest() {
        KafkaBroker kafka = KafkaBroker.shared();
        MariaDbServer server = MariaDbServer.shared();
        try (TargetDatabase target = TargetDatabase.create(server).createListings();
                ChangeProducer producer = new ChangeProducer(kafka.bootstrapServers())) {
            // a rule of the target that one row breaks, which an operator later lifts
            target.jdbc().execute("ALTER TABLE listings ADD CONSTRAINT no_rejects CHECK (title NOT LIKE 'REJECT%')");
            String topic = Pipelines.topic(kafka, 1);
            ChangeStream source = new ChangeStream(21);
            producer.send(topic, source.next(30));
            RecordMetadata malformed = producer.send(new ProducerRecord<>(topic, "{\"id\":1}".getBytes(), "not json".getBytes()));
            LocalDateTime at = LocalDateTime.of(2026, 11, 21, 9, 30, 0, 5_000);
            Listing rejected = new Listing(900_002, 7L, "REJECT until the rule is lifted", "Emlak", "Muğla",
                    new BigDecimal("99.90"), "TRY", "ACTIVE", at, at);
            RecordMetadata refused = producer.send(producer.events().record(topic, Listings.change(Op.CREATE, 900_002L,
                    null, rejected, SourcePosition.binlog(1, 4, false), Instant.now(), null)));
            producer.send(topic, source.next(30));

            try (ConfigurableApplicationContext app = SinkApp.start(kafka.bootstrapServers(),
                    server.jdbcUrl(target.schema()), topic, KafkaBroker.uniqueName("g"), Map.of())) {
                awaitCopyOf(target, source);
                await().atMost(CATCH_UP).until(() -> Api.viewer(app).get("/api/dead-letters").body().get("total")
                        .longValue() == 2);

                JsonNode listed = Api.viewer(app).get("/api/dead-letters").body();
                assertThat(listed.get("topics").get(0).stringValue()).isEqualTo(topic + ".DLT");
                assertThat(listed.get("pending").longValue()).isEqualTo(2);
                assertThat(listed.get("newest").valueStream().map(e -> e.get("originalOffset").longValue()))
                        .containsExactlyInAnyOrder(malformed.offset(), refused.offset());
                assertThat(listed.get("newest").valueStream().map(e -> e.get("reason").stringValue()))
                        .anyMatch(r -> r.startsWith("MALFORMED_JSON"))
                        .anyMatch(r -> r.startsWith("INVALID_VALUE: the target rejected the row"));
                assertThat(listed.get("newest").valueStream().map(e -> e.get("originalTopic").stringValue()))
                        .containsOnly(topic);

                target.jdbc().execute("ALTER TABLE listings DROP CONSTRAINT no_rejects");
                JsonNode redrive = Api.operator(app).post("/api/dead-letters/redrive").body();

                assertThat(redrive.get("examined").intValue()).isEqualTo(2);
                assertThat(redrive.get("applied").intValue()).isEqualTo(1);
                assertThat(redrive.get("deadLetteredAgain").intValue()).isEqualTo(1);
                assertThat(target.liveListings().get(900_002L)).isEqualTo(rejected);
                JsonNode after = Api.viewer(app).get("/api/dead-letters").body();
                assertThat(after.get("total").longValue()).isEqualTo(3);
                assertThat(after.get("pending").longValue()).isEqualTo(1);
                // the one that still fails keeps its origin
                JsonNode again = after.get("newest").get(0);
                assertThat(again.get("originalOffset").longValue()).isEqualTo(malformed.offset());
                assertThat(again.get("reason").stringValue()).startsWith("MALFORMED_JSON");
            }
        }
    }
}
