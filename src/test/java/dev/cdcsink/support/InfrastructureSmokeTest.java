package dev.cdcsink.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

class InfrastructureSmokeTest {

    @Test
    void sharedMariaDbServesBinlogEnabledDatabases() throws Exception {
        MariaDbServer db = MariaDbServer.shared();
        String schema = db.createDatabase("smoke");
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(schema), db.username(), db.password());
                ResultSet rs = c.createStatement().executeQuery("SELECT @@version, @@log_bin, @@binlog_format")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).startsWith("11.4");
            assertThat(rs.getBoolean(2)).isTrue();
            assertThat(rs.getString(3)).isEqualTo("ROW");
        }
    }

    @Test
    void sharedPostgresServesLogicalWalDatabases() throws Exception {
        PostgresServer db = PostgresServer.shared();
        String database = db.createDatabase("smoke");
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(database), db.username(), db.password());
                ResultSet rs = c.createStatement().executeQuery("SELECT current_setting('server_version_num')::int, "
                        + "current_setting('wal_level'), current_database()")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isGreaterThanOrEqualTo(170000);
            assertThat(rs.getString(2)).isEqualTo("logical");
            assertThat(rs.getString(3)).isEqualTo(database);
        }
    }

    @Test
    void sharedKafkaBrokerCreatesTopics() throws Exception {
        KafkaBroker kafka = KafkaBroker.shared();
        String topic = KafkaBroker.uniqueName("smoke");
        kafka.createTopic(topic, 3);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            assertThat(admin.describeTopics(java.util.List.of(topic)).allTopicNames().get().get(topic).partitions())
                    .hasSize(3);
        }
    }
}
