package io.millrace.firehose.destination.redshift;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Redshift {@code CopyOptions} of a Redshift destination, reduced to what PostgreSQL's {@code COPY ... FROM
 * STDIN} can honour. Understood: {@code JSON 'auto'} and {@code JSON 'auto ignorecase'} (Millrace maps object keys
 * to columns itself, as PostgreSQL has no JSON format), {@code CSV}, {@code DELIMITER [AS] 'c'}, {@code NULL [AS]
 * 'text'} and {@code GZIP} (the staged data is compressed; Millrace loads the records directly, so there is nothing
 * to decompress). Without a format Redshift reads pipe-delimited text, so that is the default here too. Every other
 * option has no PostgreSQL meaning and is refused by {@link #parse} with a message naming it. Immutable.
 *
 * @param json       whether records are JSON objects mapped to columns by key
 * @param ignoreCase JSON keys are matched to columns ignoring case
 * @param csv        CSV format
 * @param delimiter  the field delimiter (one character)
 * @param nullText   the text that stands for NULL, or {@code null} for PostgreSQL's default
 * @param gzip       {@code GZIP} was given
 */
public record CopyOptions(boolean json, boolean ignoreCase, boolean csv, String delimiter, String nullText,
                          boolean gzip) {

    /** Parses {@code text} ({@code null} or blank: pipe-delimited text); {@link IllegalArgumentException} if unsupported. */
    public static CopyOptions parse(String text) {
        List<String> tokens = tokens(text == null ? "" : text);
        boolean json = false;
        boolean ignoreCase = false;
        boolean csv = false;
        String delimiter = null;
        String nullText = null;
        boolean gzip = false;
        for (int i = 0; i < tokens.size(); i++) {
            String word = tokens.get(i).toUpperCase(Locale.ROOT);
            switch (word) {
                case "JSON" -> {
                    String argument = quoted(tokens, ++i, "JSON");
                    String mode = argument.toLowerCase(Locale.ROOT);
                    if (!mode.equals("auto") && !mode.equals("auto ignorecase")) {
                        throw new IllegalArgumentException("CopyOptions JSON '" + argument + "' is not supported: "
                                + "Millrace loads JSON with 'auto' or 'auto ignorecase' only (no JSONPaths files).");
                    }
                    json = true;
                    ignoreCase = mode.endsWith("ignorecase");
                }
                case "CSV" -> csv = true;
                case "GZIP" -> gzip = true;
                case "DELIMITER" -> {
                    i = skipAs(tokens, i);
                    delimiter = quoted(tokens, ++i, "DELIMITER");
                }
                case "NULL" -> {
                    i = skipAs(tokens, i);
                    nullText = quoted(tokens, ++i, "NULL");
                }
                default -> throw new IllegalArgumentException("CopyOptions " + tokens.get(i) + " has no PostgreSQL "
                        + "equivalent and is not supported by Millrace, which loads Redshift destinations into "
                        + "PostgreSQL. Supported: JSON 'auto', CSV, DELIMITER, NULL AS, GZIP.");
            }
        }
        return validated(json, ignoreCase, csv, delimiter, nullText, gzip);
    }

    private static CopyOptions validated(boolean json, boolean ignoreCase, boolean csv, String delimiter,
                                         String nullText, boolean gzip) {
        if (json && (csv || delimiter != null)) {
            throw new IllegalArgumentException("CopyOptions JSON cannot be combined with CSV or DELIMITER.");
        }
        String effective = delimiter != null ? unescape(delimiter) : csv || json ? "," : "|";
        if (effective.length() != 1) {
            throw new IllegalArgumentException("CopyOptions DELIMITER '" + delimiter + "' must be one character.");
        }
        return new CopyOptions(json, ignoreCase, csv || json, effective, nullText, gzip);
    }

    private static String unescape(String delimiter) {
        return delimiter.equals("\\t") ? "\t" : delimiter;
    }

    private static int skipAs(List<String> tokens, int i) {
        return i + 1 < tokens.size() && tokens.get(i + 1).equalsIgnoreCase("AS") ? i + 1 : i;
    }

    private static String quoted(List<String> tokens, int i, String option) {
        if (i >= tokens.size() || !tokens.get(i).startsWith("'")) {
            throw new IllegalArgumentException("CopyOptions " + option + " needs a quoted argument.");
        }
        String token = tokens.get(i);
        return token.substring(1, token.length() - 1).replace("''", "'");
    }

    /** Words and single-quoted strings (with {@code ''} as an escaped quote); a trailing {@code ;} is ignored. */
    private static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || c == ';') {
                i++;
            } else if (c == '\'') {
                int end = closingQuote(text, i + 1);
                tokens.add(text.substring(i, end + 1));
                i = end + 1;
            } else {
                int end = i;
                while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != '\''
                        && text.charAt(end) != ';') {
                    end++;
                }
                tokens.add(text.substring(i, end));
                i = end;
            }
        }
        return tokens;
    }

    private static int closingQuote(String text, int from) {
        int at = from;
        while (at < text.length()) {
            if (text.charAt(at) != '\'') {
                at++;
            } else if (at + 1 < text.length() && text.charAt(at + 1) == '\'') {
                at += 2;
            } else {
                return at;
            }
        }
        throw new IllegalArgumentException("CopyOptions has an unclosed quote.");
    }

    /** The option list of PostgreSQL's {@code COPY ... FROM STDIN WITH (...)}. */
    String postgresOptions() {
        StringBuilder sql = new StringBuilder("FORMAT ").append(csv ? "csv" : "text");
        sql.append(", DELIMITER ").append(literal(delimiter));
        if (nullText != null && !json) {
            sql.append(", NULL ").append(literal(nullText));
        }
        return sql.toString();
    }

    static String literal(String text) {
        return "E'" + text.replace("\\", "\\\\").replace("'", "''").replace("\t", "\\t") + "'";
    }
}
