package io.millrace.server.config;

import io.millrace.firehose.destination.s3.S3Endpoint;
import io.millrace.firehose.processing.LambdaEndpoints;
import io.millrace.firehose.source.MskBootstraps;
import io.millrace.firehose.DestinationOptions;
import io.millrace.firehose.retry.Backoff;
import io.millrace.server.http.TransportConfig;
import io.millrace.streams.limit.FaultPlan;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The whole server configuration, immutable. Each component is described, with its default, by the
 * {@link ConfigKey} of the same name; {@link #defaults()} is every default.
 *
 * @param tlsCertFile PEM chain, or {@code null} for the self-signed certificate
 * @param tlsKeyFile  PEM key, or {@code null} exactly when {@code tlsCertFile} is
 * @param credentialsFile the identities file, or {@code null}; required when {@code auth} is {@link AuthMode#SIGV4}
 * @param keyringFile the operator's key ring for encryption at rest, or {@code null} for the generated one
 * @param s3Endpoint  where Firehose delivers objects, or {@code null} for the embedded store
 * @param firehoseRedshiftEndpoint {@code host:port} replacing every Redshift destination's, or {@code null}
 * @param mskBootstraps the Kafka clusters that play MSK cluster ARNs ({@code --msk-bootstrap})
 */
public record ServerConfig(String host, int port, Path dataDir, boolean inMemory, Path tlsCertFile, Path tlsKeyFile,
                           String accountId, String region, Durability durability, long flushIntervalMs,
                           long createStreamDelayMs, long deleteStreamDelayMs, long updateStreamDelayMs,
                           int maxRequestBytes, int maxInFlightPerConnection, int ioThreads, int workerThreads,
                           long shutdownTimeoutMs, boolean enforceLimits, FaultPlan faultInjection,
                           boolean tlsOnly, AuthMode auth, Path credentialsFile, long consumerStatusDelayMs,
                           int maxOpenFiles, Path keyringFile, BackendConfig backend,
                           S3Endpoint s3Endpoint, LambdaEndpoints lambdaEndpoints,
                           boolean firehoseHttpEndpointPlaintext, long firehoseHttpEndpointTimeoutMs,
                           String firehoseRedshiftEndpoint, MskBootstraps mskBootstraps) {

    /** Where the self-signed certificate lives under {@link #dataDir()}. */
    public static final String TLS_SUBDIRECTORY = "tls";

    public ServerConfig {
        if ((tlsCertFile == null) != (tlsKeyFile == null)) {
            throw new ConfigException("tls-cert and tls-key: give both or neither");
        }
        if (firehoseRedshiftEndpoint != null && !firehoseRedshiftEndpoint.matches("[^:/\\s]+:\\d{1,5}")) {
            throw new ConfigException("firehose-redshift-endpoint: " + firehoseRedshiftEndpoint
                    + " (expected: host:port)");
        }
        if (auth == AuthMode.SIGV4 && credentialsFile == null) {
            throw new ConfigException("auth=sigv4 needs a credentials file (--credentials FILE)");
        }
        if (inMemory && backend.backend() == Backend.KAFKA) {
            throw new ConfigException("in-memory and backend=kafka exclude each other: pick one place for streams");
        }
    }

    public static ServerConfig defaults() {
        return from(new EnumMap<>(ConfigKey.class), Map.of());
    }

    /** How Firehose reaches HTTP endpoint and Redshift destinations. */
    public DestinationOptions firehoseDestinations() {
        return new DestinationOptions(firehoseHttpEndpointPlaintext, Duration.ofMillis(firehoseHttpEndpointTimeoutMs),
                firehoseRedshiftEndpoint, Backoff.reference());
    }

    /** The transport's view: same host, port and limits; the certificate is kept in the data dir unless in memory. */
    public TransportConfig transport() {
        Path tlsDir = inMemory ? null : dataDir.resolve(TLS_SUBDIRECTORY);
        return new TransportConfig(host, port, maxRequestBytes, tlsCertFile, tlsKeyFile, tlsDir,
                maxInFlightPerConnection, ioThreads, tlsOnly);
    }

    /**
     * Builds a config from raw text values; a missing key takes its default.
     *
     * @param origins where each value came from, for error messages (e.g. "environment variable MILLRACE_PORT")
     */
    static ServerConfig from(Map<ConfigKey, String> values, Map<ConfigKey, String> origins) {
        ConfigValues v = new ConfigValues(values, origins);
        return new ServerConfig(
                v.text(ConfigKey.HOST),
                (int) v.number(ConfigKey.PORT, 0, 65535),
                v.path(ConfigKey.DATA_DIR),
                v.bool(ConfigKey.IN_MEMORY),
                v.path(ConfigKey.TLS_CERT),
                v.path(ConfigKey.TLS_KEY),
                v.accountId(ConfigKey.ACCOUNT_ID),
                v.text(ConfigKey.REGION),
                v.durability(ConfigKey.DURABILITY),
                v.number(ConfigKey.FLUSH_INTERVAL_MS, 1, Long.MAX_VALUE),
                v.number(ConfigKey.CREATE_STREAM_DELAY_MS, 0, Long.MAX_VALUE),
                v.number(ConfigKey.DELETE_STREAM_DELAY_MS, 0, Long.MAX_VALUE),
                v.number(ConfigKey.UPDATE_STREAM_DELAY_MS, 0, Long.MAX_VALUE),
                (int) v.number(ConfigKey.MAX_REQUEST_BYTES, 1024, Integer.MAX_VALUE),
                (int) v.number(ConfigKey.MAX_IN_FLIGHT_PER_CONNECTION, 1, 100_000),
                (int) v.number(ConfigKey.IO_THREADS, 0, 1024),
                (int) v.number(ConfigKey.WORKER_THREADS, 0, 1024),
                v.number(ConfigKey.SHUTDOWN_TIMEOUT_MS, 0, Long.MAX_VALUE),
                v.bool(ConfigKey.ENFORCE_LIMITS),
                v.faultPlan(ConfigKey.FAULT_INJECTION, ConfigKey.FAULT_SEED),
                v.bool(ConfigKey.TLS_ONLY),
                v.authMode(ConfigKey.AUTH),
                v.path(ConfigKey.CREDENTIALS),
                v.number(ConfigKey.CONSUMER_STATUS_DELAY_MS, 0, Long.MAX_VALUE),
                (int) v.number(ConfigKey.MAX_OPEN_FILES, 2, 1_000_000),
                v.path(ConfigKey.KEYRING),
                new BackendConfig(v.backend(ConfigKey.BACKEND), v.optionalText(ConfigKey.KAFKA_BOOTSTRAP),
                        v.path(ConfigKey.KAFKA_CONFIG), v.raw(ConfigKey.KAFKA_TOPIC_PREFIX),
                        v.topicReplication(ConfigKey.KAFKA_REPLICATION_FACTOR, ConfigKey.KAFKA_MIN_INSYNC_REPLICAS)),
                v.s3Endpoint(ConfigKey.S3_ENDPOINT, ConfigKey.S3_REGION, ConfigKey.REGION, ConfigKey.S3_ACCESS_KEY,
                        ConfigKey.S3_SECRET_KEY),
                v.lambdaEndpoints(ConfigKey.LAMBDA_ENDPOINTS),
                v.bool(ConfigKey.FIREHOSE_HTTP_ENDPOINT_PLAINTEXT),
                v.number(ConfigKey.FIREHOSE_HTTP_ENDPOINT_TIMEOUT_MS, 1, Long.MAX_VALUE),
                v.optionalText(ConfigKey.FIREHOSE_REDSHIFT_ENDPOINT),
                v.mskBootstraps(ConfigKey.MSK_BOOTSTRAP));
    }
}
