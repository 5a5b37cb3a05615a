package dev.cdcsink.generator;

import java.util.random.RandomGenerator;

import com.fasterxml.jackson.annotation.JsonIgnore;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Relative weights of the generator's operations; {@code 80/15/5} means 80 % inserts, 15 %
 * updates and 5 % deletes.
 *
 * @param insert weight of inserting a new listing (often with photos and details), a photo, or a details row
 * @param update weight of changing an active listing (price, title, or status to SOLD/EXPIRED), a photo, or a
 *               details row
 * @param delete weight of deleting a listing (with its photos and details), a photo, or a details row
 */
public record OpMix(
        @Min(0) @Max(1000) @DefaultValue("80") int insert,
        @Min(0) @Max(1000) @DefaultValue("15") int update,
        @Min(0) @Max(1000) @DefaultValue("5") int delete) {

    @JsonIgnore
    @AssertTrue(message = "at least one weight must be positive")
    public boolean isAnyWeightPositive() {
        return insert + update + delete > 0;
    }

    /** Draws an operation with probability proportional to its weight. */
    public GeneratorOp pick(RandomGenerator random) {
        int draw = random.nextInt(insert + update + delete);
        if (draw < insert) {
            return GeneratorOp.INSERT;
        }
        return draw < insert + update ? GeneratorOp.UPDATE : GeneratorOp.DELETE;
    }
}
