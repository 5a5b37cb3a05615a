package dev.cdcsink.control;

import java.net.URI;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.cdcsink.reconcile.ReconcileJobs;
import dev.cdcsink.reconcile.ReconcileProperties;
import dev.cdcsink.reconcile.ReconcileStatus;
import dev.cdcsink.reconcile.UnknownJobException;

/**
 * {@code /api/reconcile}: reconcile jobs that compare the copied tables with their sources page by
 * page, started here and run in the background; their progress and results. While the pipeline
 * lags, the newest changes naturally differ; compare when caught up, or read the lag beside it.
 */
@RestController
@RequestMapping("/api/reconcile")
class ReconcileController {

    private final ObjectProvider<ReconcileJobs> jobs;

    ReconcileController(ObjectProvider<ReconcileJobs> jobs) {
        this.jobs = jobs;
    }

    @PostMapping
    ResponseEntity<ReconcileStatus> start(@RequestParam(required = false) String table,
            @RequestParam(required = false) @Min(1) @Max(ReconcileProperties.MAX_PAGE_SIZE) Integer pageSize) {
        ReconcileStatus job = jobs().start(table, pageSize);
        return ResponseEntity.accepted().location(URI.create("/api/reconcile/" + job.id())).body(job);
    }

    /** The jobs kept, newest first. */
    @GetMapping
    List<ReconcileStatus> recent() {
        return jobs().recent();
    }

    @GetMapping("/{id}")
    ReconcileStatus job(@PathVariable String id) {
        return jobs().find(id).orElseThrow(() -> new UnknownJobException(id));
    }

    /** 202 while the job stops before its next page; 200 with a finished job as it is. */
    @DeleteMapping("/{id}")
    ResponseEntity<ReconcileStatus> cancel(@PathVariable String id) {
        ReconcileStatus job = jobs().cancel(id);
        return ResponseEntity.status(job.state() == ReconcileStatus.State.RUNNING ? HttpStatus.ACCEPTED : HttpStatus.OK)
                .body(job);
    }

    private ReconcileJobs jobs() {
        ReconcileJobs available = jobs.getIfAvailable();
        if (available == null) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                    "Reconcile reads the source database, and none is configured: set cdc-sink.source.jdbc-url "
                            + "(SELECT on the source tables is enough).");
            problem.setTitle("No source database");
            throw new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE, problem, null);
        }
        return available;
    }
}
