package dev.cdcsink.dialect;

import java.util.List;

/**
 * A column of a target table as its database describes it.
 *
 * @param name      the column name
 * @param kind      what it holds
 * @param type      the type as the database writes it, e.g. {@code varchar(200)}, {@code int(10) unsigned}
 * @param maxChars  for text: the most characters it holds; -1 when it is bounded by bytes only
 * @param maxBytes  for text and bytes: the most bytes it holds; for BIT the number of bits; -1 when unbounded
 * @param precision for DECIMAL the digits, for INTEGER the bits of the type (8, 16, 24, 32, 64); else 0
 * @param scale     for DECIMAL the digits after the point; else 0
 * @param fsp       for DATETIME, TIMESTAMP and TIME the fractional digits of seconds; else 0
 * @param unsigned  for numbers: whether negative values are refused
 * @param nullable  whether it takes NULL
 * @param labels    for ENUM and SET the allowed labels; else empty
 */
public record TargetColumn(String name, SqlKind kind, String type, long maxChars, long maxBytes, int precision,
        int scale, int fsp, boolean unsigned, boolean nullable, List<String> labels) {

    public TargetColumn {
        labels = List.copyOf(labels);
    }
}
