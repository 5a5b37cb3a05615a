package dev.cdcsink.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import dev.cdcsink.generator.GeneratorTable;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The compose stack, the connector registered in it and the service's own configuration must
 * describe one pipeline: these are the places where a rename in one file would silently break
 * {@code docker compose up}, which cannot run on the CI machines (no Docker engine).
 */
class ComposeConsistencyTest {

    private static final Path CONNECTOR_JSON = Path.of("connect", "listings-connector.json");
    private static final Path POSTGRES_CONNECTOR_JSON = Path.of("connect", "postgres-connector.json");
    private static final Path POSTGRES_SOURCE_ENV = Path.of("compose", "postgres-source.env");
    private static final Path POSTGRES_TARGET_ENV = Path.of("compose", "postgres-target.env");
    private static final Path POSTGRES_SOURCE_SCHEMA = Path.of("src", "main", "resources", "db", "source", "postgresql");
    private static final Path APPLICATION_YML = Path.of("src", "main", "resources", "application.yml");
    private static final Path PROMETHEUS_YML = Path.of("prometheus", "prometheus.yml");
    private static final Path GRAFANA_DATASOURCE = Path.of("grafana", "provisioning", "datasources", "prometheus.yml");
    private static final Path SOURCE_SCHEMA = Path.of("src", "main", "resources", "db", "source", "mysql");
    private static final Path README = Path.of("README.md");
    /** The table the service consumes by default (application.yml), the first the project had. */
    private static final String DEFAULT_TABLE = "listings";
    private static final Pattern CREATE_TABLE = Pattern.compile("CREATE TABLE (\\w+) \\(");

    private final ComposeFile compose = ComposeFile.load();
    private final Map<String, String> connector = connector(CONNECTOR_JSON);
    private final Map<String, String> postgresConnector = connector(POSTGRES_CONNECTOR_JSON);
    private final Map<String, String> application = flatten("", new Yaml().load(read(APPLICATION_YML)), new TreeMap<>());

    @Test
    void theConnectorCapturesEveryTableOfTheSourceSchemaAndTheGeneratorWritesThemAll() {
        String database = connector.get("database.include.list");
        List<String> tables = sourceTables();

        assertThat(tables).containsExactly(Arrays.stream(GeneratorTable.values()).map(GeneratorTable::table)
                .toArray(String[]::new));
        assertThat(connector.get("table.include.list").split(","))
                .containsExactlyInAnyOrderElementsOf(tables.stream().map(table -> database + "." + table).toList());
    }

    @Test
    void theServiceConsumesTheTopicOfEveryTableTheConnectorCaptures() {
        List<String> topics = sourceTables().stream().map(this::topicOf).toList();

        assertThat(consumedTopics()).containsExactlyInAnyOrderElementsOf(topics);
        // outside compose the service consumes the listings topic unless told otherwise
        assertThat(application.get("cdc-sink.consumer.topics")).isEqualTo(topicOf(DEFAULT_TABLE));
    }

    @Test
    void kafkaInitCreatesEveryChangeTopicWithSeveralPartitionsAndItsDeadLetterTopic() {
        Map<String, Integer> created = compose.createdTopics();
        // each topic's dead letters go to <topic>.DLT unless one dead-letter topic is configured
        assertThat(compose.environment("cdc-sink")).doesNotContainKey("CDC_SINK_CONSUMER_DEAD_LETTER_TOPIC");

        List<String> consumed = new ArrayList<>(consumedTopics());
        consumed.addAll(consumedTopics(ComposeFile.envFile(POSTGRES_SOURCE_ENV)));
        for (String topic : consumed) {
            assertThat(created).containsKeys(topic, topic + ".DLT");
            assertThat(created.get(topic)).as("partitions of %s", topic).isGreaterThan(1);
        }
        assertThat(created).hasSize(2 * consumed.size());
    }

    @Test
    void theConnectorReachesTheSourceDatabaseAndKafkaByTheirServiceNames() {
        String sourceService = connector.get("database.hostname");
        assertThat(compose.image(sourceService)).startsWith("mysql:8.4");
        assertThat(connector.get("database.port")).isEqualTo("3306");
        assertThat(compose.env(sourceService, "MYSQL_DATABASE")).isEqualTo(connector.get("database.include.list"));

        String kafka = compose.env("kafka", "KAFKA_ADVERTISED_LISTENERS").replace("PLAINTEXT://", "");
        assertThat(kafka).isEqualTo("kafka:9092");
        assertThat(connector.get("schema.history.internal.kafka.bootstrap.servers")).isEqualTo(kafka);
        assertThat(compose.env("connect", "BOOTSTRAP_SERVERS")).isEqualTo(kafka);
        assertThat(compose.env("cdc-sink", "SPRING_KAFKA_BOOTSTRAP_SERVERS")).isEqualTo(kafka);
        assertThat(compose.env("kafka-ui", "KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS")).isEqualTo(kafka);
    }

    @Test
    void theSourceIsInitialisedWithTheRepositorysSchemaAndALeastPrivilegeDebeziumUser() {
        String sourceService = connector.get("database.hostname");
        Map<String, String> mounts = compose.mounts(sourceService);
        List<String> initScripts = mounts.keySet().stream().filter(p -> p.startsWith("/docker-entrypoint-initdb.d/"))
                .sorted().toList();
        // every source migration, in version order (the entrypoint runs them in name order), then the account
        List<Path> migrations = sourceMigrations();
        assertThat(initScripts).hasSize(migrations.size() + 1);
        assertThat(initScripts.subList(0, migrations.size()).stream().map(p -> Path.of(mounts.get(p)).normalize()))
                .containsExactlyElementsOf(migrations);

        String userScript = initScripts.get(migrations.size());
        String userSql = read(Path.of(mounts.get(userScript)));
        Matcher user = Pattern.compile("CREATE USER '([^']+)'@'%' IDENTIFIED BY '([^']+)'").matcher(userSql);
        assertThat(user.find()).as("CREATE USER in %s", userScript).isTrue();
        assertThat(user.group(1)).isEqualTo(connector.get("database.user"));
        assertThat(user.group(2)).isEqualTo(connector.get("database.password"));
        Matcher grant = Pattern.compile("GRANT (.+) ON \\*\\.\\* TO '" + user.group(1) + "'@'%'").matcher(userSql);
        assertThat(grant.find()).isTrue();
        assertThat(grant.group(1).split(",\\s*"))
                .containsExactlyInAnyOrder("SELECT", "RELOAD", "SHOW DATABASES", "REPLICATION SLAVE", "REPLICATION CLIENT");

        assertThat(compose.strings(sourceService, "command")).contains("--binlog-format=ROW", "--binlog-row-image=FULL",
                "--gtid-mode=ON", "--enforce-gtid-consistency=ON");
    }

    /** README "What the connector should send", and the event format the parser is tested with. */
    @Test
    void theConnectorSendsTheFullEnvelopeTheServiceExpects() {
        assertThat(connector).containsEntry("connector.class", "io.debezium.connector.mysql.MySqlConnector")
                .containsEntry("key.converter", "org.apache.kafka.connect.json.JsonConverter")
                .containsEntry("key.converter.schemas.enable", "true")
                .containsEntry("value.converter", "org.apache.kafka.connect.json.JsonConverter")
                .containsEntry("value.converter.schemas.enable", "true")
                .containsEntry("decimal.handling.mode", "precise")
                .containsEntry("time.precision.mode", "adaptive_time_microseconds")
                .containsEntry("tombstones.on.delete", "true")
                // the service then creates the target tables with the source's own column types
                .containsEntry("column.propagate.source.type", ".*")
                .doesNotContainKey("transforms");
        assertThat(Long.parseLong(connector.get("heartbeat.interval.ms"))).isPositive();
    }

    @Test
    void registerConnectorPutsTheRepositorysConnectorFileToConnect() {
        Map<String, String> mounts = compose.mounts("register-connector");
        String mounted = mounts.entrySet().stream().filter(e -> Path.of(e.getValue()).normalize().equals(CONNECTOR_JSON))
                .map(Map.Entry::getKey).findFirst().orElseThrow(() -> new AssertionError(CONNECTOR_JSON + " not mounted"));
        List<String> curl = compose.strings("register-connector", "command");

        assertThat(curl).containsSequence("-X", "PUT").contains("@" + mounted)
                .contains("http://connect:8083/connectors/listings-connector/config");
        assertThat(compose.publishedPorts("connect")).containsKey(8083);
    }

    @Test
    void theServiceWritesToTheTargetDatabaseWithItsOwnAccount() {
        Matcher url = Pattern.compile("jdbc:mysql://([^:/]+):3306/([^?]+)")
                .matcher(compose.env("cdc-sink", "CDC_SINK_TARGET_JDBC_URL", Map.of()));
        assertThat(url.matches()).isTrue();
        String target = url.group(1);
        assertThat(target).isEqualTo("mysql-target");
        assertThat(compose.env(target, "MYSQL_DATABASE")).isEqualTo(url.group(2));
        assertThat(compose.env("cdc-sink", "CDC_SINK_TARGET_USERNAME")).isEqualTo(compose.env(target, "MYSQL_USER"));
        // the same expression, so one variable sets both sides
        assertThat(compose.env("cdc-sink", "CDC_SINK_TARGET_PASSWORD")).isEqualTo(compose.env(target, "MYSQL_PASSWORD"));
    }

    @Test
    void theGeneratorWritesToTheDatabaseDebeziumCaptures() {
        String source = connector.get("database.hostname");
        assertThat(compose.env("cdc-sink", "CDC_SINK_GENERATOR_ENABLED")).isEqualTo("true");
        assertThat(compose.env("cdc-sink", "CDC_SINK_SOURCE_JDBC_URL", Map.of()))
                .isEqualTo("jdbc:mysql://" + source + ":3306/" + connector.get("database.include.list"));
        assertThat(compose.env("cdc-sink", "CDC_SINK_SOURCE_USERNAME")).isEqualTo(compose.env(source, "MYSQL_USER"));
        assertThat(compose.env("cdc-sink", "CDC_SINK_SOURCE_PASSWORD"))
                .isEqualTo(compose.env(source, "MYSQL_PASSWORD"));
        // MySQL's init scripts own the source schema in compose
        assertThat(compose.environment("cdc-sink")).doesNotContainKey("CDC_SINK_GENERATOR_MIGRATE_SOURCE");
    }

    @Test
    void everyVariableGivenToTheServiceSetsOneOfItsProperties() throws IOException {
        Set<String> known = new HashSet<>();
        for (URL metadata : Collections.list(getClass().getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = metadata.openStream()) {
                for (JsonNode property : JsonMapper.builder().build().readTree(in).path("properties")) {
                    known.addAll(environmentNames(property.path("name").asString()));
                }
            }
        }

        assertThat(known).as("configuration metadata").contains("CDC_SINK_TARGET_JDBC_URL", "SPRING_KAFKA_BOOTSTRAP_SERVERS");
        assertThat(compose.environment("cdc-sink").keySet().stream().filter(variable -> !known.contains(variable)))
                .as("variables in %s that name no property of the service", ComposeFile.PATH).isEmpty();
    }

    @Test
    void theServiceRunsWithTheProdProfileAndBothApiPasswords() {
        assertThat(compose.env("cdc-sink", "SPRING_PROFILES_ACTIVE").split(",")).contains("prod");
        for (String account : List.of("OPERATOR", "VIEWER")) {
            String variable = "CDC_SINK_SECURITY_" + account + "_PASSWORD";
            // overridable from the shell or .env under the same name, with a demo default
            assertThat(compose.env("cdc-sink", variable)).startsWith("${" + variable + ":-");
            assertThat(ComposeFile.interpolated(compose.env("cdc-sink", variable))).isNotBlank();
        }
    }

    @Test
    void prometheusScrapesTheServiceWhereComposeRunsIt() {
        String port = application.get("server.port");
        assertThat(compose.publishedPorts("cdc-sink")).containsKey(Integer.parseInt(port));

        Map<String, Object> prometheus = new Yaml().load(read(PROMETHEUS_YML));
        Map<String, Object> job = scrapeJob(prometheus, "cdc-sink");
        assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
        assertThat(String.valueOf(ComposeFile.map(((List<?>) job.get("static_configs")).get(0)).get("targets")))
                .isEqualTo("[cdc-sink:" + port + "]");
        assertThat(compose.services()).containsKey("cdc-sink");
        assertThat(application.get("management.endpoints.web.exposure.include")).contains("prometheus");
    }

    @Test
    void monitoringUsesTheRepositorysPrometheusAndGrafanaConfiguration() {
        assertThat(compose.mounts("prometheus")).containsEntry("/etc/prometheus", "./prometheus");
        assertThat(compose.publishedPorts("prometheus")).containsKey(9090);
        assertThat(read(GRAFANA_DATASOURCE)).contains("url: http://prometheus:9090");

        Map<String, String> grafana = compose.mounts("grafana");
        assertThat(grafana).containsEntry("/etc/grafana/provisioning", "./grafana/provisioning")
                .containsEntry("/var/lib/grafana/dashboards", "./grafana/dashboards");
        String home = compose.env("grafana", "GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH");
        assertThat(home).startsWith("/var/lib/grafana/dashboards/");
        assertThat(Path.of("grafana", "dashboards").resolve(Path.of(home).getFileName())).exists();
        assertThat(compose.env("grafana", "GF_AUTH_ANONYMOUS_ENABLED")).isEqualTo("true");
    }

    @Test
    void servicesStartOnlyAfterWhatTheyNeedIsReady() {
        assertThat(compose.dependsOn("kafka-init")).containsEntry("kafka", "service_healthy");
        assertThat(compose.dependsOn("connect")).containsEntry("kafka-init", "service_completed_successfully");
        assertThat(compose.dependsOn("register-connector")).containsEntry("connect", "service_healthy")
                .containsEntry(connector.get("database.hostname"), "service_healthy");
        assertThat(compose.dependsOn("cdc-sink")).containsEntry("mysql-target", "service_healthy")
                .containsEntry("mysql-source", "service_healthy")
                .containsEntry("kafka-init", "service_completed_successfully");

        // a condition on health needs a health check (cdc-sink's is in its Dockerfile)
        for (String service : compose.services().keySet()) {
            compose.dependsOn(service).forEach((dependency, condition) -> {
                if (condition.equals("service_healthy")) {
                    assertThat(compose.service(dependency)).as("%s's health check", dependency).containsKey("healthcheck");
                }
            });
        }
    }

    @Test
    void stateLivesInNamedVolumes() {
        Map<String, String> stateDirectories = Map.of("mysql-source", "/var/lib/mysql", "mysql-target", "/var/lib/mysql",
                "postgres-source", "/var/lib/postgresql/data", "postgres-target", "/var/lib/postgresql/data",
                "kafka", "/var/lib/kafka/data", "prometheus", "/prometheus", "grafana", "/var/lib/grafana");
        stateDirectories.forEach((service, directory) -> assertThat(compose.volumes())
                .as("%s's %s", service, directory).containsKey(compose.mounts(service).get(directory)));
        assertThat(compose.env("kafka", "KAFKA_LOG_DIRS")).isEqualTo("/var/lib/kafka/data");
    }

    @Test
    void everyPublishedPortIsOnLocalhostAndInTheReadme() {
        String readme = read(README);
        for (String service : compose.services().keySet()) {
            for (String port : compose.strings(service, "ports")) {
                assertThat(port).as("%s publishes on localhost only", service).startsWith("127.0.0.1:");
            }
            compose.publishedPorts(service).values()
                    .forEach(port -> assertThat(readme).as("README names %s's port", service).contains("localhost:" + port));
        }
    }

    /**
     * Profile {@code postgres-source} with {@code compose/postgres-source.env}: a PostgreSQL with
     * logical decoding initialised with the PostgreSQL source schema (its publication included) and
     * the connector's account, the PostgreSQL connector streaming that publication of every generator
     * table, and the service writing, reconciling and consuming that source.
     */
    @Test
    void thePostgresSourceProfileCapturesTheGeneratorsTablesThroughTheSchemasPublication() {
        String host = postgresConnector.get("database.hostname");
        String database = postgresConnector.get("database.dbname");
        assertThat(compose.strings(host, "profiles")).containsExactly("postgres-source");
        assertThat(compose.image(host)).startsWith("postgres:17");
        assertThat(compose.strings(host, "command")).contains("wal_level=logical");
        assertThat(compose.env(host, "POSTGRES_DB")).isEqualTo(database);
        assertThat(postgresConnector).containsEntry("connector.class", "io.debezium.connector.postgresql.PostgresConnector")
                .containsEntry("plugin.name", "pgoutput").containsEntry("database.port", "5432")
                .containsEntry("publication.autocreate.mode", "disabled");

        List<String> tables = sourceTables(POSTGRES_SOURCE_SCHEMA);
        assertThat(tables).containsExactlyElementsOf(sourceTables());
        assertThat(postgresConnector.get("table.include.list").split(","))
                .containsExactlyInAnyOrderElementsOf(tables.stream().map(table -> "public." + table).toList());
        Matcher publication = Pattern.compile("CREATE PUBLICATION (\\w+) FOR TABLE ([\\w, ]+);").matcher(
                sourceMigrations(POSTGRES_SOURCE_SCHEMA).stream().map(ComposeConsistencyTest::read).reduce("", String::concat));
        assertThat(publication.find()).as("CREATE PUBLICATION in %s", POSTGRES_SOURCE_SCHEMA).isTrue();
        assertThat(publication.group(1)).isEqualTo(postgresConnector.get("publication.name"));
        assertThat(publication.group(2).split(",\\s*")).containsExactlyInAnyOrderElementsOf(tables);

        // every PostgreSQL source migration in version order, then the account: login, replication, reading only
        Map<String, String> mounts = compose.mounts(host);
        List<String> initScripts = mounts.keySet().stream().filter(p -> p.startsWith("/docker-entrypoint-initdb.d/"))
                .sorted().toList();
        List<Path> migrations = sourceMigrations(POSTGRES_SOURCE_SCHEMA);
        assertThat(initScripts.subList(0, migrations.size()).stream().map(p -> Path.of(mounts.get(p)).normalize()))
                .containsExactlyElementsOf(migrations);
        assertThat(initScripts).hasSize(migrations.size() + 1);
        String userSql = read(Path.of(mounts.get(initScripts.get(migrations.size()))));
        assertThat(userSql).contains("CREATE ROLE " + postgresConnector.get("database.user") + " WITH LOGIN REPLICATION "
                + "PASSWORD '" + postgresConnector.get("database.password") + "'")
                .contains("GRANT SELECT ON " + String.join(", ", tables) + " TO " + postgresConnector.get("database.user"));

        // the same envelope as the MySQL connector's
        List.of("key.converter", "key.converter.schemas.enable", "value.converter", "value.converter.schemas.enable",
                "decimal.handling.mode", "time.precision.mode", "tombstones.on.delete", "column.propagate.source.type",
                "topic.prefix", "heartbeat.interval.ms")
                .forEach(key -> assertThat(postgresConnector.get(key)).as(key).isEqualTo(connector.get(key)));

        Map<String, String> env = ComposeFile.envFile(POSTGRES_SOURCE_ENV);
        assertThat(compose.env("cdc-sink", "CDC_SINK_SOURCE_JDBC_URL", env))
                .isEqualTo("jdbc:postgresql://" + host + ":5432/" + database);
        assertThat(compose.env("cdc-sink", "CDC_SINK_SOURCE_USERNAME")).isEqualTo(compose.env(host, "POSTGRES_USER"));
        assertThat(compose.env("cdc-sink", "CDC_SINK_SOURCE_PASSWORD")).isEqualTo(compose.env(host, "POSTGRES_PASSWORD"));
        assertThat(consumedTopics(env)).containsExactlyInAnyOrderElementsOf(
                tables.stream().map(table -> postgresConnector.get("topic.prefix") + ".public." + table).toList());

        assertThat(compose.strings("register-postgres-connector", "profiles")).containsExactly("postgres-source");
        assertThat(compose.dependsOn("register-postgres-connector")).containsEntry("connect", "service_healthy")
                .containsEntry(host, "service_healthy");
        String mounted = compose.mounts("register-postgres-connector").entrySet().stream()
                .filter(e -> Path.of(e.getValue()).normalize().equals(POSTGRES_CONNECTOR_JSON)).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new AssertionError(POSTGRES_CONNECTOR_JSON + " not mounted"));
        assertThat(compose.strings("register-postgres-connector", "command")).containsSequence("-X", "PUT")
                .contains("@" + mounted).contains("http://connect:8083/connectors/postgres-connector/config");
        // not waited for: an optional dependency needs Compose 2.20+; the service waits for its databases itself
        assertThat(compose.dependsOn("cdc-sink")).doesNotContainKey(host);
    }

    /** Profile {@code postgres-target} with {@code compose/postgres-target.env}: the copies in PostgreSQL, with the service's account. */
    @Test
    void thePostgresTargetProfileGivesTheServiceAPostgresTargetWithItsOwnAccount() {
        Matcher url = Pattern.compile("jdbc:postgresql://([^:/]+):5432/(\\w+)").matcher(
                compose.env("cdc-sink", "CDC_SINK_TARGET_JDBC_URL", ComposeFile.envFile(POSTGRES_TARGET_ENV)));
        assertThat(url.matches()).isTrue();
        String target = url.group(1);
        assertThat(compose.strings(target, "profiles")).containsExactly("postgres-target");
        assertThat(compose.image(target)).startsWith("postgres:17");
        assertThat(compose.env(target, "POSTGRES_DB")).isEqualTo(url.group(2));
        assertThat(compose.env("cdc-sink", "CDC_SINK_TARGET_USERNAME")).isEqualTo(compose.env(target, "POSTGRES_USER"));
        assertThat(compose.env("cdc-sink", "CDC_SINK_TARGET_PASSWORD")).isEqualTo(compose.env(target, "POSTGRES_PASSWORD"));
        // not waited for (see above): the service starts while its target is down and consumes once it answers
        assertThat(compose.dependsOn("cdc-sink")).doesNotContainKey(target);
    }

    /** An env file's variables are ones the compose file reads for the service, or they would change nothing. */
    @Test
    void everyVariableOfTheProfilesEnvFilesIsReadForTheService() {
        List<String> read = compose.environment("cdc-sink").values().stream().flatMap(v -> ComposeFile.variables(v).stream())
                .toList();
        for (Path file : List.of(POSTGRES_SOURCE_ENV, POSTGRES_TARGET_ENV)) {
            assertThat(ComposeFile.envFile(file).keySet()).as("variables of %s", file).isNotEmpty()
                    .allSatisfy(variable -> assertThat(read).contains(variable));
        }
    }

    private String topicOf(String table) {
        return connector.get("topic.prefix") + "." + connector.get("database.include.list") + "." + table;
    }

    /** The topics the service consumes with the env file's {@code variables} (none: the MySQL stack). */
    private List<String> consumedTopics(Map<String, String> variables) {
        return List.of(compose.env("cdc-sink", "CDC_SINK_CONSUMER_TOPICS", variables).split(","));
    }

    private List<String> consumedTopics() {
        return consumedTopics(Map.of());
    }

    /** The source schema's migrations ({@code V<n>__*.sql}), in version order. */
    private static List<Path> sourceMigrations() {
        return sourceMigrations(SOURCE_SCHEMA);
    }

    private static List<Path> sourceMigrations(Path schema) {
        try (Stream<Path> files = Files.list(schema)) {
            return files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql"))
                    .sorted(Comparator.comparingInt(ComposeConsistencyTest::version))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int version(Path migration) {
        return Integer.parseInt(migration.getFileName().toString().replaceAll("^V(\\d+)__.*", "$1"));
    }

    /** The tables the source migrations create, in the order they create them. */
    private static List<String> sourceTables() {
        return sourceTables(SOURCE_SCHEMA);
    }

    private static List<String> sourceTables(Path schema) {
        List<String> tables = new ArrayList<>();
        for (Path migration : sourceMigrations(schema)) {
            Matcher table = CREATE_TABLE.matcher(read(migration));
            while (table.find()) {
                tables.add(table.group(1));
            }
        }
        return tables;
    }

    private static Map<String, Object> scrapeJob(Map<String, Object> prometheus, String name) {
        return ((List<?>) prometheus.get("scrape_configs")).stream().map(ComposeFile::map)
                .filter(job -> name.equals(job.get("job_name"))).findFirst()
                .orElseThrow(() -> new AssertionError(PROMETHEUS_YML + " has no job " + name));
    }

    /** The environment variable names Spring Boot's relaxed binding maps to a property. */
    private static List<String> environmentNames(String property) {
        String upper = property.toUpperCase(Locale.ROOT);
        return List.of(upper.replace('.', '_').replace('-', '_'), upper.replace("-", "").replace('.', '_'));
    }

    private static Map<String, String> connector(Path file) {
        Map<String, String> config = new TreeMap<>();
        JsonMapper.builder().build().readTree(file.toFile()).properties()
                .forEach(e -> config.put(e.getKey(), e.getValue().asString()));
        return config;
    }

    private static Map<String, String> flatten(String prefix, Map<String, Object> yaml, Map<String, String> into) {
        yaml.forEach((key, value) -> {
            if (value instanceof Map<?, ?>) {
                flatten(prefix + key + ".", ComposeFile.map(value), into);
            } else {
                into.put(prefix + key, String.valueOf(value));
            }
        });
        return into;
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
