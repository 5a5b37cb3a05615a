package dev.cdcsink.control;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import dev.cdcsink.consumer.PipelineRequestException;
import dev.cdcsink.reconcile.ReconcileRunningException;
import dev.cdcsink.reconcile.UnknownJobException;
import dev.cdcsink.reconcile.UnknownTableException;

/**
 * Every API error as an RFC 9457 problem detail that says what to do, never a stack trace or a
 * SQL statement. Spring MVC's own errors (malformed JSON, wrong method, …) come from the base class.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(PipelineRequestException.class)
    ProblemDetail refused(PipelineRequestException e) {
        HttpStatus status = switch (e.reason()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case CONFLICT -> HttpStatus.CONFLICT;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage() + "; nothing was changed");
        problem.setTitle(switch (e.reason()) {
            case INVALID -> "Invalid request";
            case CONFLICT -> "Not possible on this instance now";
            case UNAVAILABLE -> "Kafka unavailable";
        });
        return problem;
    }

    @ExceptionHandler(UnknownTableException.class)
    ProblemDetail unknownTable(UnknownTableException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Unknown table");
        return problem;
    }

    @ExceptionHandler(UnknownJobException.class)
    ProblemDetail unknownJob(UnknownJobException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Unknown reconcile job");
        return problem;
    }

    @ExceptionHandler(ReconcileRunningException.class)
    ProblemDetail reconcileRunning(ReconcileRunningException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage() + "; nothing was started");
        problem.setTitle("A reconcile is running");
        problem.setProperty("runningJob", e.runningJob());
        return problem;
    }

    @ExceptionHandler(DataAccessException.class)
    ProblemDetail databaseUnavailable(DataAccessException e) {
        log.warn("API request failed on the database: {}", e.getMostSpecificCause().getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "A database did not answer; check /actuator/health and retry. Nothing was changed.");
        problem.setTitle("Database unavailable");
        return problem;
    }
}
