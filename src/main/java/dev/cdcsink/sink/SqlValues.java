package dev.cdcsink.sink;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * Values written into a statement's text as literals, separated by commas within a row. The
 * dialect's implementation must render every value so that it can only ever be read as that value.
 */
public interface SqlValues {

    SqlValues add(long value);

    SqlValues add(Long value);

    SqlValues add(String value);

    SqlValues add(BigDecimal value);

    SqlValues add(LocalDateTime value);

    SqlValues add(boolean value);

    SqlValues add(byte[] value);
}
