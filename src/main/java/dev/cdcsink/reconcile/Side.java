package dev.cdcsink.reconcile;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.cdcsink.dialect.SqlDialect;

/** One database of the comparison, with the dialect that speaks to it: source and target may be different products. */
record Side(JdbcTemplate jdbc, SqlDialect dialect) {
}
