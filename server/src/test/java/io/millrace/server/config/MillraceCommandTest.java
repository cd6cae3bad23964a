package io.millrace.server.config;

import io.millrace.firehose.destination.s3.S3Endpoint;
import io.millrace.firehose.processing.LambdaEndpoints;
import io.millrace.firehose.source.MskBootstraps;
import io.millrace.streams.limit.FaultPlan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MillraceCommandTest {
    @TempDir
    Path dir;

    @Test
    void withNothingGivenEveryDefaultApplies() {
        ServerConfig config = MillraceCommand.parse(Map.of());

        assertThat(config).isEqualTo(ServerConfig.defaults());
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(4567);
        assertThat(config.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(config.inMemory()).isFalse();
        assertThat(config.tlsCertFile()).isNull();
        assertThat(config.accountId()).isEqualTo("000000000000");
        assertThat(config.region()).isEqualTo("us-east-1");
        assertThat(config.durability()).isEqualTo(Durability.FSYNC);
        assertThat(config.createStreamDelayMs()).isZero();
        assertThat(config.deleteStreamDelayMs()).isZero();
        assertThat(config.updateStreamDelayMs()).isZero();
        assertThat(config.maxRequestBytes()).isEqualTo(24 * 1024 * 1024);
    }

    @Test
    void flagBeatsEnvironmentWhichBeatsConfigFileWhichBeatsDefault() throws Exception {
        Path file = Files.writeString(dir.resolve("millrace.properties"),
                "port=1111\nregion=eu-west-1\naccount-id=111111111111\ndurability=interval\n");
        Map<String, String> environment = Map.of("MILLRACE_PORT", "2222", "MILLRACE_REGION", "eu-central-1");

        ServerConfig config = MillraceCommand.parse(environment, "--config", file.toString(), "--port", "3333");

        assertThat(config.port()).isEqualTo(3333);                  // flag over env and file
        assertThat(config.region()).isEqualTo("eu-central-1");      // env over file
        assertThat(config.accountId()).isEqualTo("111111111111");   // file over default
        assertThat(config.durability()).isEqualTo(Durability.INTERVAL);
        assertThat(config.host()).isEqualTo("127.0.0.1");           // default
    }

    @Test
    void configFileMayBeNamedByTheEnvironment() throws Exception {
        Path file = Files.writeString(dir.resolve("c.properties"), "create-stream-delay-ms=500\n");

        ServerConfig config = MillraceCommand.parse(Map.of("MILLRACE_CONFIG", file.toString()));

        assertThat(config.createStreamDelayMs()).isEqualTo(500);
    }

    @Test
    void everyKeyIsReadFromItsFlag() {
        ServerConfig config = MillraceCommand.parse(Map.of(),
                "--host", "0.0.0.0", "--port", "0", "--data-dir", "/srv/millrace", "--in-memory",
                "--tls-cert", "c.pem", "--tls-key", "k.pem", "--account-id", "123456789012", "--region", "ap-east-1",
                "--durability", "none", "--flush-interval-ms", "7", "--create-stream-delay-ms", "1",
                "--delete-stream-delay-ms", "2", "--update-stream-delay-ms", "3", "--max-request-bytes", "4096",
                "--max-in-flight-per-connection", "8", "--io-threads", "2", "--worker-threads", "3",
                "--shutdown-timeout-ms", "99", "--enforce-limits", "--fault-injection", "PutRecords:throttle=0.25",
                "--fault-seed", "5", "--tls-only", "--auth", "sigv4", "--credentials", "ids.json",
                "--consumer-status-delay-ms", "5", "--max-open-files", "64", "--keyring", "keys.txt",
                "--s3-endpoint", "http://127.0.0.1:9000", "--s3-region", "eu-west-3", "--s3-access-key", "AKID",
                "--s3-secret-key", "SECRET",
                "--lambda-endpoints", "arn:aws:lambda:us-east-1:1:function:f=http://127.0.0.1:9/f",
                "--firehose-http-endpoint-plaintext", "--firehose-http-endpoint-timeout-ms", "9",
                "--firehose-redshift-endpoint", "db:5432",
                "--msk-bootstrap", "arn:aws:kafka:us-east-1:1:cluster/a/b=kafka-a:9092");

        assertThat(config).isEqualTo(new ServerConfig("0.0.0.0", 0, Path.of("/srv/millrace"), true, Path.of("c.pem"),
                Path.of("k.pem"), "123456789012", "ap-east-1", Durability.NONE, 7, 1, 2, 3, 4096, 8, 2, 3, 99, true,
                FaultPlan.parse("PutRecords:throttle=0.25", 5), true, AuthMode.SIGV4, Path.of("ids.json"), 5, 64,
                Path.of("keys.txt"), BackendConfig.local(),
                new S3Endpoint(URI.create("http://127.0.0.1:9000"), "eu-west-3", "AKID", "SECRET"),
                LambdaEndpoints.parse(List.of("arn:aws:lambda:us-east-1:1:function:f=http://127.0.0.1:9/f")), true,
                9, "db:5432", MskBootstraps.parse(List.of("arn:aws:kafka:us-east-1:1:cluster/a/b=kafka-a:9092"))));
    }

    @Test
    void anMskBootstrapEntryMustMapAClusterArnToHostAndPort() {
        assertThatThrownBy(() -> MillraceCommand.parse(Map.of(), "--msk-bootstrap",
                "arn:aws:kafka:us-east-1:1:cluster/a/b=kafka-a"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Invalid msk-bootstrap (from flag --msk-bootstrap)")
                .hasMessageContaining("MSKClusterARN=HOST:PORT");
    }

    @Test
    void aMalformedFaultInjectionRuleNamesTheKeyAndTheSyntax() {
        assertThatThrownBy(() -> MillraceCommand.parse(Map.of(), "--fault-injection", "PutRecords:slow=0.1"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Invalid fault-injection (from flag --fault-injection): 'PutRecords:slow=0.1'")
                .hasMessageContaining("Operation:throttle=P");
    }

    @Test
    void anS3AccessKeyWithoutItsSecretIsRefused() {
        assertThatThrownBy(() -> MillraceCommand.parse(Map.of(), "--s3-endpoint", "http://127.0.0.1:9000",
                "--s3-access-key", "AKID"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("s3-access-key and s3-secret-key: give both or neither");
    }

    @Test
    void withoutS3RegionTheServerRegionSignsS3Requests() {
        ServerConfig config = MillraceCommand.parse(Map.of(), "--s3-endpoint", "http://127.0.0.1:9000",
                "--region", "eu-west-1");

        assertThat(config.s3Endpoint().region()).isEqualTo("eu-west-1");
        assertThat(config.s3Endpoint().accessKeyId()).isNull();
    }

    @Test
    void everyKeyIsReadFromItsEnvironmentVariable() {
        Map<String, String> environment = new java.util.HashMap<>();
        for (ConfigKey key : ConfigKey.values()) {
            environment.put(key.environmentVariable(), sampleValue(key));
        }

        ServerConfig config = MillraceCommand.parse(environment);

        assertThat(config.inMemory()).isTrue();
        assertThat(config.shutdownTimeoutMs()).isEqualTo(42);
        assertThat(config.tlsKeyFile()).isEqualTo(Path.of("x.pem"));
        assertThat(config.s3Endpoint()).isEqualTo(new S3Endpoint(URI.create("https://s3.example.test"), "eu-north-1",
                "k", "k"));
        assertThat(ConfigKey.DATA_DIR.environmentVariable()).isEqualTo("MILLRACE_DATA_DIR");
    }

    @Test
    void badValuesAreRefusedNamingTheKeyAndWhereTheValueCameFrom() {
        assertThatThrownBy(() -> MillraceCommand.parse(Map.of("MILLRACE_PORT", "http")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid port (from environment variable MILLRACE_PORT): 'http' "
                        + "(expected: an integer in 0..65535)");
        assertThatThrownBy(() -> MillraceCommand.parse(Map.of(), "--durability", "sometimes"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("durability (from flag --durability)");
        assertThatThrownBy(() -> MillraceCommand.parse(Map.of(), "--account-id", "12"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("12 digits");
        assertThatThrownBy(() -> MillraceCommand.parse(Map.of(), "--tls-cert", "only-cert.pem"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("both or neither");
        assertThatThrownBy(() -> MillraceCommand.parse(Map.of(), "--auth", "maybe"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("one of none, sigv4");
        assertThatThrownBy(() -> MillraceCommand.parse(Map.of(), "--auth", "sigv4"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("needs a credentials file");
        assertThatThrownBy(() -> MillraceCommand.parse(Map.of(), "--no-such-option"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("--no-such-option");
    }

    @Test
    void kafkaTopicReplicationIsReadAndMoreInSyncReplicasThanReplicasAreRefused() {
        assertThat(MillraceCommand.parse(Map.of(), "--kafka-replication-factor", "3",
                "--kafka-min-insync-replicas", "2").backend().kafkaReplication())
                .isEqualTo(new io.millrace.kafka.TopicReplication(3, 2));
        assertThat(MillraceCommand.parse(Map.of()).backend().kafkaReplication())
                .isEqualTo(io.millrace.kafka.TopicReplication.CLUSTER_DEFAULTS);
        assertThatThrownBy(() -> MillraceCommand.parse(Map.of(), "--kafka-replication-factor", "1",
                "--kafka-min-insync-replicas", "2"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid kafka-min-insync-replicas (from flag --kafka-min-insync-replicas): '2' "
                        + "(expected: at most kafka-replication-factor (1))");
    }

    @Test
    void unknownConfigFileKeysAndMissingFilesAreRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("typo.properties"), "prot=1\n");

        assertThatThrownBy(() -> MillraceCommand.parse(Map.of(), "--config", file.toString()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("[prot]");
        assertThatThrownBy(() -> MillraceCommand.parse(Map.of(), "--config", dir.resolve("absent").toString()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("Cannot read config file");
    }

    @Test
    void helpListsEveryOptionWithItsEnvironmentVariableAndDefault() {
        StringWriter out = new StringWriter();

        OptionalInt exit = MillraceCommand.printHelpOrVersion(new PrintWriter(out), "--help");

        assertThat(exit).hasValue(0);
        String help = out.toString().replaceAll("\\s+", " ");
        assertThat(help).contains("--config", "--help", "--version");
        for (ConfigKey key : ConfigKey.values()) {
            assertThat(help).contains(key.option(), key.environmentVariable());
            if (key.defaultValue() != null) {
                assertThat(help).contains("Default: " + key.defaultValue() + ".");
            }
        }
        assertThat(help).doesNotContain("${DEFAULT-VALUE}");
    }

    @Test
    void versionIsPrintedAndOrdinaryArgumentsAskForNeither() {
        StringWriter out = new StringWriter();

        assertThat(MillraceCommand.printHelpOrVersion(new PrintWriter(out), "--version")).hasValue(0);
        assertThat(out.toString()).startsWith("millrace ");
        assertThat(MillraceCommand.printHelpOrVersion(new PrintWriter(new StringWriter()), "--port", "1")).isEmpty();
    }

    @Test
    void transportViewKeepsTheCertificateInTheDataDirUnlessInMemory() {
        ServerConfig onDisk = MillraceCommand.parse(Map.of(), "--data-dir", "d");
        ServerConfig inMemory = MillraceCommand.parse(Map.of(), "--in-memory=true");

        assertThat(onDisk.transport().tlsDir()).isEqualTo(Path.of("d", "tls"));
        assertThat(inMemory.transport().tlsDir()).isNull();
        assertThat(onDisk.transport().maxRequestBytes()).isEqualTo(onDisk.maxRequestBytes());
    }

    private static String sampleValue(ConfigKey key) {
        return switch (key) {
            case HOST -> "localhost";
            case DATA_DIR -> "d";
            case IN_MEMORY, TLS_ONLY -> "true";
            case AUTH -> "sigv4";
            case CREDENTIALS -> "ids.json";
            case KEYRING -> "keys.txt";
            case TLS_CERT, TLS_KEY -> "x.pem";
            case ACCOUNT_ID -> "999999999999";
            case REGION -> "us-west-1";
            case DURABILITY -> "none";
            case SHUTDOWN_TIMEOUT_MS -> "42";
            case LAMBDA_ENDPOINTS -> "arn:aws:lambda:us-east-1:1:function:f=http://127.0.0.1:9/f";
            case MAX_REQUEST_BYTES -> "5000";
            case ENFORCE_LIMITS, FIREHOSE_HTTP_ENDPOINT_PLAINTEXT -> "true";
            case FIREHOSE_REDSHIFT_ENDPOINT -> "db:5432";
            case MSK_BOOTSTRAP -> "arn:aws:kafka:us-east-1:1:cluster/a/b=kafka-a:9092";
            case FAULT_INJECTION -> "GetRecords:internal=0.5";
            case BACKEND -> "local";
            case KAFKA_BOOTSTRAP -> "127.0.0.1:9092";
            case KAFKA_CONFIG -> "kafka.properties";
            case KAFKA_TOPIC_PREFIX -> "p.";
            case S3_ENDPOINT -> "https://s3.example.test";
            case S3_REGION -> "eu-north-1";
            case S3_ACCESS_KEY, S3_SECRET_KEY -> "k";
            default -> "7";
        };
    }
}
