package dev.cdcsink.dialect.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PostgreSQL's identifier rules and which failures are a row the server rejects. */
class PostgresDialectTest {

    private final PostgresDialect dialect = new PostgresDialect();

    @Test
    void namesAreAtMost63BytesOfUtf8() {
        assertThat(dialect.identifierProblem("a".repeat(63))).isNull();
        assertThat(dialect.identifierProblem("a".repeat(64))).contains("63 bytes");
        // 32 characters of two bytes each: 64 bytes, which PostgreSQL would cut
        assertThat(dialect.identifierProblem("ş".repeat(32))).contains("63 bytes");
        assertThat(dialect.identifierProblem("ş".repeat(31))).isNull();
    }

    @Test
    void namesNeedNoMoreThanDoubleQuotes() {
        assertThat(dialect.identifierProblem("Listing_Photos$2")).isNull();
        assertThat(dialect.quote("Listing_Photos$2")).isEqualTo("\"Listing_Photos$2\"");
        assertThat(dialect.identifierProblem("listing\"photos")).contains("'\"'");
        assertThat(dialect.identifierProblem("123")).isEqualTo("it is only digits");
        assertThatThrownBy(() -> dialect.quote("a\"b")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({
            "22001, true",   // string too long
            "22003, true",   // numeric value out of range
            "22008, true",   // a TIME beyond 24:00
            "22021, true",   // a NUL in text
            "23502, true",   // not null
            "23505, true",   // unique, against rows only the sink writes
            "23514, true",   // check
            "54000, true",   // a row too large for an index
            "40001, false",  // serialization failure
            "40P01, false",  // deadlock
            "55P03, false",  // lock not available
            "08006, false",  // connection lost
            "42P01, false" }) // a missing table
    void rowsAreRejectedForTheirValuesOnly(String state, boolean rejected) {
        assertThat(dialect.rejectsRow(new SQLException("failed", state))).isEqualTo(rejected);
    }
}
