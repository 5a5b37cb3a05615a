package dev.cdcsink.reconcile;

/** No reconcile job of that id is known: never started, or no longer in the history. */
public class UnknownJobException extends RuntimeException {

    public UnknownJobException(String id) {
        super("there is no reconcile job " + id + " (the history keeps the newest cdc-sink.reconcile.history jobs)");
    }
}
