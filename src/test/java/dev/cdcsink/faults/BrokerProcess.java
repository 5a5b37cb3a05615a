package dev.cdcsink.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.Uuid;

/**
 * A Kafka broker (KRaft, combined broker and controller) in a JVM of its own, started by Kafka's
 * own {@code kafka.Kafka} main class from a properties file, as a deployment runs it. Its port and
 * log directory stay the same across restarts, so clients reconnect to the same address and find
 * their topics and committed offsets again.
 */
final class BrokerProcess implements AutoCloseable {

    private final Path dir;
    private final int port;
    private final Path config;
    private Process process;

    private BrokerProcess(Path dir, int port, Path config) {
        this.dir = dir;
        this.port = port;
        this.config = config;
    }

    /** Formats a new log directory under {@code dir} and starts the broker on free ports. */
    static BrokerProcess start(Path dir) throws IOException, InterruptedException {
        int port = FreePorts.next();
        int controllerPort = FreePorts.next();
        Path logs = dir.resolve("kafka-logs");
        Files.createDirectories(logs);
        Path config = dir.resolve("server.properties");
        Files.writeString(config, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + logs.toAbsolutePath(),
                "auto.create.topics.enable=false",
                "group.initial.rebalance.delay.ms=0",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "num.network.threads=2",
                "num.io.threads=2",
                "log.cleaner.enable=false") + "\n");
        Process format = java(dir.resolve("kafka-format.log"), "kafka.tools.StorageTool", "format", "-t",
                Uuid.randomUuid().toString(), "-c", config.toString());
        if (!format.waitFor(2, TimeUnit.MINUTES) || format.exitValue() != 0) {
            throw new IllegalStateException("kafka storage format failed; see " + dir.resolve("kafka-format.log"));
        }
        BrokerProcess broker = new BrokerProcess(dir, port, config);
        broker.start();
        return broker;
    }

    /** Starts the broker process (again) on its port and log directory. */
    void start() throws IOException {
        process = java(dir.resolve("kafka.log"), "kafka.Kafka", config.toString());
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** SIGTERM and wait: a controlled shutdown (the broker moves nothing, it is the only one). */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    private static Process java(Path log, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m", "-Xms64m",
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            stop();
        }
    }
}
