package dev.cdcsink.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Function;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;

import com.zaxxer.hikari.HikariDataSource;

import dev.cdcsink.jdbc.DataSources;
import dev.cdcsink.support.TargetKind;
import dev.cdcsink.support.TargetServer;

/**
 * A connection whose TCP flow hangs (no bytes, no FIN, no RST) fails its statement after the
 * pool's socket timeout instead of waiting forever, and the pool gets working connections again;
 * a transaction left open on it at the server releases its row locks: what lets a partition whose
 * connection hung move on by itself ({@code HANG_DB_CONNECTIONS}).
 */
class HangingConnectionsTest {

    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(2);

    @ParameterizedTest
    @EnumSource(TargetKind.class)
    void aHangingConnectionTimesOutAndThePoolRecovers(TargetKind kind) throws Exception {
        TargetServer db = kind.server();
        String url = db.jdbcUrl(db.createDatabase("hang"));
        assertHangingConnectionTimesOut(port(url), proxy -> proxiedPool(db, url, proxy));
    }

    @ParameterizedTest
    @EnumSource(TargetKind.class)
    void aTransactionLeftOnAHangingConnectionReleasesItsLocks(TargetKind kind) throws Exception {
        TargetServer db = kind.server();
        String url = db.jdbcUrl(db.createDatabase("hang_locks"));
        try (Connection direct = DriverManager.getConnection(url, db.username(), db.password());
                Statement s = direct.createStatement();
                HangingProxy proxy = new HangingProxy(port(url));
                HikariDataSource pool = proxiedPool(db, url, proxy.port())) {
            s.execute("CREATE TABLE offsets (id INT PRIMARY KEY, next_offset BIGINT NOT NULL)");
            s.execute("INSERT INTO offsets VALUES (1, 0)");
            // a batch's transaction holds the row's lock when the flow hangs, as a sink_offset row's
            Connection hung = pool.getConnection();
            hung.setAutoCommit(false);
            try (Statement t = hung.createStatement()) {
                t.executeUpdate("UPDATE offsets SET next_offset = 10 WHERE id = 1");
            }
            assertThat(proxy.hang()).isPositive();
            s.execute(kind == TargetKind.POSTGRES ? "SET lock_timeout = '1s'" : "SET SESSION innodb_lock_wait_timeout = 1");

            // the server ends the idle transaction (rolled back), so another owner of the partition can go on
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .untilAsserted(() -> assertThat(s.executeUpdate("UPDATE offsets SET next_offset = 20 WHERE id = 1"))
                            .isEqualTo(1));
            try (ResultSet rs = s.executeQuery("SELECT next_offset FROM offsets WHERE id = 1")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(20);
            }
            hung.abort(Runnable::run);
        }
    }

    private static int port(String url) {
        return URI.create(url.substring("jdbc:".length())).getPort();
    }

    /** The service's pool for {@code url}, its connections going through the proxy on {@code proxyPort}. */
    private static HikariDataSource proxiedPool(TargetServer db, String url, int proxyPort) {
        String proxied = url.replace(":" + port(url) + "/", ":" + proxyPort + "/");
        return DataSources.pool("hang", proxied, db.username(), db.password(), 2, Duration.ofSeconds(5), SOCKET_TIMEOUT);
    }

    private static void assertHangingConnectionTimesOut(int dbPort, Function<Integer, HikariDataSource> pool)
            throws Exception {
        try (HangingProxy proxy = new HangingProxy(dbPort); HikariDataSource dataSource = pool.apply(proxy.port())) {
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            assertThat(jdbc.queryForObject("SELECT 1", Integer.class)).isEqualTo(1);
            assertThat(proxy.hang()).isPositive();

            long start = System.nanoTime();
            assertThatThrownBy(() -> jdbc.queryForObject("SELECT 2", Integer.class))
                    .hasRootCauseInstanceOf(java.net.SocketTimeoutException.class);
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            assertThat(waited).isGreaterThanOrEqualTo(SOCKET_TIMEOUT.minusMillis(100))
                    .isLessThan(SOCKET_TIMEOUT.plusSeconds(10));

            // the pool's other hanging connections fail its validation in turn; new ones carry bytes
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .untilAsserted(() -> assertThat(jdbc.queryForObject("SELECT 3", Integer.class)).isEqualTo(3));
        }
    }
}
