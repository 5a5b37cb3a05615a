package dev.cdcsink.generator;

import java.util.List;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Bad generator requests as RFC 9457 problem details that say what to fix, without exception
 * class names, stack traces or SQL. Ordered before Spring's generic problem-detail handler.
 */
@ConditionalOnGeneratorSource
@RestControllerAdvice(assignableTypes = GeneratorController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class GeneratorProblems {

    @ExceptionHandler
    ProblemDetail invalid(MethodArgumentNotValidException e) {
        List<String> errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> error.getField() + ": " + error.getDefaultMessage())
                .sorted()
                .toList();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, String.join("; ", errors));
        problem.setTitle("Invalid generator settings");
        problem.setProperty("errors", errors);
        return problem;
    }

    @ExceptionHandler
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        String detail = e.getMostSpecificCause() instanceof UnrecognizedPropertyException unknown
                ? "unknown field '" + unknown.getPropertyName() + "'; known fields: rate, mix {insert, update, delete}"
                : "the body must be a JSON object such as {\"rate\": 5.0, \"mix\": {\"insert\": 80, \"update\": 15,"
                        + " \"delete\": 5}}";
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Unreadable generator request");
        return problem;
    }
}
