package dev.cdcsink.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import dev.cdcsink.support.KafkaBroker;
import dev.cdcsink.support.MariaDbServer;
import dev.cdcsink.support.SinkApp;
import dev.cdcsink.support.TargetDatabase;

/** How the generator settings affect start-up of the service that has no source database. */
class GeneratorStartupTest {

    private static final MariaDbServer SERVER = MariaDbServer.shared();
    private static final KafkaBroker KAFKA = KafkaBroker.shared();
    private static TargetDatabase target;
    private static String topic;

    @BeforeAll
    static void createTarget() {
        target = TargetDatabase.create(SERVER);
        topic = KafkaBroker.uniqueName("generator-startup");
        KAFKA.createTopic(topic, 1);
    }

    @AfterAll
    static void closeTarget() {
        target.close();
    }

    private static ConfigurableApplicationContext start(Map<String, String> extra) {
        return SinkApp.start(KAFKA.bootstrapServers(), SERVER.jdbcUrl(target.schema()), topic, topic, extra);
    }

    @Test
    void withoutASourceTheServiceStartsWithNoGeneratorBeans() {
        try (ConfigurableApplicationContext app = start(Map.of())) {
            assertThat(app.getBeanNamesForType(DataGenerator.class)).isEmpty();
            assertThat(app.getBeanNamesForType(GeneratorController.class)).isEmpty();
            assertThat(app.containsBean("generatorSourceDataSource")).isFalse();
            assertThat(app.getBean(GeneratorProperties.class).enabled()).isFalse();
        }
    }

    @Test
    void enabledWithoutASourceFailsStartUpNamingTheSetting() {
        assertThatThrownBy(() -> start(Map.of("cdc-sink.generator.enabled", "true")).close())
                .rootCause().hasMessageContaining("cdc-sink.generator.source.jdbc-url must be set");
    }

    @Test
    void aSourceDoesNotReplaceTheTargetAsTheApplicationsDataSource() {
        String sourceDb = SERVER.createDatabase("startup_source");
        try (ConfigurableApplicationContext app = start(Map.of(
                "cdc-sink.generator.source.jdbc-url", SERVER.jdbcUrl(sourceDb),
                "cdc-sink.generator.migrate-source", "true"))) {
            assertThat(app.getBean(javax.sql.DataSource.class)).isSameAs(app.getBean("targetDataSource"));
            assertThat(app.getBean(org.springframework.jdbc.core.JdbcTemplate.class).queryForObject(
                    "SELECT DATABASE()", String.class)).isEqualTo(target.schema());
            assertThat(app.getBean(DataGenerator.class).isRunning()).isFalse();
        }
    }
}
