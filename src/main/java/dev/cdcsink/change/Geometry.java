package dev.cdcsink.change;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A spatial value as Debezium sends it: the geometry in Well-Known Binary and its spatial
 * reference system id.
 *
 * @param wkb  the OGC Well-Known Binary
 * @param srid the SRID; null when the source did not say
 */
public record Geometry(byte[] wkb, Integer srid) {

    @Override
    public boolean equals(Object o) {
        return o instanceof Geometry other && Arrays.equals(wkb, other.wkb) && Objects.equals(srid, other.srid);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(wkb) + (srid == null ? 0 : srid);
    }

    @Override
    public String toString() {
        return "Geometry[srid=" + srid + ", wkb=" + HexFormat.of().formatHex(wkb) + "]";
    }
}
