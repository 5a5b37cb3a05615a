package dev.cdcsink.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** The statement text the MySQL dialect renders; that the server reads it back exactly is in {@link ListingSinkTest}. */
class MySqlDialectTest {

    private final MySqlDialect dialect = new MySqlDialect();

    private static String rendered(RowsStatement.RowWriter<Integer> writer) {
        return new MySqlDialect().selectForUpdate("t", List.of("id"), "id").render(List.of(1), 10, writer).get(0)
                .replaceFirst("^SELECT `id` FROM `t` WHERE `id` IN \\((.*)\\) FOR UPDATE$", "$1");
    }

    @Test
    void plainStringsAreQuotedAndAnythingAModeCouldReadDifferentlyIsHex() {
        assertThat(rendered((r, v) -> v.add("İstanbul \"ev\" {fn x} ?"))).isEqualTo("'İstanbul \"ev\" {fn x} ?'");
        assertThat(rendered((r, v) -> v.add("O'Brien"))).isEqualTo("_utf8mb4 X'4F27427269656E'");
        assertThat(rendered((r, v) -> v.add("a\\b"))).isEqualTo("_utf8mb4 X'615C62'");
        assertThat(rendered((r, v) -> v.add("a\nb"))).isEqualTo("_utf8mb4 X'610A62'");
        assertThat(rendered((r, v) -> v.add(new byte[] { 0, (byte) 0xff, 0x1a }))).isEqualTo("X'00FF1A'");
    }

    @Test
    void numbersTimestampsBooleansAndNulls() {
        assertThat(rendered((r, v) -> v.add(Long.MIN_VALUE).add(new BigDecimal("1E+3")).add(new BigDecimal("-0.010"))
                .add(true).add(false))).isEqualTo("-9223372036854775808, 1000, -0.010, 1, 0");
        assertThat(rendered((r, v) -> v.add(LocalDateTime.of(999, 1, 2, 3, 4, 5, 6_000))
                .add(LocalDateTime.of(2026, 11, 22, 23, 59, 59, 999_999_999))))
                .isEqualTo("'0999-01-02 03:04:05.000006', '2026-11-22 23:59:59.999999'");
        assertThat(rendered((r, v) -> v.add((Long) null).add((String) null).add((BigDecimal) null)
                .add((LocalDateTime) null).add((byte[]) null))).isEqualTo("NULL, NULL, NULL, NULL, NULL");
    }

    @Test
    void guardedUpsertAssignsThePositionLastAndSplitsByRowCount() {
        RowsStatement upsert = dialect.guardedUpsert("t", List.of("id", "v", "pos"), "id", "pos");

        List<String> statements = upsert.render(List.of(1, 2, 3), 2, (r, v) -> v.add(r).add("v" + r).add(new byte[] { 1 }));

        String tail = " ON DUPLICATE KEY UPDATE `v` = IF(VALUES(`pos`) >= `pos`, VALUES(`v`), `v`), "
                + "`pos` = IF(VALUES(`pos`) >= `pos`, VALUES(`pos`), `pos`)";
        assertThat(statements).containsExactly(
                "INSERT INTO `t` (`id`, `v`, `pos`) VALUES (1, 'v1', X'01'), (2, 'v2', X'01')" + tail,
                "INSERT INTO `t` (`id`, `v`, `pos`) VALUES (3, 'v3', X'01')" + tail);
    }

    @Test
    void aStatementEndsAtARowBoundaryOnceItIsLarge() {
        String big = "x".repeat(100_000);
        List<Integer> rows = IntStream.range(0, 100).boxed().toList();

        List<String> statements = dialect.guardedUpsert("t", List.of("id", "v", "pos"), "id", "pos")
                .render(rows, 1000, (r, v) -> v.add(r).add(big).add(new byte[] { 1 }));

        assertThat(statements).hasSizeGreaterThan(1)
                .allSatisfy(sql -> assertThat(sql.length()).isLessThan(RowsStatement.MAX_CHARS + 2 * big.length()));
        assertThat(statements.stream().mapToInt(sql -> sql.split("'x").length - 1).sum()).isEqualTo(100);
    }

    @Test
    void identifiersMustBePlainAndIncludeKeyAndPosition() {
        assertThatThrownBy(() -> dialect.guardedUpsert("t`; --", List.of("id", "pos"), "id", "pos"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> dialect.guardedUpsert("t", List.of("id"), "id", "pos"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
