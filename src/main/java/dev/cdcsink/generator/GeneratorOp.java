package dev.cdcsink.generator;

import java.util.Locale;

/** What one change of the generator does to a source row. */
public enum GeneratorOp {
    INSERT, UPDATE, DELETE;

    /** The lower-case name used in metrics tags and the status response. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
