package io.millrace.server.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.Record;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills a real server process with SIGKILL while every acknowledged Firehose record is still buffered (the hints are
 * far from due), restarts it on the same data directory, and finds every one of those records in the delivered
 * objects once the restarted server shuts down (which delivers whatever is buffered).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class FirehoseCrashRestartIT {
    private static final String STREAM = "crash-firehose";
    private static final String BUCKET = "crash-bucket";

    private Path dataDir;
    private ServerProcess server;

    @BeforeEach
    void setUp() throws IOException {
        dataDir = Files.createTempDirectory("millrace-firehose-crash");
        server = ServerProcess.on(dataDir);
    }

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.destroy();
        }
        TestServer.deleteRecursively(dataDir);
    }

    @Test
    void recordsBufferedAtASigkillAreAllDeliveredAfterRestart() throws Exception {
        Set<String> acknowledged = new HashSet<>();
        server.start();
        try (FirehoseClient firehose = client()) {
            firehose.createDeliveryStream(r -> r.deliveryStreamName(STREAM).extendedS3DestinationConfiguration(d -> d
                    .roleARN("arn:aws:iam::000000000000:role/firehose").bucketARN("arn:aws:s3:::" + BUCKET)
                    .bufferingHints(h -> h.sizeInMBs(128).intervalInSeconds(900))
                    .processingConfiguration(p -> p.enabled(true).processors(pr -> pr.type("AppendDelimiterToRecord")))));
            for (int batch = 0; batch < 20; batch++) {
                List<Record> records = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    records.add(Record.builder().data(SdkBytes.fromUtf8String("record-" + batch + "-" + i)).build());
                }
                PutRecordBatchResponse response = firehose.putRecordBatch(r -> r.deliveryStreamName(STREAM)
                        .records(records));
                for (int i = 0; i < records.size(); i++) {
                    if (response.requestResponses().get(i).errorCode() == null) {
                        acknowledged.add(records.get(i).data().asUtf8String());
                    }
                }
            }
        }
        assertThat(deliveredLines()).as("nothing is delivered before the crash").isEmpty();
        server.kill(); // SIGKILL: no shutdown hook, no flush

        server.start();
        // SIGTERM: shutdown delivers what is buffered
        assertThat(server.terminate(60)).as("server exited after SIGTERM").isTrue();

        assertThat(acknowledged).hasSize(2_000);
        assertThat(deliveredLines()).containsAll(acknowledged);
    }

    private List<String> deliveredLines() throws IOException {
        Path bucket = dataDir.resolve("s3").resolve(BUCKET);
        List<String> lines = new ArrayList<>();
        for (Path object : BucketObjects.list(bucket)) {
            lines.addAll(Files.readAllLines(object, StandardCharsets.UTF_8));
        }
        return lines;
    }


    private FirehoseClient client() {
        return FirehoseClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
                .region(Region.US_EAST_1)
                .credentialsProvider(Clients.CREDENTIALS)
                .httpClient(ApacheHttpClient.builder().build())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallTimeout(Duration.ofSeconds(30)))
                .build();
    }
}
