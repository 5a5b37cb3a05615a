package dev.cdcsink.sink;

import java.math.BigDecimal;
import java.util.Objects;

import dev.cdcsink.event.Listing;
import dev.cdcsink.event.ListingChange;

/**
 * What a key's row looks like after a change: its values and whether it is deleted. Two changes
 * of one transaction share a source position; equal images tell a change sent again from a
 * different one.
 */
record RowImage(Listing row, boolean deleted) {

    /** The row as a hard delete leaves it: gone. */
    static final RowImage ABSENT = new RowImage(null, true);

    static RowImage of(ListingChange change, DeleteMode mode) {
        if (change.after() != null) {
            return new RowImage(change.after(), false);
        }
        return mode == DeleteMode.HARD ? ABSENT : new RowImage(change.before(), true);
    }

    /** Equal values, decimals compared by value (the column's scale may differ from the event's). */
    boolean sameAs(RowImage other) {
        if (other == null || deleted != other.deleted) {
            return false;
        }
        if (row == null || other.row == null) {
            return row == other.row;
        }
        Listing a = row;
        Listing b = other.row;
        return a.id() == b.id() && Objects.equals(a.sellerId(), b.sellerId()) && Objects.equals(a.title(), b.title())
                && Objects.equals(a.category(), b.category()) && Objects.equals(a.city(), b.city())
                && sameDecimal(a.price(), b.price()) && Objects.equals(a.currency(), b.currency())
                && Objects.equals(a.status(), b.status()) && Objects.equals(a.createdAt(), b.createdAt())
                && Objects.equals(a.updatedAt(), b.updatedAt());
    }

    private static boolean sameDecimal(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }
}
