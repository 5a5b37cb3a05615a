package dev.cdcsink.dialect.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.cdcsink.apply.DeleteMode;
import dev.cdcsink.change.KafkaCoordinates;
import dev.cdcsink.change.RowChange;
import dev.cdcsink.dialect.Bookkeeping;
import dev.cdcsink.dialect.ChecksumStatements;
import dev.cdcsink.dialect.ChecksumTable;
import dev.cdcsink.dialect.KeyRange;
import dev.cdcsink.dialect.Sql;
import dev.cdcsink.dialect.TargetColumn;
import dev.cdcsink.dialect.TargetTable;
import dev.cdcsink.event.ChangeEventParser;
import dev.cdcsink.event.ParseResult;
import dev.cdcsink.support.MariaDbServer;
import dev.cdcsink.support.PostgresServer;
import dev.cdcsink.support.SinkHarness;
import dev.cdcsink.support.TargetDatabase;

/**
 * The canonical texts are a contract between dialects: the same captured rows of every type,
 * copied into a MariaDB and into a PostgreSQL target, give the same text column by column.
 */
class PostgresChecksumsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> FIXTURES = List.of("r-1.json");

    @Test
    void eachValueHasTheSameCanonicalTextInMariaDbAndPostgres() {
        try (TargetDatabase maria = TargetDatabase.create(MariaDbServer.shared());
                TargetDatabase postgres = TargetDatabase.create(PostgresServer.shared())) {
            Map<String, List<String>> inMaria = canonicalTexts(maria);
            Map<String, List<String>> inPostgres = canonicalTexts(postgres);

            assertThat(inPostgres.keySet()).containsExactlyElementsOf(inMaria.keySet());
            inMaria.forEach((column, texts) -> assertThat(inPostgres.get(column)).as(column).isEqualTo(texts));
            // and so the row hashes, and the pages keys fall in
            assertThat(pages(postgres)).isEqualTo(pages(maria)).hasSizeGreaterThan(1);
        }
    }

    /** Per page of 1 key: its rows and the XOR of their row hashes (as 64 bits), as the reconcile reads them. */
    private static List<List<Long>> pages(TargetDatabase target) {
        TargetTable table = target.dialect().tables().read(target.jdbc(), "all_types").orElseThrow();
        List<TargetColumn> compared = table.columns().stream().filter(c -> !Bookkeeping.isReserved(c.name())).toList();
        ChecksumTable checked = new ChecksumTable("all_types", compared, List.of(table.column("id")), true);
        ChecksumStatements checksums = target.dialect().checksums();
        List<List<Long>> pages = new ArrayList<>();
        List<Object> after = null;
        while (true) {
            List<List<Object>> end = new ArrayList<>();
            Sql.query(target.jdbc(), List.of(checksums.pageEnd(checked, after, 1)),
                    rs -> end.add(checksums.sortValues(rs, checked.key())));
            KeyRange page = new KeyRange(after, end.isEmpty() ? null : end.get(0));
            Sql.query(target.jdbc(), List.of(checksums.pageSums(checked, page)),
                    rs -> pages.add(List.of(rs.getLong(1), ((Number) rs.getObject(2)).longValue())));
            if (end.isEmpty()) {
                return pages;
            }
            after = end.get(0);
        }
    }

    /** By column, the canonical text of each copied row, ordered by id. */
    private static Map<String, List<String>> canonicalTexts(TargetDatabase target) {
        SinkHarness sink = new SinkHarness(target, DeleteMode.SOFT);
        List<RowChange> changes = new ArrayList<>();
        for (String fixture : FIXTURES) {
            changes.add(parse(sink, "all_types/schemas-source-types/" + fixture));
        }
        sink.apply(sink.batch(changes));
        TargetTable table = target.dialect().tables().read(target.jdbc(), "all_types").orElseThrow();
        Map<String, List<String>> texts = new LinkedHashMap<>();
        for (TargetColumn column : table.columns()) {
            if (!Bookkeeping.isReserved(column.name())) {
                texts.put(column.name(), target.jdbc().queryForList("SELECT " + target.dialect().checksums()
                        .canonical(column) + " FROM all_types ORDER BY id", String.class));
            }
        }
        return texts;
    }

    private static RowChange parse(SinkHarness sink, String fixture) {
        try (InputStream in = PostgresChecksumsTest.class.getResourceAsStream("/debezium-events/" + fixture)) {
            JsonNode record = JSON.readTree(in.readAllBytes());
            ParseResult parsed = new ChangeEventParser(sink.catalog()).parse(new KafkaCoordinates(
                    record.get("destination").asString(), 0, 0, 0), JSON.writeValueAsBytes(record.get("key")),
                    JSON.writeValueAsBytes(record.get("value")));
            return ((ParseResult.Change) parsed).change();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
