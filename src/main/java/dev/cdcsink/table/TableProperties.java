package dev.cdcsink.table;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which source tables are copied, into which target tables, and whether missing ones are created.
 *
 * @param nameFormat the target table's name for a source table: {@code ${source.table}} (the default),
 *                   {@code ${source.db}}, {@code ${source.schema}} and {@code ${topic}} (its dots
 *                   replaced by underscores) with any text around them, e.g. {@code ${source.db}_${source.table}}
 * @param overrides  target names for single source tables, by {@code db.table} (or {@code db.schema.table});
 *                   in a properties file {@code cdc-sink.tables.overrides[shop.listings]=listings_copy}
 * @param include    regular expressions over {@code db.table}: only matching tables are copied; empty: all
 * @param exclude    regular expressions over {@code db.table}: matching tables are skipped (and counted)
 * @param autoCreate create a target table that does not exist from the event's schema, and add the sink's
 *                   bookkeeping columns to an existing table that lacks them
 * @param schemaEvolution what changes to a target table's columns the source's schema changes may make:
 *                   {@code none}, {@code add-columns} (the default: quick, loses nothing) or {@code evolve}
 *                   (also widens columns, which may rebuild a table)
 */
@Validated
@ConfigurationProperties("cdc-sink.tables")
public record TableProperties(
        @NotBlank @DefaultValue("${source.table}") String nameFormat,
        @DefaultValue Map<String, String> overrides,
        @DefaultValue List<String> include,
        @DefaultValue List<String> exclude,
        @DefaultValue("true") boolean autoCreate,
        @NotNull @DefaultValue("ADD_COLUMNS") SchemaEvolution schemaEvolution) {

    /** The placeholders a name format may use. */
    static final List<String> PLACEHOLDERS = List.of("${source.db}", "${source.schema}", "${source.table}", "${topic}");

    @AssertTrue(message = "name-format may use only ${source.db}, ${source.schema}, ${source.table} and ${topic}")
    public boolean isNameFormatKnown() {
        if (nameFormat == null) {
            return true;
        }
        String rest = nameFormat;
        for (String placeholder : PLACEHOLDERS) {
            rest = rest.replace(placeholder, "");
        }
        return !rest.contains("${");
    }

    @AssertTrue(message = "include and exclude must be valid regular expressions")
    public boolean isPatternListValid() {
        try {
            patterns(include);
            patterns(exclude);
            return true;
        } catch (PatternSyntaxException e) {
            return false;
        }
    }

    static List<Pattern> patterns(List<String> regexes) {
        return regexes == null ? List.of() : regexes.stream().map(Pattern::compile).toList();
    }
}
