package dev.cdcsink.reconcile;

/** The table asked for is not one reconcile can compare; the message says why. */
public class UnknownTableException extends RuntimeException {

    public UnknownTableException(String message) {
        super(message);
    }
}
