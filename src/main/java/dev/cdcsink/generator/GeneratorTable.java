package dev.cdcsink.generator;

/**
 * The source tables the generator writes ({@code db/source}): a listing, its photos and its
 * details. The dev stack and compose capture exactly these.
 */
public enum GeneratorTable {
    LISTINGS("listings"), PHOTOS("listing_photos"), DETAILS("listing_details");

    private final String table;

    GeneratorTable(String table) {
        this.table = table;
    }

    /** The table's name in the source database, also its name in metrics tags and the status response. */
    public String table() {
        return table;
    }
}
