package dev.cdcsink.control;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.cdcsink.reconcile.ReconcileReport;
import dev.cdcsink.reconcile.Reconciler;

/**
 * {@code GET /api/reconcile}: the copied tables compared with their sources, bucket by bucket.
 * While the pipeline lags, the newest changes naturally differ; compare when caught up, or read the
 * lag beside it.
 */
@RestController
class ReconcileController {

    private final ObjectProvider<Reconciler> reconciler;

    ReconcileController(ObjectProvider<Reconciler> reconciler) {
        this.reconciler = reconciler;
    }

    @GetMapping("/api/reconcile")
    ReconcileReport reconcile(@RequestParam(defaultValue = "10000") @Min(1) @Max(10_000_000) long bucketSize,
            @RequestParam(required = false) String table) {
        Reconciler available = reconciler.getIfAvailable();
        if (available == null) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                    "Reconcile reads the source database, and none is configured: set cdc-sink.source.jdbc-url "
                            + "(SELECT on the source tables is enough).");
            problem.setTitle("No source database");
            throw new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE, problem, null);
        }
        return available.reconcile(bucketSize, table);
    }
}
