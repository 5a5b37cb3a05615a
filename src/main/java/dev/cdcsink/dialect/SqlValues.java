package dev.cdcsink.dialect;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;

import dev.cdcsink.change.Geometry;

/**
 * Values written into a statement's text as literals, in the places its {@link RowsStatement}
 * leaves for them. The dialect's implementation renders every value so that it can only ever be
 * read as that value, whatever the session's settings (SQL mode, escaping, time zone, character
 * set). A null reference is written as NULL.
 */
public interface SqlValues {

    SqlValues addNull();

    SqlValues add(long value);

    /** A 64-bit value read as unsigned: {@code -1} is 18446744073709551615. */
    SqlValues addUnsigned(long value);

    SqlValues add(BigDecimal value);

    /** A double (NaN and the infinities only where the dialect holds them); the shortest text that reads back as the same double. */
    SqlValues add(double value);

    /** A finite float; the shortest text that reads back as the same float. */
    SqlValues add(float value);

    SqlValues add(boolean value);

    SqlValues add(String value);

    SqlValues add(byte[] value);

    /** A bit string, most significant byte first. */
    SqlValues addBits(byte[] value);

    SqlValues add(LocalDate value);

    SqlValues add(LocalDateTime value);

    /** An instant, as the date and time it is in UTC (the session's time zone is UTC). */
    SqlValues add(Instant value);

    /** A TIME value: a time of day, or an interval such as {@code -838:59:59}. */
    SqlValues add(Duration value);

    /** JSON text, as a JSON value where the column is of a JSON type. */
    SqlValues addJson(String value);

    SqlValues add(Geometry value);
}
