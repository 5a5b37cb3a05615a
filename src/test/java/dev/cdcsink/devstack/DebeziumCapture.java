package dev.cdcsink.devstack;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.apache.kafka.connect.source.SourceConnector;

import dev.cdcsink.support.MariaDbServer;
import dev.cdcsink.support.PostgresServer;
import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.format.Json;

/**
 * The real Debezium embedded engine running the MariaDB (or MySQL, or PostgreSQL) connector, handing every record to a
 * {@link RecordSink} as the strings Kafka Connect's {@code JsonConverter} would have written to
 * Kafka. Offsets and schema history live in files under a state directory, so a runner started
 * again with the same directory resumes from its log position instead of re-snapshotting.
 *
 * <p>Build the configuration with {@link #config}, add or override any connector, converter
 * ({@code converter.*}) or transform ({@code transforms.*}) setting, then {@link #start}.
 */
public final class DebeziumCapture implements AutoCloseable {

    /** One record as a Connect worker would publish it; {@code key} and {@code value} are JSON, a null value is a tombstone. */
    public record CapturedRecord(String destination, String key, String value) {
    }

    /** Receives records in binlog order. Throwing fails the engine, which {@link #failure()} and {@link #close()} then report. */
    @FunctionalInterface
    public interface RecordSink {
        void accept(CapturedRecord record) throws Exception;
    }

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    // Every binlog client of a server needs its own server id, or the server drops the older one.
    private static final AtomicInteger SERVER_IDS = new AtomicInteger(5400);

    private final CompletableFuture<Void> polling = new CompletableFuture<>();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private final ExecutorService runner;
    private final DebeziumEngine<ChangeEvent<String, String>> engine;

    private DebeziumCapture(Properties config, RecordSink sink) {
        engine = DebeziumEngine.create(Json.class)
                .using(config)
                .notifying(event -> deliver(sink, event))
                .using(new DebeziumEngine.ConnectorCallback() {
                    @Override
                    public void pollingStarted() {
                        polling.complete(null);
                    }
                })
                .using((success, message, error) -> {
                    if (success) {
                        finished.complete(null);
                    } else {
                        finished.completeExceptionally(error != null ? error : new IllegalStateException(message));
                    }
                    // a start that failed before polling must not wait for its timeout
                    polling.completeExceptionally(new IllegalStateException("Debezium engine stopped before polling: "
                            + message, error));
                })
                .build();
        runner = Executors.newSingleThreadExecutor(r -> new Thread(r, "debezium-" + config.getProperty("name")));
    }

    /**
     * Settings that capture {@code database} on {@code server}: topics are
     * {@code <topicPrefix>.<database>.<table>}; offsets and schema history go to files in {@code stateDir}.
     */
    public static Properties config(String topicPrefix, MariaDbServer server, String database, Path stateDir) {
        Properties p = common(topicPrefix, stateDir);
        p.setProperty("connector.class", "io.debezium.connector.mariadb.MariaDbConnector");
        p.setProperty("database.hostname", "127.0.0.1");
        p.setProperty("database.port", Integer.toString(server.port()));
        p.setProperty("database.user", server.username());
        p.setProperty("database.password", server.password());
        p.setProperty("database.server.id", Integer.toString(SERVER_IDS.incrementAndGet()));
        p.setProperty("database.include.list", database);
        // DDL events would go to a topic of their own; the sink consumes row changes only
        p.setProperty("include.schema.changes", "false");
        p.setProperty("schema.history.internal", "io.debezium.storage.file.history.FileSchemaHistory");
        p.setProperty("schema.history.internal.file.filename", stateDir.resolve("schema-history.dat").toString());
        return p;
    }

    /**
     * Settings that capture the {@code public} schema of {@code database} on a PostgreSQL server
     * with logical decoding ({@code pgoutput}, the plugin built into PostgreSQL 10+): topics are
     * {@code <topicPrefix>.public.<table>}. A replication slot and a publication of the tables of
     * that schema are created for it, both named after the prefix (slots are per server).
     */
    public static Properties config(String topicPrefix, PostgresServer server, String database, Path stateDir) {
        Properties p = common(topicPrefix, stateDir);
        p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        p.setProperty("plugin.name", "pgoutput");
        p.setProperty("database.hostname", "127.0.0.1");
        p.setProperty("database.port", Integer.toString(server.port()));
        p.setProperty("database.user", server.username());
        p.setProperty("database.password", server.password());
        p.setProperty("database.dbname", database);
        p.setProperty("schema.include.list", "public");
        String slot = slotName(topicPrefix, database);
        p.setProperty("slot.name", slot);
        p.setProperty("publication.name", slot);
        p.setProperty("publication.autocreate.mode", "filtered");
        return p;
    }

    /** The replication slot {@link #config(String, PostgresServer, String, Path)} names for the prefix and database. */
    public static String slotName(String topicPrefix, String database) {
        return (topicPrefix + "_" + database).toLowerCase().replaceAll("[^a-z0-9_]", "_");
    }

    private static Properties common(String topicPrefix, Path stateDir) {
        Properties p = new Properties();
        p.setProperty("name", topicPrefix + "-capture");
        p.setProperty("topic.prefix", topicPrefix);
        p.setProperty("snapshot.mode", "initial");
        p.setProperty("offset.storage", "org.apache.kafka.connect.storage.FileOffsetBackingStore");
        p.setProperty("offset.storage.file.filename", stateDir.resolve("offsets.dat").toString());
        // commit after every batch: a crash then replays at most one batch
        p.setProperty("offset.flush.interval.ms", "0");
        p.setProperty("converter.schemas.enable", "true");
        // Kafka 4.2's WorkerConfig dropped its localhost:9092 default for this key and the engine
        // validates a worker config; nothing connects to it with file offsets and history.
        p.setProperty("bootstrap.servers", "localhost:9092");
        return p;
    }

    /**
     * Starts the engine and returns once it polls for changes (the snapshot, if any, runs from
     * then on). Throws with the connector's own words when the configuration or source is bad.
     */
    public static DebeziumCapture start(Properties config, RecordSink sink) {
        validate(config);
        DebeziumCapture capture = new DebeziumCapture(config, sink);
        capture.runner.execute(capture.engine);
        try {
            capture.polling.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return capture;
        } catch (ExecutionException e) {
            // the engine has already stopped itself and reported why
            capture.runner.shutdown();
            Throwable cause = capture.failure().orElse(e.getCause());
            throw new IllegalStateException("Debezium engine did not start: " + rootMessage(cause), cause);
        } catch (TimeoutException e) {
            capture.abandon();
            throw new IllegalStateException("Debezium engine did not start polling within " + START_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            capture.abandon();
            throw new IllegalStateException("interrupted while starting the Debezium engine", e);
        }
    }

    /** The error the engine stopped with, if it has stopped with one. */
    public Optional<Throwable> failure() {
        if (!finished.isCompletedExceptionally()) {
            return Optional.empty();
        }
        try {
            finished.join();
            return Optional.empty();
        } catch (CompletionException e) {
            return Optional.of(e.getCause());
        }
    }

    /**
     * Stops the engine (it commits the offsets of everything already delivered) and waits for it
     * to finish; throws if it does not stop in time or had stopped with an error.
     */
    @Override
    public void close() {
        if (!finished.isDone()) {
            try {
                engine.close();
            } catch (IOException e) {
                throw new IllegalStateException("Debezium engine did not close: " + e.getMessage(), e);
            } catch (IllegalStateException alreadyStopping) {
                // the engine is stopping on its own (it failed); the wait below sees it through
            }
        }
        runner.shutdown();
        try {
            if (!runner.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                runner.shutdownNow();
                throw new IllegalStateException("Debezium engine did not stop within " + STOP_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the Debezium engine", e);
        }
        failure().ifPresent(error -> {
            throw new IllegalStateException("Debezium engine failed: " + rootMessage(error), error);
        });
    }

    /** Best effort after a start that never got going: the engine refuses close() while its tasks start. */
    private void abandon() {
        try {
            engine.close();
        } catch (IOException | IllegalStateException e) {
            // still starting tasks or already stopping; interrupting the runner is all that is left
        }
        runner.shutdownNow();
    }

    /**
     * Debezium 3.5 (built on Kafka 4.1) reports invalid settings through
     * {@code ConfigInfos.values()}, which Kafka 4.2 turned into a record without it: the engine
     * then fails with a NoSuchMethodError that hides the reason. Asking the connector first keeps
     * the reason (e.g. "Unable to connect: ...").
     */
    private static void validate(Properties config) {
        Map<String, String> settings = new HashMap<>();
        config.stringPropertyNames().forEach(key -> settings.put(key, config.getProperty(key)));
        SourceConnector connector;
        try {
            connector = (SourceConnector) Class.forName(settings.get("connector.class"))
                    .getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("connector.class " + settings.get("connector.class")
                    + " cannot be instantiated: " + e, e);
        }
        String errors = connector.validate(settings).configValues().stream()
                .flatMap(value -> value.errorMessages().stream().map(message -> value.name() + ": " + message))
                .collect(Collectors.joining("; "));
        if (!errors.isEmpty()) {
            throw new IllegalStateException("Debezium engine did not start, invalid configuration: " + errors);
        }
    }

    private static void deliver(RecordSink sink, ChangeEvent<String, String> event) {
        try {
            sink.accept(new CapturedRecord(event.destination(), event.key(), event.value()));
        } catch (RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while delivering a record", e);
        } catch (Exception e) {
            throw new IllegalStateException("record sink failed: " + e.getMessage(), e);
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == error ? String.valueOf(error.getMessage()) : error.getMessage() + " (cause: " + t + ")";
    }
}
