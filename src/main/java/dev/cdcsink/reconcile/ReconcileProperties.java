package dev.cdcsink.reconcile;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Reconcile jobs ({@code /api/reconcile}).
 *
 * @param pageSize       keys per page: each database sums that many rows per query, and a differing page's rows
 *                       are compared key by key; a request may ask for another
 * @param maxDifferences differing keys listed per table; further ones are only counted
 * @param history        finished jobs kept for {@code GET /api/reconcile}, the newest first
 */
@Validated
@ConfigurationProperties("cdc-sink.reconcile")
public record ReconcileProperties(
        @Min(1) @Max(MAX_PAGE_SIZE) @DefaultValue("10000") int pageSize,
        @Min(0) @Max(10_000) @DefaultValue("100") int maxDifferences,
        @Min(1) @Max(1_000) @DefaultValue("20") int history) {

    public static final int MAX_PAGE_SIZE = 1_000_000;
}
