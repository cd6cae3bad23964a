package io.millrace.compat.sdks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.millrace.compat.EmbeddedMillrace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Another language's AWS SDK against Millrace, through a script of that language that every subclass runs in the
 * same way: {@code SCRIPT ENDPOINT WRITE_STREAM READ_STREAM DELIVERY_STREAM BUCKET}, signing with the credentials in
 * {@code SCENARIO_ACCESS_KEY_ID} and {@code SCENARIO_SECRET_ACCESS_KEY}. The script creates WRITE_STREAM
 * (two shards) and writes 40 records with PutRecords and one with PutRecord (explicit hash key 0), reads READ_STREAM,
 * which the Java SDK wrote before, with GetRecords and with SubscribeToShard, pages ListShards one shard at a time,
 * provokes five errors, then creates the Firehose stream DELIVERY_STREAM (DirectPut to S3 bucket BUCKET, unbuffered)
 * and writes 21 records with PutRecord and PutRecordBatch. It prints what it saw as one JSON object ({@code puts},
 * {@code getRecords}, {@code subscribed}, {@code errors}, {@code listShardsPages}, {@code firehose}). Records cross
 * between the SDKs both ways and must arrive exactly; Firehose's must land in the bucket of the embedded S3 directory.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CrossSdkScenario {
    private static final String WRITTEN_BY_JAVA = "written-by-java";
    private static final String WRITTEN_BY_SCRIPT = "written-by-script";
    private static final String DELIVERY_STREAM = "delivered-by-script";
    private static final String BUCKET = "script-bucket";
    private static final int FIREHOSE_RECORDS = 21;
    private static final long SCRIPT_TIMEOUT_SECONDS = 120;

    /** The command that runs the script with the given arguments appended (see {@link ScenarioScripts}). */
    private final Function<List<String>, ProcessBuilder> scriptCommand;
    private final AwsBasicCredentials credentials;
    private final String accountId;
    private KinesisClient kinesis;
    /** What the Java SDK put, by shard, in the order PutRecords answered. */
    private final Map<String, List<Written>> putByJava = new TreeMap<>();
    /** The script's report. */
    private JsonNode seen;

    private record Written(String sequenceNumber, String partitionKey, String data) {
    }

    /**
     * @param credentials what both the Java SDK and the script sign with
     * @param accountId   the account those credentials act in
     */
    CrossSdkScenario(Function<List<String>, ProcessBuilder> scriptCommand, AwsBasicCredentials credentials,
                     String accountId) {
        this.scriptCommand = scriptCommand;
        this.credentials = credentials;
        this.accountId = accountId;
    }

    /** The server under test: on disk, so that Firehose's objects can be read ({@link EmbeddedMillrace#onDisk}). */
    abstract EmbeddedMillrace millrace();

    @BeforeAll
    void runTheScript() throws Exception {
        kinesis = KinesisClient.builder()
                .endpointOverride(millrace().endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .build();
        kinesis.createStream(r -> r.streamName(WRITTEN_BY_JAVA).shardCount(2));
        kinesis.waiter().waitUntilStreamExists(r -> r.streamName(WRITTEN_BY_JAVA));
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            byte[] data = new byte[1 + i * 13];
            for (int k = 0; k < data.length; k++) {
                data[k] = (byte) (k * 17 + i);
            }
            entries.add(PutRecordsRequestEntry.builder().partitionKey("java-" + i + "-ü")
                    .data(SdkBytes.fromByteArray(data)).build());
        }
        PutRecordsResponse put = kinesis.putRecords(r -> r.streamName(WRITTEN_BY_JAVA).records(entries));
        assertThat(put.failedRecordCount()).isZero();
        for (int i = 0; i < entries.size(); i++) {
            PutRecordsResultEntry result = put.records().get(i);
            putByJava.computeIfAbsent(result.shardId(), shard -> new ArrayList<>()).add(new Written(
                    result.sequenceNumber(), entries.get(i).partitionKey(), base64(entries.get(i).data())));
        }
        assertThat(putByJava).as("both shards were written").hasSize(2);
        seen = new ObjectMapper().readTree(runScript(millrace().endpoint()));
    }

    @AfterAll
    void close() {
        if (kinesis != null) {
            kinesis.close();
        }
    }

    @Test
    void whatTheScriptPutTheJavaSdkReadsBackExactly() {
        Map<String, List<Written>> putByScript = new TreeMap<>();
        for (JsonNode put : seen.get("puts")) {
            putByScript.computeIfAbsent(put.get("shardId").asText(), shard -> new ArrayList<>()).add(new Written(
                    put.get("sequenceNumber").asText(), put.get("partitionKey").asText(), put.get("data").asText()));
        }
        assertThat(seen.get("puts")).hasSize(41);
        assertThat(seen.get("puts").get(40).get("shardId").asText()).as("explicit hash key 0")
                .isEqualTo("shardId-000000000000");
        Map<String, List<Written>> readByJava = new TreeMap<>();
        for (String shardId : putByScript.keySet()) {
            readByJava.put(shardId, readWithJava(WRITTEN_BY_SCRIPT, shardId).stream()
                    .map(r -> new Written(r.sequenceNumber(), r.partitionKey(), base64(r.data()))).toList());
        }
        // The same records in the same order: the log's order is the order the puts were answered in.
        assertThat(readByJava).isEqualTo(putByScript);
    }

    @Test
    void whatTheJavaSdkPutTheScriptReadsExactlyWithGetRecordsAndSubscribeToShard() {
        Map<String, List<Map<String, Object>>> expected = new TreeMap<>();
        putByJava.forEach((shardId, written) -> {
            List<Record> read = readWithJava(WRITTEN_BY_JAVA, shardId);
            assertThat(read).extracting(Record::sequenceNumber)
                    .containsExactlyElementsOf(written.stream().map(Written::sequenceNumber).toList());
            expected.put(shardId, read.stream().map(r -> {
                Map<String, Object> record = new LinkedHashMap<>();
                record.put("data", base64(r.data()));
                record.put("partitionKey", r.partitionKey());
                record.put("sequenceNumber", r.sequenceNumber());
                record.put("arrivalMs", r.approximateArrivalTimestamp().toEpochMilli());
                return record;
            }).toList());
        });
        ObjectMapper json = new ObjectMapper();
        assertThat(json.convertValue(seen.get("getRecords"), Map.class)).isEqualTo(expected);
        assertThat(json.convertValue(seen.get("subscribed"), Map.class)).isEqualTo(expected);
        assertThat(seen.get("listShardsPages").asInt()).as("ListShards pages of one shard each").isEqualTo(2);
    }

    @Test
    void theScriptSeesAwsErrorTypesAndMessages() {
        JsonNode errors = seen.get("errors");
        assertError(errors.get("badIterator"), "InvalidArgumentException", "Invalid ShardIterator.");
        assertError(errors.get("missingStream"), "ResourceNotFoundException",
                "Stream no-such-stream under account " + accountId + " not found.");
        assertError(errors.get("duplicateStream"), "ResourceInUseException",
                "Stream " + WRITTEN_BY_JAVA + " under account " + accountId + " already exists.");
        assertError(errors.get("badShard"), "ResourceNotFoundException",
                "Shard shardId-000000000009 in stream " + WRITTEN_BY_JAVA + " under account " + accountId
                        + " does not exist");
        assertError(errors.get("limitTooHigh"), "ValidationException", "1 validation error detected: Value '10001' at "
                + "'limit' failed to satisfy constraint: Member must have value less than or equal to 10000");
    }

    @Test
    @Timeout(60)
    void whatTheScriptSentToFirehoseIsDeliveredToTheBucket() throws IOException, InterruptedException {
        JsonNode firehose = seen.get("firehose");
        assertThat(firehose.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(firehose.get("failedPutCount").asInt()).isZero();
        List<String> recordIds = new ArrayList<>();
        firehose.get("recordIds").forEach(id -> recordIds.add(id.asText()));
        assertThat(recordIds).hasSize(FIREHOSE_RECORDS).doesNotHaveDuplicates().allSatisfy(id -> assertThat(id)
                .isNotBlank());
        assertError(firehose.get("missing"), "ResourceNotFoundException",
                "Firehose no-such-delivery-stream under account " + accountId + " not found.");

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < FIREHOSE_RECORDS; i++) {
            expected.add("firehose record " + i);
        }
        Path bucket = millrace().s3Directory().resolve(BUCKET);
        List<String> delivered = delivered(bucket);
        while (delivered.size() < FIREHOSE_RECORDS) { // bounded by the test's timeout
            Thread.sleep(20);
            delivered = delivered(bucket);
        }
        assertThat(delivered).containsExactlyInAnyOrderElementsOf(expected);
    }

    /** The {@code ;}-terminated records of every object in the bucket (none while it does not exist). */
    private static List<String> delivered(Path bucket) throws IOException {
        List<String> records = new ArrayList<>();
        if (!Files.isDirectory(bucket)) {
            return records;
        }
        try (Stream<Path> objects = Files.walk(bucket)) {
            for (Path object : objects.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString()
                    .startsWith(".")).toList()) {
                for (String record : Files.readString(object).split(";")) {
                    if (!record.isEmpty()) {
                        records.add(record);
                    }
                }
            }
        }
        return records;
    }

    private static void assertError(JsonNode error, String type, String message) {
        assertThat(error.get("name").asText()).isEqualTo(type);
        assertThat(error.get("message").asText()).isEqualTo(message);
        assertThat(error.get("status").asInt()).isEqualTo(400);
    }

    private List<Record> readWithJava(String stream, String shardId) {
        List<Record> records = new ArrayList<>();
        String iterator = kinesis.getShardIterator(r -> r.streamName(stream).shardId(shardId)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        while (true) {
            String current = iterator;
            GetRecordsResponse page = kinesis.getRecords(r -> r.shardIterator(current));
            records.addAll(page.records());
            if (page.records().isEmpty() && page.millisBehindLatest() == 0) {
                return records;
            }
            iterator = page.nextShardIterator();
        }
    }

    /** Runs the script to its end; returns what it printed, failing the test if it failed or took too long. */
    private String runScript(URI endpoint) throws IOException, InterruptedException {
        Path stdout = Files.createTempFile("scenario", ".out");
        Path stderr = Files.createTempFile("scenario", ".err");
        try {
            ProcessBuilder command = scriptCommand.apply(List.of(endpoint.toString(), WRITTEN_BY_SCRIPT, WRITTEN_BY_JAVA,
                    DELIVERY_STREAM, BUCKET));
            command.environment().put("SCENARIO_ACCESS_KEY_ID", credentials.accessKeyId());
            command.environment().put("SCENARIO_SECRET_ACCESS_KEY", credentials.secretAccessKey());
            Process script = command
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile())
                    .start();
            if (!script.waitFor(SCRIPT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                script.destroyForcibly();
                fail("the scenario did not finish in " + SCRIPT_TIMEOUT_SECONDS + " s:\n" + Files.readString(stderr));
            }
            if (script.exitValue() != 0) {
                fail("the scenario failed with exit code " + script.exitValue() + ":\n" + Files.readString(stderr));
            }
            return Files.readString(stdout);
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    private static String base64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArray());
    }
}
