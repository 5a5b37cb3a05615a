package dev.cdcsink.table;

/** Told of every schema change the sink makes or refuses (metrics count them). */
public interface SchemaChangeListener {

    void changed(SchemaChange change);
}
