package dev.cdcsink.dialect;

/**
 * A column as the sink creates it.
 *
 * @param name     the column name
 * @param type     its type in the dialect's words, e.g. {@code VARCHAR(200) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin}
 * @param nullable whether it takes NULL
 * @param extra    anything after the nullability, e.g. {@code DEFAULT FALSE}; empty when nothing
 */
public record ColumnDefinition(String name, String type, boolean nullable, String extra) {
}
