package dev.cdcsink.generator;

/**
 * How the generator picks an existing row to change: the first one at or after a random pivot
 * key, else the last one before it, so any row can be drawn and an empty range finds none.
 */
final class NearPivot {

    private NearPivot() {
    }

    /**
     * The query for the row of {@code from} (with {@code condition}) nearest the pivot by
     * {@code key}, ties broken by {@code tieBreak} ("" for none); bind the pivot twice.
     */
    static String query(String columns, String from, String condition, String key, String tieBreak) {
        String up = tieBreak.isEmpty() ? key : key + ", " + tieBreak;
        String down = tieBreak.isEmpty() ? key + " DESC" : key + " DESC, " + tieBreak + " DESC";
        String select = "SELECT " + columns + " FROM " + from + " WHERE " + condition;
        return "(" + select + " AND " + key + " >= ? ORDER BY " + up + " LIMIT 1) UNION ALL (" + select + " AND " + key
                + " < ? ORDER BY " + down + " LIMIT 1)";
    }
}
