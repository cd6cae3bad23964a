package io.millrace.streams.op;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Routing is a table, not a switch: operation name to request type and implementation. The server looks up
 * {@code X-Amz-Target} here after stripping the service's target prefix.
 */
public final class OperationTable {

    /** One row: the AWS operation name, its request record type and the operation. */
    public record Entry<I, O>(String name, Class<I> requestType, Operation<I, O> operation) {
    }

    private final String targetPrefix;
    private final Map<String, Entry<?, ?>> entries;

    private OperationTable(String targetPrefix, Map<String, Entry<?, ?>> entries) {
        this.targetPrefix = targetPrefix;
        this.entries = Map.copyOf(entries);
    }

    public static Builder builder(String targetPrefix) {
        return new Builder(targetPrefix);
    }

    /** The service prefix of {@code X-Amz-Target}, e.g. {@code Kinesis_20131202}. */
    public String targetPrefix() {
        return targetPrefix;
    }

    /** The row for {@code operationName} (case-sensitive, as AWS is), or {@code null}. */
    public Entry<?, ?> lookup(String operationName) {
        return entries.get(operationName);
    }

    public Set<String> operationNames() {
        return entries.keySet();
    }

    /** Collects rows; a name may appear once. */
    public static final class Builder {
        private final String targetPrefix;
        private final Map<String, Entry<?, ?>> entries = new LinkedHashMap<>();

        private Builder(String targetPrefix) {
            this.targetPrefix = targetPrefix;
        }

        public <I, O> Builder add(String name, Class<I> requestType, Operation<I, O> operation) {
            if (entries.putIfAbsent(name, new Entry<>(name, requestType, operation)) != null) {
                throw new IllegalArgumentException("name: " + name + " (expected: unique)");
            }
            return this;
        }

        public OperationTable build() {
            return new OperationTable(targetPrefix, entries);
        }
    }
}
