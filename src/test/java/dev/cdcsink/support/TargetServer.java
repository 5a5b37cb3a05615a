package dev.cdcsink.support;

import dev.cdcsink.dialect.SqlDialect;

/** A database server the tests give the sink as its target: MariaDB or PostgreSQL. */
public interface TargetServer {

    String jdbcUrl(String database);

    String username();

    String password();

    /** Creates a new, uniquely named empty database and returns its name. */
    String createDatabase(String prefix);

    /** Creates the database {@code name} unless it exists (dev mode's fixed names, kept between runs). */
    void ensureDatabase(String name);

    /** The sink's dialect for this server. */
    SqlDialect dialect();

    /** What the service's pool runs on every new connection for this product; null when nothing. */
    String sessionSetup();

    /** An expression with the hex (upper case) of a binary column, e.g. for positions. */
    String hex(String column);

    /** An expression naming the connection's database (MySQL) or schema (PostgreSQL), for information_schema. */
    String currentSchema();
}
