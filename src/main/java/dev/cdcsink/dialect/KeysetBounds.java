package dev.cdcsink.dialect;

import java.util.List;
import java.util.function.Function;

/**
 * The conditions that bound a page of keys by their sort values, written out as comparisons of
 * each key column ({@code a >= x AND (a > x OR (a = x AND b > y))}) rather than a row-value
 * comparison, which MariaDB's optimizer does not turn into an index range. Each dialect supplies
 * the sort value expression of a column and the literal of a sort value.
 */
public record KeysetBounds(Function<TargetColumn, String> sortable, Function<Object, String> literal) {

    /** Keys after the bound. */
    public String after(List<TargetColumn> key, List<Object> bound) {
        return sortable.apply(key.get(0)) + " >= " + literal.apply(bound.get(0)) + " AND "
                + lexicographic(key, bound, 0, ">", ">");
    }

    /** Keys up to and including the bound. */
    public String upTo(List<TargetColumn> key, List<Object> bound) {
        return sortable.apply(key.get(0)) + " <= " + literal.apply(bound.get(0)) + " AND "
                + lexicographic(key, bound, 0, "<", "<=");
    }

    private String lexicographic(List<TargetColumn> key, List<Object> bound, int from, String before, String last) {
        String column = sortable.apply(key.get(from));
        String value = literal.apply(bound.get(from));
        if (from == key.size() - 1) {
            return "(" + column + " " + last + " " + value + ")";
        }
        return "(" + column + " " + before + " " + value + " OR (" + column + " = " + value + " AND "
                + lexicographic(key, bound, from + 1, before, last) + "))";
    }
}
