package dev.cdcsink.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.cdcsink.CdcSinkApplication;

/**
 * Runs the real service in-process against the shared broker and a target database, so a test
 * can start, kill and restart instances (or run two in one consumer group).
 */
public final class SinkApp {

    private SinkApp() {
    }

    /** Starts an instance; {@code extra} are further properties as {@code name=value}. */
    public static ConfigurableApplicationContext start(String bootstrapServers, String jdbcUrl, String topic,
            String groupId, Map<String, String> extra) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + bootstrapServers,
                "--cdc-sink.target.jdbc-url=" + jdbcUrl,
                "--cdc-sink.target.username=root",
                "--cdc-sink.target.password=",
                "--cdc-sink.consumer.topic=" + topic,
                "--cdc-sink.consumer.group-id=" + groupId,
                "--cdc-sink.consumer.backoff.initial-interval=100ms",
                "--cdc-sink.consumer.backoff.max-interval=1s",
                "--spring.kafka.consumer.properties.metadata.max.age.ms=1000",
                "--spring.main.banner-mode=off"));
        extra.forEach((k, v) -> args.add("--" + k + "=" + v));
        return new SpringApplicationBuilder(CdcSinkApplication.class).run(args.toArray(String[]::new));
    }
}
