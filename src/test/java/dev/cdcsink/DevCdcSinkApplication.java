package dev.cdcsink;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.awaitility.Awaitility;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.cdcsink.control.ApiCredentials;
import dev.cdcsink.devstack.DevStack;
import dev.cdcsink.dialect.Bookkeeping;
import dev.cdcsink.support.KafkaBroker;
import dev.cdcsink.support.MariaDbServer;
import dev.cdcsink.support.PostgresServer;
import dev.cdcsink.support.SinkApp;
import dev.cdcsink.support.TargetServer;

/**
 * Dev mode, {@code ./mvnw spring-boot:test-run}: the whole flow on a machine with only a JDK.
 * Starts the source database {@code shop} and the target database {@code listings_copy}, each on a
 * MariaDB server (the default) or a PostgreSQL server (one server for both when they are the same
 * product), a Kafka broker, the Debezium engine capturing {@code listings}, {@code listing_photos}
 * and {@code listing_details}, and the service with its data generator on; prints where everything
 * is. Data, logs and Debezium's offsets live under {@code data/devstack}, so a restart continues
 * where the last run stopped; delete that directory to start afresh.
 *
 * <p>System properties: {@code devstack.source} and {@code devstack.target} ({@code mariadb} or
 * {@code postgres}; the pom passes {@code -Ddevstack.source=…} on), {@code devstack.dir} (default
 * {@code data/devstack}), {@code devstack.mariadb.port} (3307), {@code devstack.postgres.port} (5433),
 * {@code devstack.kafka.port} (9092). Arguments
 * {@code --name=value} are service properties, e.g. {@code --server.port=8081} or
 * {@code --cdc-sink.generator.rate=50}.
 */
public final class DevCdcSinkApplication {

    /** The products dev mode runs a source or target on. */
    enum Product {
        MARIADB("MariaDB"), POSTGRES("PostgreSQL");

        private final String shown;

        Product(String shown) {
            this.shown = shown;
        }

        static Product of(String property) {
            String value = System.getProperty(property, "mariadb");
            try {
                return valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(property + " is mariadb or postgres, not " + value);
            }
        }
    }

    private DevCdcSinkApplication() {
    }

    public static void main(String[] args) {
        long started = System.nanoTime();
        LocalDateTime startedAt = LocalDateTime.now(ZoneOffset.UTC);
        Path dir = Path.of(System.getProperty("devstack.dir", "data/devstack")).toAbsolutePath();
        Product sourceProduct = Product.of("devstack.source");
        Product targetProduct = Product.of("devstack.target");
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

        // the servers the two products need, in start order; closed in reverse
        List<AutoCloseable> running = new ArrayList<>();
        Map<Product, TargetServer> servers = new EnumMap<>(Product.class);
        DevStack stack;
        try {
            for (Product product : EnumSet.of(sourceProduct, targetProduct)) {
                servers.put(product, start(product, dir, running));
            }
            KafkaBroker kafka = KafkaBroker.start(kafkaPort);
            running.add(kafka);
            // each connector its own offsets: a MariaDB binlog position means nothing to PostgreSQL's
            Path captureState = dir.resolve(sourceProduct == Product.POSTGRES ? "debezium-postgres" : "debezium");
            stack = DevStack.start(servers.get(sourceProduct), servers.get(targetProduct), kafka,
                    new DevStack.Settings("cdc", "shop", "listings_copy", 3, captureState, service));
            running.add(stack);
        } catch (RuntimeException e) {
            closeAll(running);
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping dev stack: generator, capture, service (once caught up), Kafka, databases");
            closeAll(running);
        }, "devstack-stop"));

        int port = SinkApp.port(stack.service());
        String kafkaAddress = "127.0.0.1:" + kafkaPort;
        System.out.println(banner(port, kafkaAddress, stack, sourceProduct, targetProduct, dir));

        JdbcTemplate target = new JdbcTemplate(stack.service().getBean(javax.sql.DataSource.class));
        // the sink creates the target table with its first change: until then the query fails
        Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                .ignoreException(BadSqlGrammarException.class).until(() -> target.queryForObject(
                        "SELECT COUNT(*) FROM listings WHERE " + Bookkeeping.APPLIED_AT + " >= ?", Long.class,
                        startedAt) > 0);
        System.out.printf("dev stack: first row landed in the target %.1f s after start-up began%n",
                (System.nanoTime() - started) / 1e9);
    }

    /** The product's server on its dev-mode port, its data under {@code dir}. */
    private static TargetServer start(Product product, Path dir, List<AutoCloseable> running) {
        if (product == Product.POSTGRES) {
            PostgresServer postgres = PostgresServer.start(Integer.getInteger("devstack.postgres.port", 5433),
                    dir.resolve("postgres"));
            running.add(postgres);
            return postgres;
        }
        MariaDbServer mariaDb = MariaDbServer.start("devstack", Integer.getInteger("devstack.mariadb.port", 3307),
                dir.resolve("mariadb"));
        running.add(mariaDb);
        return mariaDb;
    }

    /** Closes in reverse start order; a part that fails to close does not keep the others open. */
    private static void closeAll(List<AutoCloseable> running) {
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                System.err.println("dev stack: " + running.get(i).getClass().getSimpleName() + " did not close: " + e);
            }
        }
    }

    private static String banner(int port, String kafkaAddress, DevStack stack, Product source, Product target,
            Path dir) {
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
                String.format("  %-20s%s   user %s, no password", "Source (" + source.shown + ")",
                        withoutParameters(stack.sourceJdbcUrl()), stack.sourceServer().username()),
                String.format("  %-20s%s   user %s, no password", "Target (" + target.shown + ")",
                        withoutParameters(stack.targetJdbcUrl()), stack.targetServer().username()),
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
