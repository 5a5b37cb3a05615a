package dev.cdcsink.generator;

import java.util.Locale;

import dev.cdcsink.generator.DetailsFaker.Location;

/**
 * What the generator's statements spell differently per source product: the placeholders of the
 * columns whose types PostgreSQL does not convert a plain parameter to (JSON, the enum, the bits,
 * the point), and the point's text. Every other part of every statement is the same SQL for both.
 */
public enum SourceSql {

    /** MySQL 8.x and MariaDB: the columns take the parameters as they are; the point from WKT with SRID 4326. */
    MYSQL {
        @Override
        String json() {
            return "?";
        }

        @Override
        String condition() {
            return "?";
        }

        @Override
        String bits() {
            // a number: BIT(8) takes it on MySQL and MariaDB alike
            return "?";
        }

        @Override
        String point() {
            return "ST_GeomFromText(?, " + Location.SRID + ")";
        }

        @Override
        String pointText(Location location) {
            return location.wkt();
        }
    },

    /** PostgreSQL: explicit casts from the parameters' types; a native point, {@code (longitude,latitude)}. */
    POSTGRES {
        @Override
        String json() {
            return "CAST(? AS jsonb)";
        }

        @Override
        String condition() {
            return "CAST(? AS listing_condition)";
        }

        @Override
        String bits() {
            return "CAST(CAST(? AS integer) AS bit(8))";
        }

        @Override
        String point() {
            return "CAST(? AS point)";
        }

        @Override
        String pointText(Location location) {
            return String.format(Locale.ROOT, "(%.4f,%.4f)", location.longitude(), location.latitude());
        }
    };

    /** PostgreSQL's spelling for a PostgreSQL source, else MySQL's. */
    public static SourceSql forPostgres(boolean postgres) {
        return postgres ? POSTGRES : MYSQL;
    }

    /** The placeholder of a JSON text for {@code attributes}. */
    abstract String json();

    /** The placeholder of a label for {@code item_condition}. */
    abstract String condition();

    /** The placeholder of the number whose bits {@code flags} holds. */
    abstract String bits();

    /** The placeholder of {@link #pointText} for {@code location}. */
    abstract String point();

    abstract String pointText(Location location);
}
