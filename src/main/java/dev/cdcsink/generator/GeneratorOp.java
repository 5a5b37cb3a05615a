package dev.cdcsink.generator;

import java.util.Locale;

/** What the generator does to the source table in one step. */
public enum GeneratorOp {
    INSERT, UPDATE, DELETE;

    /** The lower-case name used in metrics tags and the status response. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
