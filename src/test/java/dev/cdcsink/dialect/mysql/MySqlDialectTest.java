package dev.cdcsink.dialect.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.cdcsink.dialect.RowsStatement;

/**
 * The statement text the MySQL dialect renders; that the server reads it back exactly is in
 * {@code ChangeSinkTest} and the type round trips.
 */
class MySqlDialectTest {

    private final MySqlDialect dialect = new MySqlDialect(() -> true);

    /** One row of values as the dialect writes them, the template's commas between them. */
    private static String rendered(int values, RowsStatement.RowWriter<Integer> writer) {
        return RowsStatement.tuples("", values, "", MySqlValues::new).render(List.of(1), 10, writer).get(0)
                .replaceFirst("^\\((.*)\\)$", "$1");
    }

    @Test
    void plainStringsAreQuotedAndAnythingAModeCouldReadDifferentlyIsHex() {
        assertThat(rendered(1, (r, v) -> v.add("İstanbul \"ev\" {fn x} ?"))).isEqualTo("'İstanbul \"ev\" {fn x} ?'");
        assertThat(rendered(1, (r, v) -> v.add("O'Brien"))).isEqualTo("_utf8mb4 X'4F27427269656E'");
        assertThat(rendered(1, (r, v) -> v.add("a\\b"))).isEqualTo("_utf8mb4 X'615C62'");
        assertThat(rendered(1, (r, v) -> v.add("a\nb"))).isEqualTo("_utf8mb4 X'610A62'");
        assertThat(rendered(1, (r, v) -> v.add(new byte[] { 0, (byte) 0xff, 0x1a }))).isEqualTo("X'00FF1A'");
    }

    @Test
    void numbersTimestampsBooleansAndNulls() {
        assertThat(rendered(5, (r, v) -> v.add(Long.MIN_VALUE).add(new BigDecimal("1E+3")).add(new BigDecimal("-0.010"))
                .add(true).add(false))).isEqualTo("-9223372036854775808, 1000, -0.010, 1, 0");
        assertThat(rendered(2, (r, v) -> v.add(LocalDateTime.of(999, 1, 2, 3, 4, 5, 6_000))
                .add(LocalDateTime.of(2026, 11, 22, 23, 59, 59, 999_999_999))))
                .isEqualTo("'0999-01-02 03:04:05.000006', '2026-11-22 23:59:59.999999'");
        assertThat(rendered(5, (r, v) -> v.addNull().add((String) null).add((BigDecimal) null)
                .add((LocalDateTime) null).add((byte[]) null))).isEqualTo("NULL, NULL, NULL, NULL, NULL");
    }

    @Test
    void unsignedFloatsTimesAndGeometries() {
        assertThat(rendered(4, (r, v) -> v.addUnsigned(-1L).add(1.1f).add(0.1d).add(1e300)))
                .isEqualTo("18446744073709551615, 1.100000023841858E0, 0.1E0, 1.0E300");
        assertThat(rendered(3, (r, v) -> v.add(java.time.Duration.ofHours(-838).minusMinutes(59).minusSeconds(59))
                .add(java.time.Duration.ofHours(838).plusMinutes(59).plusSeconds(59).plusNanos(1_000))
                .add(java.time.Duration.ofMinutes(5))))
                .isEqualTo("'-838:59:59.000000', '838:59:59.000001', '00:05:00.000000'");
        assertThat(rendered(1, (r, v) -> v.add(new dev.cdcsink.change.Geometry(new byte[] { 1, 2 }, 4326))))
                .isEqualTo("X'E61000000102'");
    }

    @Test
    void guardedUpsertAssignsThePositionLastAndSplitsByRowCount() {
        RowsStatement upsert = dialect.rows().upsert("t", List.of("id", "v", "pos"), List.of("id"), "pos");

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

        List<String> statements = dialect.rows().upsert("t", List.of("id", "v", "pos"), List.of("id"), "pos")
                .render(rows, 1000, (r, v) -> v.add(r).add(big).add(new byte[] { 1 }));

        assertThat(statements).hasSizeGreaterThan(1)
                .allSatisfy(sql -> assertThat(sql.length()).isLessThan(RowsStatement.MAX_CHARS + 2 * big.length()));
        assertThat(statements.stream().mapToInt(sql -> sql.split("'x").length - 1).sum()).isEqualTo(100);
    }

    @Test
    void identifiersAreQuotedAndTheUpsertMustWriteKeyAndPosition() {
        assertThatThrownBy(() -> dialect.rows().upsert("t`; --", List.of("id", "pos"), List.of("id"), "pos"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> dialect.rows().upsert("t", List.of("id"), List.of("id"), "pos"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void acceptableNamesAreLettersDigitsUnderscoreAndDollarOfAtMost64Characters() {
        assertThat(dialect.identifierProblem("listings")).isNull();
        assertThat(dialect.identifierProblem("ilanlar_ğüşıöç_2026$")).isNull();
        assertThat(dialect.identifierProblem("x".repeat(64))).isNull();
        assertThat(dialect.identifierProblem("x".repeat(65))).contains("longer than 64");
        assertThat(dialect.identifierProblem("a`b")).contains("'`'");
        assertThat(dialect.identifierProblem("drop table; --")).contains("' '");
        assertThat(dialect.identifierProblem("123")).contains("only digits");
        assertThat(dialect.identifierProblem("")).contains("empty");
    }

    @Test
    void aCompositeKeyLocksByTuplesAndDeletesByPredicate() {
        assertThat(dialect.rows().lock("p", List.of("a", "b"), List.of("a", "b", "pos")).render(List.of(1, 2), 10,
                (r, v) -> v.add(r).add(r * 10))).containsExactly(
                        "SELECT `a`, `b`, `pos` FROM `p` WHERE (`a`, `b`) IN ((1, 10), (2, 20)) FOR UPDATE");
        assertThat(dialect.rows().deleteNotNewer("p", List.of("a", "b"), "pos").render(List.of(1, 2), 10,
                (r, v) -> v.add(r).add(r * 10).add(new byte[] { r.byteValue() }))).containsExactly(
                        "DELETE FROM `p` WHERE (`a` = 1 AND `b` = 10 AND `pos` <= X'01') OR (`a` = 2 AND `b` = 20 AND `pos` <= X'02')");
    }

    @Test
    void aTableWithOtherUniqueKeysIsWrittenByKeyAloneWithAGuardedUpdateAndAPlainInsert() {
        assertThat(dialect.rows().updateByKey("t", List.of("id", "email", "pos"), List.of("id"), "pos")
                .render(List.of(1, 2), 10, (r, v) -> v.add(r).add("e" + r).add(new byte[] { r.byteValue() })))
                .containsExactly("UPDATE `t` AS s JOIN (SELECT 1 AS `id`, 'e1' AS `email`, X'01' AS `pos` UNION ALL "
                        + "SELECT 2 AS `id`, 'e2' AS `email`, X'02' AS `pos`) AS n ON s.`id` = n.`id` "
                        + "SET s.`email` = n.`email`, s.`pos` = n.`pos` WHERE n.`pos` >= s.`pos`");
        assertThat(dialect.rows().insert("t", List.of("id", "email")).render(List.of(1), 10,
                (r, v) -> v.add(r).add("e" + r))).containsExactly("INSERT INTO `t` (`id`, `email`) VALUES (1, 'e1')");
    }
}
