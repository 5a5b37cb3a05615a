package dev.cdcsink.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startable;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.mysql.MySQLContainer;
import org.testcontainers.utility.MountableFile;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.cdcsink.support.SinkApp;

/**
 * The compose pipeline with real containers where a Docker engine exists: MySQL 8.4 with the
 * compose init scripts → Debezium Connect with the repository's connector file → Kafka → the
 * service in-process → MySQL 8.4 target. Images, init scripts, topics and the connector come from
 * docker-compose.yml and connect/; only addresses differ. Without Docker the whole class is
 * skipped (Testcontainers logs why); the embedded tests cover the same path without it.
 */
@Testcontainers(disabledWithoutDocker = true)
class ComposeStackContainersTest {

    private static final ComposeFile COMPOSE = ComposeFile.load();
    private static final String CONNECTOR = "listings-connector";
    /** The broker's listener for the other containers; compose's kafka:9092 is taken by Testcontainers. */
    private static final String KAFKA_IN_NETWORK = "kafka:19092";
    private static final int CONNECT_PORT = 8083;

    private static Network network;
    private static MySQLContainer source;
    private static MySQLContainer target;
    private static KafkaContainer kafka;
    private static GenericContainer<?> connect;
    private static ConfigurableApplicationContext sink;

    @BeforeAll
    static void startStack() throws Exception {
        network = Network.newNetwork();
        source = mysql("mysql-source").withNetworkAliases("mysql-source")
                .withCommand(COMPOSE.strings("mysql-source", "command").toArray(String[]::new));
        COMPOSE.mounts("mysql-source").forEach((inContainer, onHost) -> {
            if (inContainer.startsWith("/docker-entrypoint-initdb.d/")) {
                source.withCopyFileToContainer(MountableFile.forHostPath(Path.of(onHost)), inContainer);
            }
        });
        target = mysql("mysql-target");
        kafka = new KafkaContainer(COMPOSE.image("kafka")).withNetwork(network).withNetworkAliases("kafka")
                .withListener(KAFKA_IN_NETWORK);
        Map<String, String> connectEnvironment = COMPOSE.environment("connect");
        connectEnvironment.put("BOOTSTRAP_SERVERS", KAFKA_IN_NETWORK);
        connect = new GenericContainer<>(COMPOSE.image("connect")).withNetwork(network).withNetworkAliases("connect")
                .withEnv(connectEnvironment)
                .withExposedPorts(CONNECT_PORT).dependsOn(kafka)
                .waitingFor(Wait.forHttp("/health").forPort(CONNECT_PORT).withStartupTimeout(Duration.ofMinutes(3)));
        Startables.deepStart(source, target, kafka, connect).join();

        createTopics();
        registerConnector();

        sink = SinkApp.start(kafka.getBootstrapServers(), target.getJdbcUrl(),
                COMPOSE.env("cdc-sink", "CDC_SINK_CONSUMER_TOPICS"), "compose-stack-test",
                Map.of("cdc-sink.target.username", target.getUsername(),
                        "cdc-sink.target.password", target.getPassword()));
    }

    @AfterAll
    static void stopStack() {
        if (sink != null) {
            sink.close();
        }
        for (Startable container : new Startable[] { connect, kafka, target, source }) {
            if (container != null) {
                container.stop();
            }
        }
        if (network != null) {
            network.close();
        }
    }

    @Test
    void insertsUpdatesAndDeletesInTheSourceArriveInTheTarget() throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection db = connection(source)) {
            for (String title : List.of("Bisiklet", "Koltuk takımı", "Çalışma masası")) {
                ids.add(insertListing(db, title));
            }
            try (Statement statement = db.createStatement()) {
                statement.executeUpdate("UPDATE listings SET price = 99.90 WHERE id = " + ids.get(0));
                statement.executeUpdate("DELETE FROM listings WHERE id = " + ids.get(2));
            }
        }

        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            try (Connection db = connection(target); Statement statement = db.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT id, title, price, _cdc_deleted FROM listings ORDER BY id")) {
                List<String> copy = new ArrayList<>();
                while (rows.next()) {
                    copy.add(rows.getLong("id") + " " + rows.getString("title") + " "
                            + rows.getBigDecimal("price") + (rows.getBoolean("_cdc_deleted") ? " deleted" : ""));
                }
                assertThat(copy).containsExactly(ids.get(0) + " Bisiklet 99.90",
                        ids.get(1) + " Koltuk takımı 1250.00",
                        ids.get(2) + " Çalışma masası 1250.00 deleted");
            }
        });
    }

    private static MySQLContainer mysql(String service) {
        return new MySQLContainer(COMPOSE.image(service)).withNetwork(network)
                .withDatabaseName(COMPOSE.env(service, "MYSQL_DATABASE"))
                .withUsername(COMPOSE.env(service, "MYSQL_USER"))
                .withPassword(ComposeFile.interpolated(COMPOSE.env(service, "MYSQL_PASSWORD")));
    }

    private static void createTopics() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers()))) {
            List<NewTopic> topics = COMPOSE.createdTopics().entrySet().stream()
                    .map(t -> new NewTopic(t.getKey(), t.getValue(), (short) 1)).toList();
            admin.createTopics(topics).all().get();
        }
    }

    /** What register-connector does: PUT the file as the connector's config, retried while Connect rebalances. */
    private static void registerConnector() {
        ObjectNode config = (ObjectNode) JsonMapper.builder().build()
                .readTree(Path.of("connect", "listings-connector.json").toFile());
        config.put("schema.history.internal.kafka.bootstrap.servers", KAFKA_IN_NETWORK);
        HttpRequest put = HttpRequest.newBuilder(URI.create("http://" + connect.getHost() + ":"
                + connect.getMappedPort(CONNECT_PORT) + "/connectors/" + CONNECTOR + "/config"))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(config.toString()))
                .build();
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(
                http.send(put, HttpResponse.BodyHandlers.ofString()).statusCode()).isBetween(200, 201));
    }

    private static long insertListing(Connection db, String title) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO listings (seller_id, title, category, city, "
                + "price, currency, status, created_at, updated_at) VALUES (7, ?, 'home', 'İzmir', 1250.00, 'TRY', "
                + "'active', NOW(6), NOW(6))", Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, title);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private static Connection connection(MySQLContainer db) throws SQLException {
        return DriverManager.getConnection(db.getJdbcUrl(), db.getUsername(), db.getPassword());
    }
}
