package dev.cdcsink.event;

import static dev.cdcsink.event.ParseFailure.Kind.INVALID_VALUE;
import static dev.cdcsink.event.ParseFailure.Kind.MISSING_FIELD;
import static dev.cdcsink.event.ParseFailure.Kind.UNSUPPORTED_ENCODING;
import static dev.cdcsink.event.ParseFailure.Kind.WRONG_TYPE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cdcsink.event.EventProperties.DecimalHandlingMode;
import dev.cdcsink.event.EventProperties.TimePrecisionMode;
import dev.cdcsink.event.decode.DecodeException;
import dev.cdcsink.event.decode.DecodedRow;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class SqlTypeTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static DecodeException failure(ParseFailure.Kind kind, ThrowingCallable call) {
        DecodeException e = catchThrowableOfType(DecodeException.class, call);
        assertThat(e).as("expected a DecodeException").isNotNull();
        assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind);
        return e;
    }

    private static EventProperties settings(DecimalHandlingMode decimals, Integer scale, TimePrecisionMode time) {
        return new EventProperties(decimals, scale, time);
    }

    private static Object implied(SqlType<?> type, EventProperties settings, String json) {
        return type.impliedDecoder(settings).decode(JSON.readTree(json));
    }

    @Nested
    class Reading {

        @Test
        void integersOfEveryConnectWidthBecomeTheColumnsType() {
            assertThat(SqlType.bigint().read((byte) 1)).isEqualTo(1L);
            assertThat(SqlType.bigint().read((short) 1)).isEqualTo(1L);
            assertThat(SqlType.bigint().read(1)).isEqualTo(1L);
            assertThat(SqlType.bigint().read(Long.MIN_VALUE)).isEqualTo(Long.MIN_VALUE);
            assertThat(SqlType.integer().read(7L)).isEqualTo(7);
        }

        @Test
        void integersOutOfRangeOrNotIntegersAreRejected() {
            failure(INVALID_VALUE, () -> SqlType.integer().read(1L << 31));
            failure(INVALID_VALUE, () -> SqlType.bigint().read(BigInteger.TWO.pow(63)));
            failure(WRONG_TYPE, () -> SqlType.bigint().read(1.0));
            failure(WRONG_TYPE, () -> SqlType.bigint().read("1"));
        }

        @Test
        void textLengthCountsCharactersNotUtf16Units() {
            assertThat(SqlType.fixedChar(3).read("€€€")).isEqualTo("€€€");
            assertThat(SqlType.varchar(2).read("🏠🏠")).isEqualTo("🏠🏠");
            assertThat(failure(INVALID_VALUE, () -> SqlType.fixedChar(3).read("TRYX")).getMessage())
                    .isEqualTo("is 4 characters, longer than CHAR(3)");
            failure(WRONG_TYPE, () -> SqlType.varchar(10).read(10L));
        }

        @Test
        void decimalsComeOutAtTheColumnsScaleWhateverTheEncoding() {
            SqlType<BigDecimal> price = SqlType.decimal(12, 2);
            assertThat(price.read(new BigDecimal("1.5"))).hasToString("1.50");
            assertThat(price.read("1.5")).hasToString("1.50");
            assertThat(price.read(1.5d)).hasToString("1.50");
            assertThat(price.read(0.1d)).hasToString("0.10");
            assertThat(price.read(9999999999.99d)).hasToString("9999999999.99");
            assertThat(price.read(-9999999999.99d)).hasToString("-9999999999.99");
            assertThat(price.read("-0.01")).hasToString("-0.01");
        }

        @Test
        void decimalsTheColumnCannotHoldAreRejected() {
            SqlType<BigDecimal> price = SqlType.decimal(12, 2);
            failure(INVALID_VALUE, () -> price.read(new BigDecimal("1.255")));
            failure(INVALID_VALUE, () -> price.read("10000000000.00"));
            failure(INVALID_VALUE, () -> price.read(1e10));
            assertThat(failure(UNSUPPORTED_ENCODING, () -> price.read("1,5")).getMessage()).contains("'1,5'");
            failure(UNSUPPORTED_ENCODING, () -> price.read(Double.NaN));
            failure(WRONG_TYPE, () -> price.read(15L));
        }

        @Test
        void dateTimesKeepMicrosecondsAndRejectFinerFractions() {
            SqlType<LocalDateTime> datetime6 = SqlType.datetime(6);
            LocalDateTime micros = LocalDateTime.of(2026, 11, 21, 22, 56, 4, 123_456_000);
            assertThat(datetime6.read(micros)).isEqualTo(micros);
            assertThat(failure(INVALID_VALUE, () -> datetime6.read(micros.plusNanos(1))).getMessage())
                    .contains("more fractional digits than DATETIME(6)");
            failure(INVALID_VALUE, () -> SqlType.datetime(0).read(micros));
        }

        @Test
        void anInstantIsReadForADateTimeInUtc() {
            assertThat(SqlType.datetime(3).read(Instant.parse("2026-11-21T22:56:01.761Z")))
                    .isEqualTo(LocalDateTime.of(2026, 11, 21, 22, 56, 1, 761_000_000));
        }

        @Test
        void otherTemporalTypesAreReadAsThemselves() {
            assertThat(SqlType.date().read(LocalDate.of(1969, 7, 20))).isEqualTo(LocalDate.of(1969, 7, 20));
            assertThat(SqlType.time(6).read(LocalTime.of(12, 0, 0, 1_000))).isEqualTo(LocalTime.of(12, 0, 0, 1_000));
            failure(INVALID_VALUE, () -> SqlType.time(0).read(LocalTime.of(12, 0, 0, 1_000)));
            assertThat(SqlType.timestamp(6).read(Instant.EPOCH)).isEqualTo(Instant.EPOCH);
            failure(WRONG_TYPE, () -> SqlType.timestamp(6).read(LocalDateTime.MIN));
            failure(WRONG_TYPE, () -> SqlType.date().read(LocalDateTime.MIN));
        }

        @Test
        void enumLabelsMustBeDeclared() {
            SqlType<String> status = SqlType.enumeration("draft", "active");
            assertThat(status.read("active")).isEqualTo("active");
            assertThat(failure(INVALID_VALUE, () -> status.read("sold")).getMessage()).contains("'sold'");
        }
    }

    @Test
    void typeParametersMustBeMySqls() {
        assertThatThrownBy(() -> SqlType.datetime(7)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SqlType.time(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SqlType.timestamp(9)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SqlType.decimal(66, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SqlType.decimal(5, 6)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SqlType.varchar(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Nested
    class Columns {

        private DecodedRow row(String field, Object value) {
            Map<String, Object> values = new HashMap<>();
            values.put(field, value);
            return new DecodedRow(values);
        }

        @Test
        void nullIsAllowedOnlyInNullableColumns() {
            assertThat(Column.nullable("title", SqlType.varchar(5)).read(row("title", null), "after")).isNull();
            assertThat(failure(MISSING_FIELD, () -> Column.notNull("title", SqlType.varchar(5)).read(row("title", null), "after"))
                    .getMessage()).isEqualTo("after.title: null in a NOT NULL column");
        }

        @Test
        void anAbsentFieldIsMissingEvenForNullableColumns() {
            assertThat(failure(MISSING_FIELD, () -> Column.nullable("city", SqlType.varchar(5)).read(row("title", "x"), "before"))
                    .getMessage()).startsWith("before.city: ");
        }

        @Test
        void typeFailuresNameTheField() {
            assertThat(failure(INVALID_VALUE, () -> Column.notNull("title", SqlType.varchar(2)).read(row("title", "abc"), "after"))
                    .getMessage()).isEqualTo("after.title: is 3 characters, longer than VARCHAR(2)");
        }
    }

    @Nested
    class ImpliedEncodings {

        private final EventProperties defaults =
                settings(DecimalHandlingMode.PRECISE, 2, TimePrecisionMode.ADAPTIVE_TIME_MICROSECONDS);
        private final EventProperties connect = settings(DecimalHandlingMode.PRECISE, 2, TimePrecisionMode.CONNECT);

        @Test
        void decimalsFollowTheDecimalHandlingMode() {
            SqlType<BigDecimal> price = SqlType.decimal(12, 2);
            assertThat(implied(price, defaults, "\"fQ==\"")).isEqualTo(new BigDecimal("1.25"));
            assertThat(implied(price, settings(DecimalHandlingMode.PRECISE, 0, TimePrecisionMode.CONNECT), "\"fQ==\""))
                    .isEqualTo(new BigDecimal("125"));
            assertThat(implied(price, settings(DecimalHandlingMode.STRING, null, TimePrecisionMode.CONNECT), "\"1.25\""))
                    .isEqualTo("1.25");
            assertThat(implied(price, settings(DecimalHandlingMode.DOUBLE, null, TimePrecisionMode.CONNECT), "1.25"))
                    .isEqualTo(1.25d);
        }

        @Test
        void base64DecimalsWithoutAConfiguredScaleAreRejectedNamingTheSetting() {
            EventProperties noScale = settings(DecimalHandlingMode.PRECISE, null, TimePrecisionMode.ADAPTIVE_TIME_MICROSECONDS);
            assertThat(failure(UNSUPPORTED_ENCODING, () -> implied(SqlType.decimal(12, 2), noScale, "\"fQ==\"")).getMessage())
                    .contains("cdc-sink.events.decimal-scale");
        }

        @Test
        void dateTimesAreMicrosOnlyAboveMillisecondPrecisionInAdaptiveMode() {
            LocalDateTime t = LocalDateTime.of(2026, 11, 21, 22, 56, 4, 455_000_000);
            assertThat(implied(SqlType.datetime(6), defaults, "1795301764455000")).isEqualTo(t);
            assertThat(implied(SqlType.datetime(4), defaults, "1795301764455000")).isEqualTo(t);
            assertThat(implied(SqlType.datetime(3), defaults, "1795301764455")).isEqualTo(t);
            assertThat(implied(SqlType.datetime(0), defaults, "1795301764000")).isEqualTo(t.withNano(0));
            assertThat(implied(SqlType.datetime(6), connect, "1795301764455")).isEqualTo(t);
        }

        @Test
        void timesAreMicrosInAdaptiveModeAndMillisInConnectMode() {
            assertThat(implied(SqlType.time(0), defaults, "45296000000")).isEqualTo(LocalTime.of(12, 34, 56));
            assertThat(implied(SqlType.time(6), connect, "45296000")).isEqualTo(LocalTime.of(12, 34, 56));
        }

        @Test
        void datesAreDaysInEitherMode() {
            assertThat(implied(SqlType.date(), defaults, "-1")).isEqualTo(LocalDate.of(1969, 12, 31));
            assertThat(implied(SqlType.date(), connect, "-1")).isEqualTo(LocalDate.of(1969, 12, 31));
        }

        @Test
        void timestampsAreZonedTextInEitherMode() {
            assertThat(implied(SqlType.timestamp(6), connect, "\"2026-11-21T22:56:01.761123Z\""))
                    .isEqualTo(Instant.parse("2026-11-21T22:56:01.761123Z"));
        }

        @Test
        void integersTextAndEnumsArePlainJson() {
            assertThat(implied(SqlType.bigint(), defaults, "9223372036854775807")).isEqualTo(Long.MAX_VALUE);
            assertThat(implied(SqlType.integer(), defaults, "-5")).isEqualTo(-5);
            assertThat(implied(SqlType.varchar(5), defaults, "\"İ\"")).isEqualTo("İ");
            assertThat(implied(SqlType.enumeration("a"), defaults, "\"a\"")).isEqualTo("a");
        }
    }
}
