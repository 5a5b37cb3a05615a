package dev.cdcsink.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
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
 * pool's socket timeout instead of waiting forever, and the pool gets working connections again: what
 * lets a partition whose connection hung move on by itself ({@code HANG_DB_CONNECTIONS}).
 */
class HangingConnectionsTest {

    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(2);

    @ParameterizedTest
    @EnumSource(TargetKind.class)
    void aHangingConnectionTimesOutAndThePoolRecovers(TargetKind kind) throws Exception {
        TargetServer db = kind.server();
        String url = db.jdbcUrl(db.createDatabase("hang"));
        int port = URI.create(url.substring("jdbc:".length())).getPort();
        assertHangingConnectionTimesOut(port, proxy -> {
            String proxied = url.replace(":" + port + "/", ":" + proxy + "/");
            return DataSources.pool("hang", proxied, db.username(), db.password(), 2, Duration.ofSeconds(5),
                    SOCKET_TIMEOUT);
        });
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
