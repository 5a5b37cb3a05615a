package dev.cdcsink.reconcile;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reconcile jobs, one at a time, each run on the jobs' own thread while the request that started
 * it returns; the newest {@code cdc-sink.reconcile.history} are kept to be read. The thread lives
 * with the application: stopping it cancels a running job, which stops before its next page, and
 * waits for that.
 */
public class ReconcileJobs implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReconcileJobs.class);
    private static final long STOP_WAIT_SECONDS = 30;

    private final Reconciler reconciler;
    private final ReconcileProperties properties;
    /** Newest first; guarded by this. */
    private final Deque<ReconcileJob> history = new ArrayDeque<>();
    private ExecutorService executor;

    ReconcileJobs(Reconciler reconciler, ReconcileProperties properties) {
        this.reconciler = reconciler;
        this.properties = properties;
    }

    /**
     * Starts comparing {@code table} (null: every copied table) in pages of {@code pageSize} keys
     * (null: {@code cdc-sink.reconcile.page-size}).
     *
     * @throws ReconcileRunningException when a job runs
     * @throws UnknownTableException     when {@code table} is not one that can be compared
     */
    public synchronized ReconcileStatus start(String table, Integer pageSize) {
        ReconcileJob newest = history.peekFirst();
        if (newest != null && newest.running()) {
            throw new ReconcileRunningException(newest.id());
        }
        if (executor == null) {
            throw new IllegalStateException("reconcile jobs are stopped: the application is shutting down");
        }
        ReconcileJob job = reconciler.prepare(UUID.randomUUID().toString(), table,
                pageSize == null ? properties.pageSize() : pageSize, properties.maxDifferences());
        history.addFirst(job);
        while (history.size() > properties.history()) {
            history.removeLast();
        }
        executor.execute(() -> reconciler.run(job));
        return job.status();
    }

    public synchronized Optional<ReconcileStatus> find(String id) {
        return job(id).map(ReconcileJob::status);
    }

    /** The jobs kept, newest first. */
    public synchronized List<ReconcileStatus> recent() {
        return history.stream().map(ReconcileJob::status).toList();
    }

    /**
     * Asks the job to stop before its next page; a finished job stays as it is.
     *
     * @throws UnknownJobException when there is no such job
     */
    public synchronized ReconcileStatus cancel(String id) {
        ReconcileJob job = job(id).orElseThrow(() -> new UnknownJobException(id));
        if (job.running()) {
            log.info("Reconcile {}: cancel requested", id);
            job.cancel();
        }
        return job.status();
    }

    private Optional<ReconcileJob> job(String id) {
        return history.stream().filter(j -> j.id().equals(id)).findFirst();
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadExecutor(task -> new Thread(task, "reconcile"));
    }

    @Override
    public void stop() {
        ExecutorService stopping;
        synchronized (this) {
            stopping = executor;
            executor = null;
            history.stream().filter(ReconcileJob::running).forEach(ReconcileJob::cancel);
        }
        if (stopping == null) {
            return;
        }
        stopping.shutdown();
        try {
            if (!stopping.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                log.warn("A reconcile job did not stop within {} s; interrupting it", STOP_WAIT_SECONDS);
                stopping.shutdownNow();
            }
        } catch (InterruptedException e) {
            stopping.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
