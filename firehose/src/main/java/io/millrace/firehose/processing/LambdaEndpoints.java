package io.millrace.firehose.processing;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where each Lambda function "lives": a mapping from function ARN to the HTTP URL that plays it, configured as
 * {@code ARN=URL} entries ({@code --lambda-endpoint}). An ARN matches its entry exactly, or with a version or alias
 * qualifier ({@code ...:function:f:$LATEST}, {@code ...:function:f:prod}) when only the unqualified ARN is mapped.
 * Immutable and thread-safe.
 */
public final class LambdaEndpoints {
    public static final LambdaEndpoints NONE = new LambdaEndpoints(Map.of());

    private final Map<String, URI> urls;

    private LambdaEndpoints(Map<String, URI> urls) {
        this.urls = Map.copyOf(urls);
    }

    /** Parses {@code ARN=URL} entries; throws IllegalArgumentException naming the first bad one. */
    public static LambdaEndpoints parse(List<String> entries) {
        Map<String, URI> urls = new LinkedHashMap<>();
        for (String entry : entries) {
            int at = entry.lastIndexOf('=');
            String arn = at < 0 ? "" : entry.substring(0, at).trim();
            String url = at < 0 ? "" : entry.substring(at + 1).trim();
            if (!arn.startsWith("arn:") || !arn.contains(":lambda:")) {
                throw new IllegalArgumentException("lambda endpoint: " + entry
                        + " (expected: <Lambda function ARN>=<http or https URL>)");
            }
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                uri = null;
            }
            if (uri == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    || uri.getHost() == null) {
                throw new IllegalArgumentException("lambda endpoint: " + entry + " (expected: an http or https URL "
                        + "after '=')");
            }
            urls.put(arn, uri);
        }
        return new LambdaEndpoints(urls);
    }

    /** The URL playing {@code functionArn}, if it is mapped. */
    public Optional<URI> urlOf(String functionArn) {
        URI exact = urls.get(functionArn);
        if (exact != null) {
            return Optional.of(exact);
        }
        // arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>] — drop the qualifier and try again.
        String[] parts = functionArn.split(":");
        if (parts.length == 8) {
            return Optional.ofNullable(urls.get(functionArn.substring(0, functionArn.lastIndexOf(':'))));
        }
        return Optional.empty();
    }

    public boolean isEmpty() {
        return urls.isEmpty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LambdaEndpoints endpoints && endpoints.urls.equals(urls);
    }

    @Override
    public int hashCode() {
        return urls.hashCode();
    }

    @Override
    public String toString() {
        return "LambdaEndpoints" + urls;
    }
}
