package dev.cdcsink.reconcile;

/** A reconcile was asked for while another runs: one at a time. */
public class ReconcileRunningException extends RuntimeException {

    private final String runningJob;

    ReconcileRunningException(String runningJob) {
        super("reconcile " + runningJob + " is running; wait for it to finish, or cancel it with DELETE /api/reconcile/"
                + runningJob);
        this.runningJob = runningJob;
    }

    public String runningJob() {
        return runningJob;
    }
}
