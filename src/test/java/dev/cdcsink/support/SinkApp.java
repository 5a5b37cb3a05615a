package dev.cdcsink.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
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

    public static final String OPERATOR_PASSWORD = "operator-secret";
    public static final String VIEWER_PASSWORD = "viewer-secret";

    private SinkApp() {
    }

    /** Starts an instance; {@code extra} are further properties as {@code name=value}. */
    public static ConfigurableApplicationContext start(String bootstrapServers, String jdbcUrl, String topic,
            String groupId, Map<String, String> extra) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("server.port", "0");
        properties.put("spring.kafka.bootstrap-servers", bootstrapServers);
        properties.put("cdc-sink.target.jdbc-url", jdbcUrl);
        properties.put("cdc-sink.target.username", "root");
        properties.put("cdc-sink.target.password", "");
        properties.put("cdc-sink.consumer.topics", topic);
        properties.put("cdc-sink.consumer.group-id", groupId);
        properties.put("cdc-sink.consumer.backoff.initial-interval", "100ms");
        properties.put("cdc-sink.consumer.backoff.max-interval", "1s");
        properties.put("spring.kafka.consumer.properties.metadata.max.age.ms", "1000");
        properties.put("spring.main.banner-mode", "off");
        properties.put("cdc-sink.security.operator.password", OPERATOR_PASSWORD);
        properties.put("cdc-sink.security.viewer.password", VIEWER_PASSWORD);
        // a repeated command-line option would be joined into a list, not overridden
        properties.putAll(extra);
        List<String> args = new ArrayList<>();
        properties.forEach((k, v) -> args.add("--" + k + "=" + v));
        return new SpringApplicationBuilder(CdcSinkApplication.class).run(args.toArray(String[]::new));
    }

    /** The HTTP port the instance listens on. */
    public static int port(ConfigurableApplicationContext app) {
        return Integer.parseInt(app.getEnvironment().getRequiredProperty("local.server.port"));
    }
}
