package dev.cdcsink.faults;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.common.TopicPartition;

import tools.jackson.databind.JsonNode;

import dev.cdcsink.benchmark.SinkBenchmark;
import dev.cdcsink.support.Api;
import dev.cdcsink.support.ServiceProcess;

/** One service instance of the group, in its own JVM; restartable under the same name. */
final class Instance implements AutoCloseable {

    private final String name;
    private final Map<String, String> properties;
    private final Path logDir;
    private ServiceProcess process;
    private int starts;

    Instance(String name, Map<String, String> properties, Path logDir) {
        this.name = name;
        this.properties = properties;
        this.logDir = logDir;
    }

    String name() {
        return name;
    }

    void start() throws IOException {
        starts++;
        Map<String, String> settings = new LinkedHashMap<>(properties);
        settings.put("cdc-sink.instance", name);
        process = ServiceProcess.start("256m", List.of(SinkBenchmark.SERVICE_JVM.split(" ")), settings,
                logDir.resolve(name + "-" + starts + ".log"));
    }

    boolean running() {
        return process != null && process.isAlive();
    }

    void kill() throws InterruptedException {
        process.kill();
    }

    /** SIGTERM and wait until the JVM has ended. */
    void terminate() throws InterruptedException {
        process.terminate();
        if (!process.awaitExit(Duration.ofSeconds(60))) {
            process.kill();
        }
    }

    Api api() {
        return Api.operator(process.port());
    }

    /** Whether readiness is UP now. */
    boolean ready() {
        try {
            return running() && api().get("/actuator/health/readiness").status() == 200;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /** The partitions this instance owns now, by its {@code GET /api/pipeline}. */
    Set<TopicPartition> owned() {
        Set<TopicPartition> owned = new HashSet<>();
        try {
            for (JsonNode p : api().get("/api/pipeline").body().path("partitions")) {
                if (p.path("assignedHere").asBoolean()) {
                    owned.add(new TopicPartition(p.path("topic").asString(), p.path("partition").asInt()));
                }
            }
        } catch (IllegalStateException e) {
            // not answering: owns nothing it could report
        }
        return owned;
    }

    @Override
    public void close() throws InterruptedException {
        if (running()) {
            process.close();
        }
    }
}
