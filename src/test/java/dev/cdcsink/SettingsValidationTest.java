package dev.cdcsink;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.cdcsink.support.KafkaBroker;
import dev.cdcsink.support.MariaDbServer;
import dev.cdcsink.support.SinkApp;

/** A bad setting stops start-up, and the failure names the setting and what is wrong with it. */
class SettingsValidationTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "cdc-sink.consumer.concurrency     | 0                  | must be greater than or equal to 1",
            "cdc-sink.consumer.max-poll-records| -5                 | must be greater than or equal to 1",
            "cdc-sink.consumer.group-id        | ''                 | must not be blank",
            "cdc-sink.consumer.topic-pattern   | '(unclosed'        | topic-pattern must be a valid regular expression",
            "cdc-sink.consumer.session-timeout | 2s                 | session-timeout must be between 6s and 5min",
            "cdc-sink.consumer.dead-letter.max-record-size | 10B    | max-record-size must be between 1KB and 1GB",
            "cdc-sink.consumer.backoff.max-interval | 10ms          | max-interval must not be shorter than initial-interval",
            "cdc-sink.sink.delete-mode         | sometimes          | cdc-sink.sink.delete-mode",
            "cdc-sink.sink.chunk-size          | 0                  | must be greater than or equal to 1",
            "cdc-sink.target.jdbc-url          | jdbc:h2:mem:x      | must be a jdbc:mysql:// (MySQL, MariaDB) or jdbc:postgresql://",
            "cdc-sink.events.binary-handling-mode | base32          | cdc-sink.events.binary-handling-mode",
            "cdc-sink.tables.name-format       | '${table}'         | name-format may use only",
            "cdc-sink.tables.include           | '(unclosed'        | include and exclude must be valid regular expressions",
    })
    void aBadSettingStopsStartUpNamingTheSetting(String property, String value, String reason) {
        MariaDbServer db = MariaDbServer.shared();
        String schema = db.createDatabase("settings");
        String topic = KafkaBroker.uniqueName("settings");

        assertThatThrownBy(() -> SinkApp.start(KafkaBroker.shared().bootstrapServers(), db.jdbcUrl(schema), topic,
                "settings", Map.of(property, value)).close())
                .hasStackTraceContaining(property.substring(property.lastIndexOf('.') + 1))
                .hasStackTraceContaining(reason);
    }
}
