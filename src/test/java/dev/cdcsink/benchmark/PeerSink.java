package dev.cdcsink.benchmark;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.awaitility.Awaitility;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.cdcsink.support.MariaDbServer;

/**
 * The peer: Debezium's JDBC sink connector in a Kafka Connect standalone worker, in a JVM of its
 * own on the classpath Maven resolved from {@code src/test/benchmark-peer/pom.xml} (the
 * benchmark profile writes it to {@code target/benchmark/peer.classpath}). Its progress is what
 * any lag tool sees: the committed offsets of its consumer group {@code connect-<name>}.
 */
final class PeerSink implements AutoCloseable {

    static final String NAME = "Debezium JDBC sink 3.5.0.Final in Kafka Connect 4.2.1 standalone, MariaDB Connector/J 3.5.7";

    /** connect-standalone.sh's default heap. */
    static final String HEAP = "-Xmx2G";

    /** Its best correct settings, as the issue names them (compaction per key in a batch included). */
    static final Map<String, String> CONNECTOR = ordered("insert.mode", "upsert", "primary.key.mode", "record_key",
            "delete.enabled", "true", "use.reduction.buffer", "true", "batch.size", "2000", "schema.evolution", "basic",
            // the source table's name (listings), not the topic's
            "collection.name.format", "${source.table}");

    /**
     * The worker's: the connector's docs say its batches are capped by max.poll.records, and 2000
     * events of ~4 KB need more than the 1 MB default per partition fetch (cdc-sink sizes its
     * fetches the same way). Offsets are committed every second instead of every minute, so that
     * the time to the end is measured to a second.
     */
    static final Map<String, String> WORKER = ordered("consumer.max.poll.records", "2000",
            "consumer.max.partition.fetch.bytes", Integer.toString(2000 * 4096), "consumer.fetch.max.bytes",
            Integer.toString(2000 * 4096), "consumer.receive.buffer.bytes", "-1", "offset.flush.interval.ms", "1000");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Process process;
    private final int port;
    private final Admin admin;
    private final HttpClient http = HttpClient.newHttpClient();
    private String name;

    private PeerSink(Process process, int port, Admin admin) {
        this.process = process;
        this.port = port;
        this.admin = admin;
    }

    /** Starts the worker, no connector yet; its log in {@code dir/worker.log}. */
    static PeerSink start(String bootstrapServers, Path dir) throws IOException {
        String classpath = Files.readString(Path.of(System.getProperty("benchmark.peer.classpath",
                "target/benchmark/peer.classpath"))).trim();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Files.createDirectories(dir);
        Map<String, String> worker = ordered("bootstrap.servers", bootstrapServers,
                "key.converter", "org.apache.kafka.connect.json.JsonConverter",
                "value.converter", "org.apache.kafka.connect.json.JsonConverter",
                "key.converter.schemas.enable", "true", "value.converter.schemas.enable", "true",
                "offset.storage.file.filename", dir.resolve("offsets").toAbsolutePath().toString(),
                "listeners", "http://127.0.0.1:" + port,
                // the plugins on the classpath declare themselves: no scan of every jar at start
                "plugin.discovery", "service_load");
        worker.putAll(WORKER);
        Path properties = dir.resolve("worker.properties");
        Files.writeString(properties, worker.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n")));
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), HEAP,
                "-cp", classpath, "org.apache.kafka.connect.cli.ConnectStandalone", properties.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("worker.log").toFile()).start();
        return new PeerSink(process, port,
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers)));
    }

    /** Once the worker's REST API answers, creates the connector; returns the moment it was created (nanoTime). */
    long createConnector(String name, List<String> topics, int tasks, MariaDbServer server, String database) {
        Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                .until(() -> !process.isAlive() || get("/") != null);
        if (!process.isAlive()) {
            throw new IllegalStateException("the peer's worker died at start; see its worker.log");
        }
        Map<String, String> config = ordered("connector.class", "io.debezium.connector.jdbc.JdbcSinkConnector",
                "tasks.max", Integer.toString(tasks), "topics", String.join(",", topics),
                // without it the driver's metadata looks for a table in every database of the server:
                // a listing_details of another database there, and the peer never creates its own
                "connection.url", "jdbc:mariadb://127.0.0.1:" + server.port() + "/" + database
                        + "?nullDatabaseMeansCurrent=true",
                "connection.username", server.username(), "connection.password", server.password());
        config.putAll(CONNECTOR);
        this.name = name;
        HttpResponse<String> created = send(HttpRequest.newBuilder(uri("/connectors"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("name", name, "config", config))))
                .build());
        if (created == null || created.statusCode() != 201) {
            throw new IllegalStateException("the peer refused its connector: "
                    + (created == null ? "no answer" : created.statusCode() + " " + created.body()));
        }
        return System.nanoTime();
    }

    /** The sum of its group's committed offsets: the records written once all are committed. */
    long committed() throws InterruptedException {
        try {
            return admin.listConsumerGroupOffsets("connect-" + name).partitionsToOffsetAndMetadata().get().values()
                    .stream().mapToLong(OffsetAndMetadata::offset).sum();
        } catch (ExecutionException e) {
            return 0;
        }
    }

    /** Null while it runs; else why not: the worker died, or the connector or a task FAILED (the root cause in its trace). */
    String failure() {
        if (!process.isAlive()) {
            return "the worker died";
        }
        String status = get("/connectors/" + name + "/status");
        if (status == null) {
            return null;
        }
        JsonNode node = JSON.readTree(status);
        for (JsonNode state : List.of(node.path("connector"), node.path("tasks"))) {
            for (JsonNode s : state.isArray() ? state : List.of(state)) {
                if (s.path("state").asString("").equals("FAILED")) {
                    List<String> trace = s.path("trace").asString("").lines().toList();
                    return "FAILED: " + trace.stream().filter(l -> l.startsWith("Caused by:")).reduce((a, b) -> b)
                            .orElse(trace.isEmpty() ? "" : trace.get(0));
                }
            }
        }
        return null;
    }

    /** CPU time the worker has used so far. */
    Duration cpu() {
        return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** Peak resident set size so far, in bytes (Linux {@code VmHWM}). */
    long peakRss() throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status")).stream()
                .filter(l -> l.startsWith("VmHWM:")).mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")) * 1024)
                .findFirst().orElse(-1);
    }

    private String get(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path)).build());
        return response != null && response.statusCode() == 200 ? response.body() : null;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static Map<String, String> ordered(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @Override
    public void close() throws InterruptedException {
        admin.close();
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
