package dev.cdcsink.observability;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The metric names a PromQL expression selects. A small scanner rather than a full parser: it
 * skips strings, label matchers ({@code {…}}), ranges and subqueries ({@code […]}), comments,
 * numbers and durations, Grafana variables ({@code $instance}, {@code ${…}}), the label lists of
 * {@code by}, {@code without}, {@code on}, {@code ignoring}, {@code group_left} and
 * {@code group_right}, keywords, and any identifier called like a function; what is left is a
 * metric name. Selectors by {@code {__name__="…"}} are not recognised.
 */
final class PromQlMetricNames {

    private static final Set<String> LABEL_LIST_KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right");
    /** Operators and modifiers that read like identifiers, and aggregations, which may precede {@code by}. */
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "atan2", "inf", "nan",
            "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk",
            "quantile", "limitk", "limit_ratio");

    private PromQlMetricNames() {
    }

    static Set<String> in(String expr) {
        Set<String> names = new LinkedHashSet<>();
        int i = 0;
        int n = expr.length();
        while (i < n) {
            char c = expr.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = skipString(expr, i);
            } else if (c == '{') {
                i = skipBalanced(expr, i, '{', '}');
            } else if (c == '[') {
                i = skipBalanced(expr, i, '[', ']');
            } else if (c == '#') {
                int end = expr.indexOf('\n', i);
                i = end < 0 ? n : end;
            } else if (c == '$') {
                i = i + 1 < n && expr.charAt(i + 1) == '{' ? skipBalanced(expr, i + 1, '{', '}') : skipWord(expr, i + 1);
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(expr.charAt(i + 1)))) {
                // numbers, durations (5m, 1h30m), hex and exponents: digits and letters together
                i = skipWord(expr, i);
            } else if (isIdentifierStart(c)) {
                int end = skipWord(expr, i);
                String word = expr.substring(i, end);
                int next = skipSpace(expr, end);
                boolean called = next < n && expr.charAt(next) == '(';
                String keyword = word.toLowerCase(Locale.ROOT);
                if (LABEL_LIST_KEYWORDS.contains(keyword) && called) {
                    end = skipBalanced(expr, next, '(', ')');
                } else if (!called && !KEYWORDS.contains(keyword)) {
                    names.add(word);
                }
                i = end;
            } else {
                i++;
            }
        }
        return names;
    }

    private static boolean isIdentifierStart(char c) {
        return Character.isLetter(c) || c == '_' || c == ':';
    }

    private static int skipWord(String s, int i) {
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == ':'
                || s.charAt(i) == '.')) {
            i++;
        }
        return i;
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** From an opening quote to just after its closing quote; backslash escapes except in raw (`) strings. */
    private static int skipString(String s, int i) {
        char quote = s.charAt(i);
        for (int j = i + 1; j < s.length(); j++) {
            if (s.charAt(j) == '\\' && quote != '`') {
                j++;
            } else if (s.charAt(j) == quote) {
                return j + 1;
            }
        }
        throw new IllegalArgumentException("unterminated string in: " + s);
    }

    /** From an opening bracket to just after the bracket that closes it, skipping strings inside. */
    private static int skipBalanced(String s, int i, char open, char close) {
        int depth = 0;
        for (int j = i; j < s.length(); j++) {
            char c = s.charAt(j);
            if (c == '"' || c == '\'' || c == '`') {
                j = skipString(s, j) - 1;
            } else if (c == open) {
                depth++;
            } else if (c == close && --depth == 0) {
                return j + 1;
            }
        }
        throw new IllegalArgumentException("unbalanced '" + open + "' in: " + s);
    }
}
