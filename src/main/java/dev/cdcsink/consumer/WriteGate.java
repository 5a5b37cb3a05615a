package dev.cdcsink.consumer;

import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

/**
 * Lets an operator action wait until no batch is being written and keep new ones out while it
 * changes the pipeline (pause, rewind). Batches pass it shared, operator actions exclusively; the
 * lock is fair, so a waiting operator is not starved by a stream of batches.
 */
@Component
class WriteGate {

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);

    /** Runs one batch's work; many batches (one per consumer thread) may pass at once. */
    void batch(Runnable work) {
        lock.readLock().lock();
        try {
            work.run();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Runs an operator action once every batch in flight has finished, with no batch running meanwhile. */
    <T> T exclusively(Supplier<T> action) {
        lock.writeLock().lock();
        try {
            return action.get();
        } finally {
            lock.writeLock().unlock();
        }
    }
}
