package io.millrace.server.config;

import java.util.Locale;

/**
 * Every configuration key, documented once with its default. The same key is a command-line flag
 * ({@code --data-dir}), an environment variable ({@code MILLRACE_DATA_DIR}) and a config-file property
 * ({@code data-dir}); {@code --help} and {@code docs/configuration.md} are generated from this table.
 */
public enum ConfigKey {
    HOST("host", "ADDRESS", "127.0.0.1",
            "Address to listen on. Use 0.0.0.0 to accept connections from other hosts."),
    PORT("port", "PORT", "4567",
            "Port serving HTTP/1.1, HTTP/2 cleartext and TLS (HTTP/2 or HTTP/1.1 by ALPN). 0 picks a free port."),
    DATA_DIR("data-dir", "DIR", "./data",
            "Directory for stream data, the generated self-signed TLS certificate (tls/cert.pem, tls/key.pem) and the "
                    + "objects Firehose and Kinesis channels deliver to the embedded S3 (s3/<bucket>/<key>)."),
    IN_MEMORY("in-memory", "BOOLEAN", "false",
            "Keep everything in memory and leave data-dir untouched; data is lost on exit. Without --s3-endpoint, "
                    + "the objects Firehose and channels deliver go to a temporary directory (logged at start-up, "
                    + "removed on exit)."),
    TLS_CERT("tls-cert", "FILE", null,
            "PEM certificate chain to serve; without it a self-signed certificate is used."),
    TLS_KEY("tls-key", "FILE", null,
            "PEM private key (PKCS#8, PKCS#1 RSA or EC) for --tls-cert."),
    TLS_ONLY("tls-only", "BOOLEAN", "false",
            "Serve TLS only: plain HTTP/1.1 and h2c connections are closed without an answer."),
    AUTH("auth", "MODE", "none",
            "Authentication: none (accept any request, signed or not; a 12-digit access key id names the account) "
                    + "or sigv4 (every request must carry a valid AWS Signature V4 of an identity in --credentials)."),
    CREDENTIALS("credentials", "FILE", null,
            "JSON file of identities (access key id, secret, account id, optional user name, session token and "
                    + "identity policy); required with --auth=sigv4. See the README for its format."),
    KEYRING("keyring", "FILE", null,
            "Key ring for encryption at rest: one line per master key version, '<key id>[,<other name>...] <version> "
                    + "<base64 of 32 bytes>'; the newest version encrypts, older ones stay readable. StartStreamEncryption "
                    + "and StartDeliveryStreamEncryption accept only the key ids it lists (KMSNotFoundException, "
                    + "InvalidKMSResourceException otherwise). Without it, data-dir/keyring is kept (mode 0600) and any "
                    + "key id gets a generated key. See docs/design/encryption-at-rest.md."),
    ACCOUNT_ID("account-id", "ID", "000000000000",
            "12-digit account id used in ARNs when a request's credentials name none."),
    REGION("region", "REGION", "us-east-1",
            "Region used in ARNs when a request's credential scope names none."),
    DURABILITY("durability", "MODE", "fsync",
            "When a write is acknowledged: fsync (after it is forced to disk), interval (forced every "
                    + "flush-interval-ms) or none (left to the operating system)."),
    FLUSH_INTERVAL_MS("flush-interval-ms", "MS", "100",
            "How often data is forced to disk in interval mode."),
    CREATE_STREAM_DELAY_MS("create-stream-delay-ms", "MS", "0",
            "How long a new stream stays CREATING before it becomes ACTIVE."),
    DELETE_STREAM_DELAY_MS("delete-stream-delay-ms", "MS", "0",
            "How long a stream stays DELETING before it disappears."),
    UPDATE_STREAM_DELAY_MS("update-stream-delay-ms", "MS", "0",
            "How long a stream stays UPDATING during resharding and other updates."),
    MAX_OPEN_FILES("max-open-files", "COUNT", "512",
            "Most segment files the durable store keeps open at once; idle ones are closed and reopened on demand."),
    CONSUMER_STATUS_DELAY_MS("consumer-status-delay-ms", "MS", "0",
            "How long a registered consumer stays CREATING and a deregistered one DELETING."),
    MAX_REQUEST_BYTES("max-request-bytes", "BYTES", "25165824",
            "Largest request body accepted (24 MiB fits a 10 MiB record in base64 JSON); larger ones are refused."),
    MAX_IN_FLIGHT_PER_CONNECTION("max-in-flight-per-connection", "COUNT", "64",
            "Unanswered requests (HTTP/1.1) or concurrent streams (HTTP/2) one connection may have."),
    IO_THREADS("io-threads", "COUNT", "0",
            "Network event-loop threads; 0 means twice the number of cores."),
    WORKER_THREADS("worker-threads", "COUNT", "0",
            "Threads executing operations; 0 means twice the number of cores, at least 4."),
    SHUTDOWN_TIMEOUT_MS("shutdown-timeout-ms", "MS", "10000",
            "How long shutdown waits for in-flight requests before closing connections."),
    ENFORCE_LIMITS("enforce-limits", "BOOLEAN", "false",
            "Enforce AWS's throughput limits: per shard 1 MiB/s and 1,000 records/s of writes and 5 GetRecords "
                    + "calls/s and 2 MiB/s of reads (ProvisionedThroughputExceededException; per record in "
                    + "PutRecords), per consumer and shard 1 SubscribeToShard call/s (LimitExceededException) and "
                    + "2 MiB/s of delivered records (delivery waits), and per-account control-plane TPS "
                    + "(LimitExceededException)."),
    FAULT_INJECTION("fault-injection", "RULES", null,
            "Fail a random fraction of calls on purpose, to test client retries. Comma-separated rules "
                    + "Operation:throttle=P (ProvisionedThroughputExceededException) or Operation:internal=P "
                    + "(InternalFailure), P in [0, 1], e.g. PutRecords:throttle=0.1,GetRecords:internal=0.05."),
    FAULT_SEED("fault-seed", "SEED", "0",
            "Seed of fault injection's random draws; the same seed and call sequence inject the same faults."),
    BACKEND("backend", "NAME", "local",
            "Where streams are stored: local (the embedded durable log under data-dir, or memory with in-memory) "
                    + "or kafka (an Apache Kafka cluster at kafka-bootstrap: a topic per stream, a partition per "
                    + "shard; see the README's Kafka backend section)."),
    KAFKA_BOOTSTRAP("kafka-bootstrap", "HOST:PORT", null,
            "Bootstrap servers of the Kafka cluster (comma-separated host:port); required with backend=kafka."),
    KAFKA_CONFIG("kafka-config", "FILE", null,
            "Java properties file of Kafka client settings passed to every client Millrace opens, e.g. "
                    + "security.protocol, sasl.*, ssl.*; acks, idempotence and serializers are fixed."),
    KAFKA_TOPIC_PREFIX("kafka-topic-prefix", "PREFIX", "millrace.",
            "Start of every Kafka topic name Millrace creates (<prefix>log.<stream key> per stream, "
                    + "<prefix>metadata); gateways sharing a prefix share the streams."),
    KAFKA_REPLICATION_FACTOR("kafka-replication-factor", "N", "0",
            "Replication factor of the Kafka topics Millrace creates; 0 leaves it to the cluster's "
                    + "default.replication.factor. Topics that already exist keep theirs."),
    KAFKA_MIN_INSYNC_REPLICAS("kafka-min-insync-replicas", "N", "0",
            "min.insync.replicas of the Kafka topics Millrace creates: with acks=all, a write is acknowledged "
                    + "once this many replicas have it; 0 leaves it to the cluster's min.insync.replicas."),
    S3_ENDPOINT("s3-endpoint", "URL", null,
            "S3-compatible endpoint (AWS S3, MinIO, Ceph, s3proxy, ...) Firehose and Kinesis channels deliver "
                    + "their objects to, path-style; buckets must exist. Without it, objects go to the embedded store: "
                    + "data-dir/s3/<bucket>/<key>."),
    S3_REGION("s3-region", "REGION", null,
            "Region requests to --s3-endpoint are signed for; defaults to --region."),
    S3_ACCESS_KEY("s3-access-key", "KEY", null,
            "Access key id for --s3-endpoint; without it the AWS SDK's default credentials are used "
                    + "(AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, profiles, ...)."),
    S3_SECRET_KEY("s3-secret-key", "SECRET", null,
            "Secret access key for --s3-access-key."),
    LAMBDA_ENDPOINTS("lambda-endpoints", "MAPPINGS", null,
            "Where Firehose's Lambda processors send invocations: comma-separated FunctionArn=URL entries, e.g. "
                    + "arn:aws:lambda:us-east-1:000000000000:function:enrich=http://127.0.0.1:9000/enrich. The "
                    + "transformation event is POSTed as JSON to the URL; a 200 answer's body is the function's "
                    + "result, any other status a failed invocation. An unmapped function fails its records to the "
                    + "processing-failed error output."),
    MSK_BOOTSTRAP("msk-bootstrap", "MAPPINGS", null,
            "Kafka clusters that play MSK clusters for Firehose MSKAsSource delivery streams: comma-separated "
                    + "MSKClusterARN=HOST:PORT entries, e.g. arn:aws:kafka:us-east-1:000000000000:cluster/demo/"
                    + "abcd=127.0.0.1:9092. A cluster ARN without an entry is read at --kafka-bootstrap; without "
                    + "that either, CreateDeliveryStream refuses it. Every cluster gets the --kafka-config client "
                    + "settings."),
    FIREHOSE_HTTP_ENDPOINT_PLAINTEXT("firehose-http-endpoint-plaintext", "BOOLEAN", "false",
            "Call Firehose HTTP endpoint destinations over plain HTTP although their Url says https:// (AWS accepts "
                    + "only https URLs; a local endpoint usually has no certificate)."),
    FIREHOSE_HTTP_ENDPOINT_TIMEOUT_MS("firehose-http-endpoint-timeout-ms", "MS", "180000",
            "How long one delivery attempt waits for an HTTP endpoint's answer (3 minutes in AWS)."),
    FIREHOSE_REDSHIFT_ENDPOINT("firehose-redshift-endpoint", "HOST:PORT", null,
            "PostgreSQL server that every Firehose Redshift destination loads into, replacing the host and port of "
                    + "its ClusterJDBCURL (whose database name is kept); without it the URL's own host and port are "
                    + "used.");

    /** The environment variable naming a config file, beside {@code --config}. */
    public static final String CONFIG_FILE_ENV = "MILLRACE_CONFIG";

    private final String name;
    private final String paramLabel;
    private final String defaultValue;
    private final String description;

    ConfigKey(String name, String paramLabel, String defaultValue, String description) {
        this.name = name;
        this.paramLabel = paramLabel;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    /** The config-file property name, e.g. {@code data-dir}. */
    public String propertyName() {
        return name;
    }

    /** The command-line flag, e.g. {@code --data-dir}. */
    public String option() {
        return "--" + name;
    }

    /** The environment variable, e.g. {@code MILLRACE_DATA_DIR}. */
    public String environmentVariable() {
        return "MILLRACE_" + name.replace('-', '_').toUpperCase(Locale.ROOT);
    }

    public String paramLabel() {
        return paramLabel;
    }

    /** The default as text, or {@code null} when the key is unset by default. */
    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    public boolean isFlag() {
        return this == IN_MEMORY || this == ENFORCE_LIMITS || this == TLS_ONLY
                || this == FIREHOSE_HTTP_ENDPOINT_PLAINTEXT;
    }
}
