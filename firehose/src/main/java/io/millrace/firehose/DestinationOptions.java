package io.millrace.firehose;

import io.millrace.firehose.retry.Backoff;

import java.time.Duration;

/**
 * How Millrace reaches the destinations outside the process.
 *
 * @param httpEndpointPlaintext call HTTP endpoints over plain HTTP although their URL says https (AWS accepts only
 *                              https URLs; a local endpoint usually has no certificate)
 * @param httpEndpointTimeout   how long one attempt waits for an endpoint's answer (3 minutes in AWS)
 * @param redshiftEndpoint      {@code host:port} of the PostgreSQL server every Redshift destination loads into,
 *                              or {@code null} to connect to the host and port of each {@code ClusterJDBCURL}
 * @param backoff               the wait between attempts of a failing batch
 */
public record DestinationOptions(boolean httpEndpointPlaintext, Duration httpEndpointTimeout, String redshiftEndpoint,
                                 Backoff backoff) {

    public DestinationOptions {
        if (httpEndpointTimeout.isNegative() || httpEndpointTimeout.isZero()) {
            throw new IllegalArgumentException("httpEndpointTimeout: " + httpEndpointTimeout + " (expected: > 0)");
        }
        if (redshiftEndpoint != null && !redshiftEndpoint.matches("[^:/\\s]+:\\d{1,5}")) {
            throw new IllegalArgumentException("redshiftEndpoint: " + redshiftEndpoint + " (expected: host:port)");
        }
    }

    public static DestinationOptions defaults() {
        return new DestinationOptions(false, Duration.ofMinutes(3), null, Backoff.reference());
    }
}
