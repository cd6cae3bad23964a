package io.millrace.firehose.destination.s3;

import io.millrace.firehose.processing.PartitionKeys;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A parsed {@code Prefix} or {@code ErrorOutputPrefix} with Firehose's expression language
 * (FIREHOSE-REFERENCE §4.3): literal text and {@code !{timestamp:<DateTimeFormatter pattern>}},
 * {@code !{firehose:random-string}}, {@code !{firehose:error-output-type}} and the dynamic-partitioning keys
 * {@code !{partitionKeyFromQuery:name}} and {@code !{partitionKeyFromLambda:name}}. Which expressions a given prefix may
 * use is the operations' business (S3Rules); this class only parses and evaluates.
 *
 * <p>A prefix without a timestamp expression gets {@code !{timestamp:yyyy/MM/dd/HH/}} appended, without a slash in
 * between, as the reference's rule text says ({@code "logs"} → {@code logs2018/08/27/10/}) [UNVERIFIED against AWS].
 * An absent or empty prefix is therefore {@code yyyy/MM/dd/HH/}. A prefix with partition keys is taken as written, as
 * in the dynamic-partitioning guide's example ({@code customer_id=1234567890/device=mobile/.../<object name>}).
 *
 * <p>Immutable and thread-safe.
 */
public final class PrefixExpression {
    private static final String DEFAULT_TIME_PATTERN = "yyyy/MM/dd/HH/";

    private final List<Part> parts;
    private final boolean hasExpressions;

    private PrefixExpression(List<Part> parts, boolean hasExpressions) {
        this.parts = List.copyOf(parts);
        this.hasExpressions = hasExpressions;
    }

    /** Parses {@code text} ({@code null} is the empty prefix); throws {@link IllegalArgumentException} with the reason. */
    public static PrefixExpression parse(String text) {
        List<Part> parts = new ArrayList<>();
        String source = text == null ? "" : text;
        boolean hasExpressions = false;
        boolean hasTimestamp = false;
        boolean hasPartitionKeys = false;
        int at = 0;
        while (at < source.length()) {
            int start = source.indexOf("!{", at);
            if (start < 0) {
                parts.add(new Literal(source.substring(at)));
                break;
            }
            if (start > at) {
                parts.add(new Literal(source.substring(at, start)));
            }
            int end = source.indexOf('}', start);
            if (end < 0) {
                throw new IllegalArgumentException("The expression starting at index " + start + " is not closed.");
            }
            Part part = expression(source.substring(start + 2, end));
            hasTimestamp |= part instanceof Timestamp;
            hasPartitionKeys |= part instanceof PartitionKey;
            hasExpressions = true;
            parts.add(part);
            at = end + 1;
        }
        if (!hasTimestamp && !hasPartitionKeys) {
            parts.add(new Timestamp(DateTimeFormatter.ofPattern(DEFAULT_TIME_PATTERN)));
        }
        return new PrefixExpression(parts, hasExpressions);
    }

    private static Part expression(String body) {
        int colon = body.indexOf(':');
        String namespace = colon < 0 ? body : body.substring(0, colon);
        String value = colon < 0 ? "" : body.substring(colon + 1);
        switch (namespace) {
            case "timestamp":
                try {
                    return new Timestamp(DateTimeFormatter.ofPattern(value));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("The timestamp pattern '" + value + "' is invalid.");
                }
            case "firehose":
                if (value.equals("random-string")) {
                    return new RandomString();
                }
                if (value.equals("error-output-type")) {
                    return new ErrorOutputType();
                }
                throw new IllegalArgumentException("Unknown firehose expression '" + value + "'.");
            case "partitionKeyFromQuery", "partitionKeyFromLambda":
                if (value.isEmpty()) {
                    throw new IllegalArgumentException("The " + namespace + " expression needs a key name.");
                }
                return new PartitionKey(namespace.equals("partitionKeyFromQuery"), value);
            default:
                throw new IllegalArgumentException("Unknown expression namespace '" + namespace + "'.");
        }
    }

    /** Whether the text had any {@code !{...}} expression (the appended default timestamp does not count). */
    public boolean hasExpressions() {
        return hasExpressions;
    }

    public boolean usesErrorOutputType() {
        return parts.stream().anyMatch(ErrorOutputType.class::isInstance);
    }

    /** Whether the prefix uses {@code partitionKeyFromQuery} ({@code fromQuery}) or {@code partitionKeyFromLambda}. */
    public boolean usesPartitionKeys(boolean fromQuery) {
        return parts.stream().anyMatch(p -> p instanceof PartitionKey key && key.fromQuery() == fromQuery);
    }

    /** Every partition key this prefix uses, valued {@code value}: to try the prefix out before any record exists. */
    public PartitionKeys placeholderKeys(String value) {
        Map<String, String> query = new LinkedHashMap<>();
        Map<String, String> lambda = new LinkedHashMap<>();
        for (Part part : parts) {
            if (part instanceof PartitionKey key) {
                (key.fromQuery() ? query : lambda).put(key.name(), value);
            }
        }
        return new PartitionKeys(query, lambda);
    }

    /**
     * The keys a record has that this prefix uses, which is the record's partition; {@code null} when the record
     * lacks one of them (the record then cannot be delivered under this prefix).
     */
    public PartitionKeys partitionOf(PartitionKeys keys) {
        Map<String, String> query = new LinkedHashMap<>();
        Map<String, String> lambda = new LinkedHashMap<>();
        for (Part part : parts) {
            if (part instanceof PartitionKey key) {
                Map<String, String> source = key.fromQuery() ? keys.fromQuery() : keys.fromLambda();
                String value = source.get(key.name());
                if (value == null) {
                    return null;
                }
                (key.fromQuery() ? query : lambda).put(key.name(), value);
            }
        }
        return query.isEmpty() && lambda.isEmpty() ? PartitionKeys.NONE : new PartitionKeys(query, lambda);
    }

    /**
     * The prefix for an object whose oldest record arrived at {@code arrival}: every timestamp expression uses that
     * instant in {@code zone}; each random string is new; {@code errorOutputType} replaces every
     * {@code !{firehose:error-output-type}} ({@code null} only for prefixes that have none).
     */
    public String evaluate(Instant arrival, ZoneId zone, String errorOutputType) {
        return evaluate(arrival, zone, errorOutputType, PartitionKeys.NONE);
    }

    /** As {@link #evaluate(Instant, ZoneId, String)}, partition-key expressions taking their value from {@code keys}. */
    public String evaluate(Instant arrival, ZoneId zone, String errorOutputType, PartitionKeys keys) {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            out.append(part.evaluate(arrival, zone, errorOutputType, keys));
        }
        return out.toString();
    }

    private sealed interface Part permits Literal, Timestamp, RandomString, ErrorOutputType, PartitionKey {
        String evaluate(Instant arrival, ZoneId zone, String errorOutputType, PartitionKeys keys);
    }

    private record PartitionKey(boolean fromQuery, String name) implements Part {
        @Override
        public String evaluate(Instant arrival, ZoneId zone, String errorOutputType, PartitionKeys keys) {
            String value = (fromQuery ? keys.fromQuery() : keys.fromLambda()).get(name);
            if (value == null) {
                throw new IllegalStateException("partition key " + name + " evaluated for a record without it");
            }
            return value;
        }
    }

    private record Literal(String text) implements Part {
        @Override
        public String evaluate(Instant arrival, ZoneId zone, String errorOutputType, PartitionKeys keys) {
            return text;
        }
    }

    private record Timestamp(DateTimeFormatter format) implements Part {
        @Override
        public String evaluate(Instant arrival, ZoneId zone, String errorOutputType, PartitionKeys keys) {
            return format.format(arrival.atZone(zone));
        }
    }

    /** 11 characters, shaped like AWS's example {@code 046b6c7f-0b}: the start of a random UUID. */
    private record RandomString() implements Part {
        @Override
        public String evaluate(Instant arrival, ZoneId zone, String errorOutputType, PartitionKeys keys) {
            return UUID.randomUUID().toString().substring(0, 11);
        }
    }

    private record ErrorOutputType() implements Part {
        @Override
        public String evaluate(Instant arrival, ZoneId zone, String errorOutputType, PartitionKeys keys) {
            if (errorOutputType == null) {
                throw new IllegalStateException("error-output-type evaluated outside an error prefix");
            }
            return errorOutputType;
        }
    }
}
