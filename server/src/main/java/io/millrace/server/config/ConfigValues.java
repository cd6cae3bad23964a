package io.millrace.server.config;

import io.millrace.firehose.destination.s3.S3Endpoint;
import io.millrace.firehose.processing.LambdaEndpoints;
import io.millrace.firehose.source.MskBootstraps;
import io.millrace.kafka.TopicReplication;
import io.millrace.streams.limit.FaultPlan;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Typed reading of raw configuration text, with one error format naming the key, the value's origin and what was
 * expected. Single-use, not thread-safe.
 */
final class ConfigValues {
    private final Map<ConfigKey, String> values;
    private final Map<ConfigKey, String> origins;

    ConfigValues(Map<ConfigKey, String> values, Map<ConfigKey, String> origins) {
        this.values = values;
        this.origins = origins;
    }

    /** The value, or the default; {@code null} only for keys without a default. */
    String raw(ConfigKey key) {
        String value = values.get(key);
        return value != null ? value.trim() : key.defaultValue();
    }

    /** The value, or {@code null} when unset or empty. */
    String optionalText(ConfigKey key) {
        String value = raw(key);
        return value == null || value.isEmpty() ? null : value;
    }

    String text(ConfigKey key) {
        String value = raw(key);
        if (value == null || value.isEmpty()) {
            throw invalid(key, value, "a non-empty value");
        }
        return value;
    }

    long number(ConfigKey key, long min, long max) {
        String value = raw(key);
        try {
            long number = Long.parseLong(value);
            if (number < min || number > max) {
                throw invalid(key, value, "an integer in " + min + ".." + max);
            }
            return number;
        } catch (NumberFormatException e) {
            throw invalid(key, value, "an integer in " + min + ".." + max);
        }
    }

    boolean bool(ConfigKey key) {
        String value = raw(key);
        if ("true".equalsIgnoreCase(value)) {
            return true;
        }
        if ("false".equalsIgnoreCase(value)) {
            return false;
        }
        throw invalid(key, value, "true or false");
    }

    /** {@code null} when unset or empty (an empty env var is a common way to unset). */
    Path path(ConfigKey key) {
        String value = raw(key);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw invalid(key, value, "a file system path");
        }
    }

    String accountId(ConfigKey key) {
        String value = raw(key);
        if (value == null || !value.matches("[0-9]{12}")) {
            throw invalid(key, value, "12 digits");
        }
        return value;
    }

    Durability durability(ConfigKey key) {
        String value = raw(key);
        try {
            return Durability.parse(value);
        } catch (IllegalArgumentException e) {
            throw invalid(key, value, "one of fsync, interval, none");
        }
    }

    /** The fault-injection rules seeded by {@code seedKey}; an empty plan when unset. */
    FaultPlan faultPlan(ConfigKey rulesKey, ConfigKey seedKey) {
        long seed = number(seedKey, Long.MIN_VALUE, Long.MAX_VALUE);
        String value = raw(rulesKey);
        try {
            return FaultPlan.parse(value, seed);
        } catch (IllegalArgumentException e) {
            throw invalid(rulesKey, value, "Operation:throttle=P or Operation:internal=P, comma-separated; "
                    + e.getMessage());
        }
    }

    Backend backend(ConfigKey key) {
        String value = raw(key);
        try {
            return Backend.parse(value);
        } catch (IllegalArgumentException e) {
            throw invalid(key, value, "one of local, kafka");
        }
    }

    /** Replication of the Kafka topics Millrace creates; 0 leaves a setting to the cluster. */
    TopicReplication topicReplication(ConfigKey factorKey, ConfigKey minInsyncKey) {
        int factor = (int) number(factorKey, 0, Short.MAX_VALUE);
        int minInsync = (int) number(minInsyncKey, 0, Short.MAX_VALUE);
        try {
            return new TopicReplication(factor, minInsync);
        } catch (IllegalArgumentException e) {
            throw invalid(minInsyncKey, raw(minInsyncKey), "at most " + factorKey.propertyName() + " (" + factor
                    + ")");
        }
    }

    LambdaEndpoints lambdaEndpoints(ConfigKey key) {
        String value = raw(key);
        if (value == null || value.isBlank()) {
            return LambdaEndpoints.NONE;
        }
        try {
            return LambdaEndpoints.parse(java.util.Arrays.asList(value.split(",")));
        } catch (IllegalArgumentException e) {
            throw invalid(key, value, "comma-separated FunctionArn=URL entries; " + e.getMessage());
        }
    }

    MskBootstraps mskBootstraps(ConfigKey key) {
        String value = raw(key);
        if (value == null || value.isBlank()) {
            return MskBootstraps.NONE;
        }
        try {
            return MskBootstraps.parse(java.util.Arrays.asList(value.split(",")));
        } catch (IllegalArgumentException e) {
            throw invalid(key, value, "comma-separated MSKClusterARN=HOST:PORT entries; " + e.getMessage());
        }
    }

    AuthMode authMode(ConfigKey key) {
        String value = raw(key);
        try {
            return AuthMode.parse(value);
        } catch (IllegalArgumentException e) {
            throw invalid(key, value, "one of none, sigv4");
        }
    }

    /** {@code null} without an endpoint; the region falls back to {@code fallbackRegion}'s value. */
    S3Endpoint s3Endpoint(ConfigKey endpoint, ConfigKey region, ConfigKey fallbackRegion, ConfigKey accessKey,
                          ConfigKey secretKey) {
        String url = raw(endpoint);
        if (url == null || url.isEmpty()) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw invalid(endpoint, url, "an http or https URL");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw invalid(endpoint, url, "an http or https URL");
        }
        String signingRegion = raw(region) == null || raw(region).isEmpty() ? text(fallbackRegion) : raw(region);
        String key = emptyToNull(raw(accessKey));
        String secret = emptyToNull(raw(secretKey));
        if ((key == null) != (secret == null)) {
            throw new ConfigException(accessKey.propertyName() + " and " + secretKey.propertyName()
                    + ": give both or neither");
        }
        return new S3Endpoint(uri, signingRegion, key, secret);
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private ConfigException invalid(ConfigKey key, String value, String expected) {
        String origin = origins.getOrDefault(key, "default");
        return new ConfigException("Invalid " + key.propertyName() + " (from " + origin + "): '" + value
                + "' (expected: " + expected + ")");
    }
}
