package dev.cdcsink.generator;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/** A row of the source {@code listings} table, with column values as the source holds them. */
public record Listing(
        long id,
        Long sellerId,
        String title,
        String category,
        String city,
        BigDecimal price,
        String currency,
        String status,
        LocalDateTime createdAt,
        LocalDateTime updatedAt) {
}
