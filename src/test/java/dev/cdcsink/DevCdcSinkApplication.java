package dev.cdcsink;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import org.awaitility.Awaitility;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.cdcsink.control.ApiCredentials;
import dev.cdcsink.devstack.DevStack;
import dev.cdcsink.dialect.Bookkeeping;
import dev.cdcsink.support.KafkaBroker;
import dev.cdcsink.support.MariaDbServer;
import dev.cdcsink.support.SinkApp;

/**
 * Dev mode, {@code ./mvnw spring-boot:test-run}: the whole flow on a machine with only a JDK.
 * Starts a MariaDB server (source {@code shop}, target {@code listings_copy}), a Kafka broker,
 * the Debezium engine capturing {@code listings}, {@code listing_photos} and
 * {@code listing_details}, and the service with its data generator on; prints where everything is.
 * Data, binlog and Debezium's offsets live under {@code data/devstack}, so a restart continues
 * where the last run stopped; delete that directory to start afresh.
 *
 * <p>System properties: {@code devstack.dir} (default {@code data/devstack}),
 * {@code devstack.mariadb.port} (3307), {@code devstack.kafka.port} (9092). Arguments
 * {@code --name=value} are service properties, e.g. {@code --server.port=8081} or
 * {@code --cdc-sink.generator.rate=50}.
 */
public final class DevCdcSinkApplication {

    private DevCdcSinkApplication() {
    }

    public static void main(String[] args) {
        long started = System.nanoTime();
        LocalDateTime startedAt = LocalDateTime.now(ZoneOffset.UTC);
        Path dir = Path.of(System.getProperty("devstack.dir", "data/devstack")).toAbsolutePath();
        int mariaDbPort = Integer.getInteger("devstack.mariadb.port", 3307);
        int kafkaPort = Integer.getInteger("devstack.kafka.port", 9092);

        Map<String, String> service = new LinkedHashMap<>();
        service.put("server.port", "8080");
        service.put("spring.main.banner-mode", "console");
        // the stack's shutdown hook stops the parts in order; the service must not close on its own first
        service.put("spring.main.register-shutdown-hook", "false");
        // dev mode generates the API passwords and shows them in the banner
        service.put("cdc-sink.security.operator.password", "");
        service.put("cdc-sink.security.viewer.password", "");
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("arguments are service properties as --name=value, got " + arg);
            }
            service.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }

        MariaDbServer mariaDb = MariaDbServer.start("devstack", mariaDbPort, dir.resolve("mariadb"));
        KafkaBroker kafka;
        DevStack stack;
        try {
            kafka = KafkaBroker.start(kafkaPort);
            try {
                stack = DevStack.start(mariaDb, mariaDb, kafka,
                        new DevStack.Settings("cdc", "shop", "listings_copy", 3, dir.resolve("debezium"), service));
            } catch (RuntimeException e) {
                kafka.close();
                throw e;
            }
        } catch (RuntimeException e) {
            mariaDb.close();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping dev stack: generator, capture, service (once caught up), Kafka, MariaDB");
            try (mariaDb; kafka; stack) {
                // closed in reverse order
            }
        }, "devstack-stop"));

        int port = SinkApp.port(stack.service());
        String kafkaAddress = "127.0.0.1:" + kafkaPort;
        System.out.println(banner(port, kafkaAddress, stack, dir));

        JdbcTemplate target = new JdbcTemplate(stack.service().getBean(javax.sql.DataSource.class));
        // the sink creates the target table with its first change: until then the query fails
        Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                .ignoreException(BadSqlGrammarException.class).until(() -> target.queryForObject(
                        "SELECT COUNT(*) FROM listings WHERE " + Bookkeeping.APPLIED_AT + " >= ?", Long.class,
                        startedAt) > 0);
        System.out.printf("dev stack: first row landed in the target %.1f s after start-up began%n",
                (System.nanoTime() - started) / 1e9);
    }

    private static String banner(int port, String kafkaAddress, DevStack stack, Path dir) {
        String api = "http://localhost:" + port;
        return String.join(System.lineSeparator(),
                "",
                "==================================== cdc-sink dev stack ====================================",
                "  API (generator)     " + api + "/api/generator   (POST .../start {\"rate\": 5.0}, POST .../stop)",
                "  API users (Basic)   " + account(stack, "operator") + " (changes), " + account(stack, "viewer")
                        + " (reads)",
                "  Health              " + api + "/actuator/health",
                "  Prometheus scrape   " + api + "/actuator/prometheus",
                "  Kafka               " + kafkaAddress + "   " + stack.settings().partitions()
                        + " partitions each (and a .DLT) in topics",
                "                      " + String.join(", ", stack.topics()),
                "  Source (MariaDB)    " + withoutParameters(stack.sourceJdbcUrl()) + "   user root, no password",
                "  Target (MariaDB)    " + withoutParameters(stack.targetJdbcUrl()) + "   user root, no password",
                "  Data                " + dir + "   (delete it to start afresh)",
                "  Stop                Ctrl+C",
                "=============================================================================================",
                "");
    }

    /** {@code user:password} as the service has them: generated, unless given as arguments. */
    private static String account(DevStack stack, String role) {
        ApiCredentials credentials = stack.service().getBean(ApiCredentials.class);
        return stack.service().getEnvironment().getProperty("cdc-sink.security." + role + ".username") + ":"
                + (role.equals("operator") ? credentials.operatorPassword() : credentials.viewerPassword());
    }

    private static String withoutParameters(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    }
}
