package io.millrace.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.millrace.server.Millrace;
import io.millrace.server.config.MillraceCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xerial.snappy.Snappy;
import org.xerial.snappy.SnappyFramedInputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.BufferingHints;
import software.amazon.awssdk.services.firehose.model.CompressionFormat;
import software.amazon.awssdk.services.firehose.model.DynamicPartitioningConfiguration;
import software.amazon.awssdk.services.firehose.model.ExtendedS3DestinationConfiguration;
import software.amazon.awssdk.services.firehose.model.ExtendedS3DestinationDescription;
import software.amazon.awssdk.services.firehose.model.InvalidArgumentException;
import software.amazon.awssdk.services.firehose.model.ProcessingConfiguration;
import software.amazon.awssdk.services.firehose.model.Processor;
import software.amazon.awssdk.services.firehose.model.ProcessorParameter;
import software.amazon.awssdk.services.firehose.model.ProcessorParameterName;
import software.amazon.awssdk.services.firehose.model.ProcessorType;
import software.amazon.awssdk.services.firehose.model.Record;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Record processing end to end through the real AWS SDK for Java v2 Firehose client: dynamic partitioning with jq,
 * the Lambda transformation contract against an HTTP server on 127.0.0.1 that plays the user's function (mapped with
 * {@code --lambda-endpoints}), and every compression format. Objects are inspected after the server shuts down,
 * which delivers everything buffered, so no test waits on the delivery clock.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FirehoseProcessingIT {
    private static final String ROLE = "arn:aws:iam::123456789012:role/firehose";
    private static final String FUNCTION = "arn:aws:lambda:us-east-1:000000000000:function:transform";
    private static final String BROKEN_FUNCTION = "arn:aws:lambda:us-east-1:000000000000:function:broken";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final AtomicInteger brokenCalls = new AtomicInteger();
    private Path dataDir;
    private HttpServer lambda;
    private Millrace server;
    private FirehoseClient firehose;

    @BeforeEach
    void start() throws IOException {
        lambda = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        lambda.createContext("/transform", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            JsonNode event = JSON.readTree(body);
            events.add(event);
            byte[] answer = JSON.writeValueAsBytes(transform(event));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        lambda.createContext("/broken", exchange -> {
            brokenCalls.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        lambda.start();
        String base = "http://127.0.0.1:" + lambda.getAddress().getPort();
        dataDir = Files.createTempDirectory("millrace-firehose-processing-it");
        server = Millrace.start(MillraceCommand.parse(new String[] {"--host", "127.0.0.1", "--port", "0",
                "--data-dir", dataDir.toString(),
                "--lambda-endpoints", FUNCTION + "=" + base + "/transform," + BROKEN_FUNCTION + "=" + base + "/broken"}));
        firehose = Clients.firehose(server.port());
    }

    @AfterEach
    void stop() {
        firehose.close();
        server.close();
        lambda.stop(0);
        TestServer.deleteRecursively(dataDir);
    }

    /** The user's function: upper-cases "ok" records, drops "drop" records, fails "fail" records. */
    private static ObjectNode transform(JsonNode event) {
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode records = answer.putArray("records");
        for (JsonNode record : event.path("records")) {
            String text = new String(Base64.getDecoder().decode(record.path("data").asText()), StandardCharsets.UTF_8);
            ObjectNode result = records.addObject().put("recordId", record.path("recordId").asText());
            String kind = text.substring(0, text.indexOf(':'));
            result.put("result", kind.equals("ok") ? "Ok" : kind.equals("drop") ? "Dropped" : "ProcessingFailed");
            result.put("data", Base64.getEncoder().encodeToString(
                    (text.toUpperCase() + "\n").getBytes(StandardCharsets.UTF_8)));
            result.putObject("metadata").putObject("partitionKeys").put("kind", kind);
        }
        return answer;
    }

    @Test
    void dynamicPartitioningWithJqWritesOneObjectPerPartitionAndFailuresToTheErrorPrefix() throws Exception {
        firehose.createDeliveryStream(b -> b.deliveryStreamName("orders").extendedS3DestinationConfiguration(
                s3("orders-bucket", CompressionFormat.UNCOMPRESSED)
                        .prefix("customer=!{partitionKeyFromQuery:customer}/year=!{partitionKeyFromQuery:year}/")
                        .errorOutputPrefix("errors/!{firehose:error-output-type}/!{timestamp:yyyy}/")
                        .dynamicPartitioningConfiguration(DynamicPartitioningConfiguration.builder().enabled(true)
                                .build())
                        .processingConfiguration(processing(
                                processor(ProcessorType.METADATA_EXTRACTION,
                                        ProcessorParameterName.METADATA_EXTRACTION_QUERY,
                                        "{customer: .customer, year: .ts | strftime(\"%Y\")}",
                                        ProcessorParameterName.JSON_PARSING_ENGINE, "JQ-1.6"),
                                processor(ProcessorType.APPEND_DELIMITER_TO_RECORD)))
                        .build()));
        ExtendedS3DestinationDescription described = firehose.describeDeliveryStream(b -> b.deliveryStreamName(
                "orders")).deliveryStreamDescription().destinations().get(0).extendedS3DestinationDescription();
        assertThat(described.dynamicPartitioningConfiguration().enabled()).isTrue();

        firehose.putRecordBatch(b -> b.deliveryStreamName("orders").records(
                record("{\"customer\":\"a\",\"ts\":1609459200,\"n\":1}"),
                record("{\"customer\":\"b\",\"ts\":1640995200,\"n\":2}"),
                record("{\"customer\":\"a\",\"ts\":1609459201,\"n\":3}"),
                record("not json")));
        server.close();

        Path bucket = dataDir.resolve("s3/orders-bucket");
        Map<String, String> objects = readAll(bucket, bytes -> bytes);
        assertThat(objects.keySet()).hasSize(3);
        assertThat(only(objects, "customer=a/year=2021/orders-1-"))
                .isEqualTo("{\"customer\":\"a\",\"ts\":1609459200,\"n\":1}\n{\"customer\":\"a\",\"ts\":1609459201,\"n\":3}\n");
        assertThat(only(objects, "customer=b/year=2022/orders-1-"))
                .isEqualTo("{\"customer\":\"b\",\"ts\":1640995200,\"n\":2}\n");
        JsonNode failure = JSON.readTree(only(objects, "errors/processing-failed/20"));
        assertThat(failure.path("errorCode").asText()).isEqualTo("DynamicPartitioning.MetadataExtractionFailed");
        assertThat(new String(Base64.getDecoder().decode(failure.path("rawData").asText()), StandardCharsets.UTF_8))
                .isEqualTo("not json");
        assertThat(failure.path("attemptsMade").asInt()).isEqualTo(1);
        assertThat(failure.has("arrivalTimestamp")).isTrue();
        assertThat(failure.has("attemptEndingTimestamp")).isTrue();
    }

    @Test
    void dynamicPartitioningNeedsPartitionKeysInThePrefix() {
        assertThatThrownBy(() -> firehose.createDeliveryStream(b -> b.deliveryStreamName("bad")
                .extendedS3DestinationConfiguration(s3("b", CompressionFormat.UNCOMPRESSED).prefix("plain/")
                        .errorOutputPrefix("errors/")
                        .dynamicPartitioningConfiguration(DynamicPartitioningConfiguration.builder().enabled(true)
                                .build()).build())))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("Prefix must contain at least one partitionKeyFromQuery or "
                        + "partitionKeyFromLambda expression");
    }

    @Test
    void theLambdaContractDeliversOkRecordsSkipsDroppedOnesAndFailsTheRest() throws Exception {
        String arn = firehose.createDeliveryStream(b -> b.deliveryStreamName("clicks")
                .extendedS3DestinationConfiguration(s3("clicks-bucket", CompressionFormat.UNCOMPRESSED)
                        .prefix("kind=!{partitionKeyFromLambda:kind}/")
                        .errorOutputPrefix("errors/!{firehose:error-output-type}/")
                        .dynamicPartitioningConfiguration(DynamicPartitioningConfiguration.builder().enabled(true)
                                .build())
                        .processingConfiguration(processing(processor(ProcessorType.LAMBDA,
                                ProcessorParameterName.LAMBDA_ARN, FUNCTION)))
                        .build())).deliveryStreamARN();

        firehose.putRecordBatch(b -> b.deliveryStreamName("clicks").records(
                record("ok:one"), record("drop:two"), record("fail:three"), record("ok:four")));
        server.close();

        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.path("invocationId").asText()).isNotEmpty();
            assertThat(event.path("deliveryStreamArn").asText()).isEqualTo(arn);
            assertThat(event.path("region").asText()).isEqualTo("us-east-1");
            List<String> data = new ArrayList<>();
            for (JsonNode record : event.path("records")) {
                assertThat(record.path("recordId").asText()).isNotEmpty();
                assertThat(record.path("approximateArrivalTimestamp").isIntegralNumber()).isTrue();
                data.add(new String(Base64.getDecoder().decode(record.path("data").asText()), StandardCharsets.UTF_8));
            }
            assertThat(data).containsExactly("ok:one", "drop:two", "fail:three", "ok:four");
        });
        Map<String, String> objects = readAll(dataDir.resolve("s3/clicks-bucket"), bytes -> bytes);
        assertThat(objects).hasSize(2);
        assertThat(only(objects, "kind=ok/clicks-1-")).isEqualTo("OK:ONE\nOK:FOUR\n");
        JsonNode failure = JSON.readTree(only(objects, "errors/processing-failed/"));
        assertThat(failure.path("errorCode").asText()).isEqualTo("Lambda.ProcessingFailedStatus");
        assertThat(failure.path("lambdaARN").asText()).isEqualTo(FUNCTION);
        assertThat(new String(Base64.getDecoder().decode(failure.path("rawData").asText()), StandardCharsets.UTF_8))
                .isEqualTo("fail:three");
    }

    @Test
    void aFunctionThatKeepsFailingSendsTheWholeBatchToTheErrorOutputAfterItsRetries() throws Exception {
        firehose.createDeliveryStream(b -> b.deliveryStreamName("logs")
                .extendedS3DestinationConfiguration(s3("logs-bucket", CompressionFormat.GZIP)
                        .processingConfiguration(processing(processor(ProcessorType.LAMBDA,
                                ProcessorParameterName.LAMBDA_ARN, BROKEN_FUNCTION,
                                ProcessorParameterName.NUMBER_OF_RETRIES, "1")))
                        .build()));
        firehose.putRecordBatch(b -> b.deliveryStreamName("logs").records(record("a"), record("b")));
        server.close();

        assertThat(brokenCalls).hasValue(2);
        Map<String, String> objects = readAll(dataDir.resolve("s3/logs-bucket"), FirehoseProcessingIT::gunzip);
        String lines = only(objects, "processing-failed/");
        assertThat(lines.lines().map(this::tree)).hasSize(2).allSatisfy(failure -> {
            assertThat(failure.path("errorCode").asText()).isEqualTo("Lambda.FunctionError");
            assertThat(failure.path("errorMessage").asText())
                    .isEqualTo("The Lambda function was successfully invoked but it returned an error result.");
            assertThat(failure.path("attemptsMade").asInt()).isEqualTo(2);
        });
    }

    @Test
    void everyCompressionFormatWritesObjectsThatDecompressToTheInput() throws Exception {
        Map<CompressionFormat, Function<byte[], byte[]>> formats = Map.of(
                CompressionFormat.UNCOMPRESSED, bytes -> bytes,
                CompressionFormat.GZIP, FirehoseProcessingIT::gunzip,
                CompressionFormat.ZIP, FirehoseProcessingIT::unzip,
                CompressionFormat.SNAPPY, FirehoseProcessingIT::unsnappyFramed,
                CompressionFormat.HADOOP_SNAPPY, FirehoseProcessingIT::unsnappyHadoop);
        Map<CompressionFormat, String> extensions = Map.of(CompressionFormat.UNCOMPRESSED, "",
                CompressionFormat.GZIP, ".gz", CompressionFormat.ZIP, ".zip", CompressionFormat.SNAPPY, ".snappy",
                CompressionFormat.HADOOP_SNAPPY, ".hsnappy");
        String big = "x".repeat(200_000) + "\n";
        for (CompressionFormat format : formats.keySet()) {
            String name = "s-" + format.toString().toLowerCase().replace('_', '-');
            firehose.createDeliveryStream(b -> b.deliveryStreamName(name)
                    .extendedS3DestinationConfiguration(s3(name, format).build()));
            firehose.putRecordBatch(b -> b.deliveryStreamName(name).records(record("first\n"), record(big),
                    record("last\n")));
        }
        server.close();

        for (Map.Entry<CompressionFormat, Function<byte[], byte[]>> format : formats.entrySet()) {
            String name = "s-" + format.getKey().toString().toLowerCase().replace('_', '-');
            Map<String, String> objects = readAll(dataDir.resolve("s3").resolve(name), format.getValue());
            assertThat(objects.values()).as(format.getKey().toString()).containsExactly("first\n" + big + "last\n");
            assertThat(objects.keySet().iterator().next()).endsWith(extensions.get(format.getKey()));
        }
    }

    @Test
    void cloudWatchLogsSubscriptionDataIsDecompressedAndSplitIntoItsMessages() throws Exception {
        firehose.createDeliveryStream(b -> b.deliveryStreamName("cwl")
                .extendedS3DestinationConfiguration(s3("cwl-bucket", CompressionFormat.UNCOMPRESSED)
                        .errorOutputPrefix("errors/!{firehose:error-output-type}/")
                        .processingConfiguration(processing(
                                processor(ProcessorType.DECOMPRESSION,
                                        ProcessorParameterName.COMPRESSION_FORMAT, "GZIP"),
                                processor(ProcessorType.CLOUD_WATCH_LOG_PROCESSING,
                                        ProcessorParameterName.DATA_MESSAGE_EXTRACTION, "true"),
                                processor(ProcessorType.APPEND_DELIMITER_TO_RECORD)))
                        .build()));
        String data = "{\"messageType\":\"DATA_MESSAGE\",\"owner\":\"111111111111\",\"logGroup\":\"app\","
                + "\"logStream\":\"i-1\",\"subscriptionFilters\":[\"all\"],\"logEvents\":["
                + "{\"id\":\"1\",\"timestamp\":1432826855000,\"message\":\"GET /index 200\"},"
                + "{\"id\":\"2\",\"timestamp\":1432826855001,\"message\":\"GET /missing 404\"}]}";
        String control = "{\"messageType\":\"CONTROL_MESSAGE\",\"owner\":\"CloudwatchLogs\",\"logGroup\":\"\","
                + "\"logStream\":\"\",\"subscriptionFilters\":[],\"logEvents\":[{\"id\":\"\",\"timestamp\":1,"
                + "\"message\":\"CWL CONTROL MESSAGE: Checking health of destination Firehose.\"}]}";
        Record dataRecord = Record.builder().data(SdkBytes.fromByteArray(gzip(data))).build();
        Record controlRecord = Record.builder().data(SdkBytes.fromByteArray(gzip(control))).build();
        firehose.putRecordBatch(b -> b.deliveryStreamName("cwl").records(dataRecord, controlRecord,
                record("not gzip")));
        server.close();

        Map<String, String> objects = readAll(dataDir.resolve("s3/cwl-bucket"), bytes -> bytes);
        assertThat(objects).hasSize(2);
        assertThat(objects.entrySet().stream().filter(e -> !e.getKey().startsWith("errors/"))
                .map(Map.Entry::getValue)).containsExactly("GET /index 200\nGET /missing 404\n");
        JsonNode failure = JSON.readTree(only(objects, "errors/decompression-failed/"));
        assertThat(new String(Base64.getDecoder().decode(failure.path("rawData").asText()), StandardCharsets.UTF_8))
                .isEqualTo("not gzip");
    }

    @Test
    void messageExtractionWithoutDecompressionIsRefused() {
        assertThatThrownBy(() -> firehose.createDeliveryStream(b -> b.deliveryStreamName("bad-cwl")
                .extendedS3DestinationConfiguration(s3("b", CompressionFormat.UNCOMPRESSED)
                        .processingConfiguration(processing(processor(ProcessorType.CLOUD_WATCH_LOG_PROCESSING,
                                ProcessorParameterName.DATA_MESSAGE_EXTRACTION, "true"))).build())))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("requires a Decompression processor");
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private JsonNode tree(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static ExtendedS3DestinationConfiguration.Builder s3(String bucket, CompressionFormat compression) {
        return ExtendedS3DestinationConfiguration.builder()
                .roleARN(ROLE)
                .bucketARN("arn:aws:s3:::" + bucket)
                .compressionFormat(compression)
                .bufferingHints(BufferingHints.builder().sizeInMBs(64).intervalInSeconds(900).build());
    }

    private static ProcessingConfiguration processing(Processor... processors) {
        return ProcessingConfiguration.builder().enabled(true).processors(processors).build();
    }

    private static Processor processor(ProcessorType type, Object... nameValues) {
        List<ProcessorParameter> parameters = new ArrayList<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            parameters.add(ProcessorParameter.builder().parameterName((ProcessorParameterName) nameValues[i])
                    .parameterValue((String) nameValues[i + 1]).build());
        }
        return Processor.builder().type(type).parameters(parameters).build();
    }

    private static Record record(String text) {
        return Record.builder().data(SdkBytes.fromUtf8String(text)).build();
    }

    /** Every object under {@code bucket}, decoded, by key relative to the bucket. */
    private static Map<String, String> readAll(Path bucket, Function<byte[], byte[]> decode) throws IOException {
        Map<String, String> objects = new java.util.TreeMap<>();
        for (Path file : BucketObjects.list(bucket)) {
            objects.put(bucket.relativize(file).toString().replace('\\', '/'),
                    new String(decode.apply(Files.readAllBytes(file)), StandardCharsets.UTF_8));
        }
        return objects;
    }

    private static String only(Map<String, String> objects, String keyPrefix) {
        List<String> matching = objects.entrySet().stream().filter(e -> e.getKey().startsWith(keyPrefix))
                .map(Map.Entry::getValue).toList();
        assertThat(matching).as("objects under " + keyPrefix + " in " + objects.keySet()).hasSize(1);
        return matching.get(0);
    }

    private static byte[] gunzip(byte[] bytes) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] unzip(byte[] bytes) {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            ZipEntry entry = in.getNextEntry();
            assertThat(entry).isNotNull();
            byte[] content = in.readAllBytes();
            assertThat(in.getNextEntry()).as("one entry").isNull();
            return content;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] unsnappyFramed(byte[] bytes) {
        try (InputStream in = new SnappyFramedInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Hadoop's block format: [uncompressed length][[compressed length][snappy chunk]...] per block, big-endian. */
    private static byte[] unsnappyHadoop(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (in.available() > 0) {
                int blockBytes = in.readInt();
                int decoded = 0;
                while (decoded < blockBytes) {
                    byte[] chunk = new byte[in.readInt()];
                    in.readFully(chunk);
                    byte[] plain = Snappy.uncompress(chunk);
                    out.writeBytes(plain);
                    decoded += plain.length;
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
