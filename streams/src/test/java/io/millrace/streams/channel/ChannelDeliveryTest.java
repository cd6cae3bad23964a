package io.millrace.streams.channel;

import io.millrace.log.object.LocalObjectStore;
import io.millrace.log.object.NoSuchBucketException;
import io.millrace.log.object.ObjectStore;
import io.millrace.streams.ChannelRequests;
import io.millrace.streams.EngineFixture;
import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.model.ChannelDescription;
import io.millrace.streams.model.ChannelStatus;
import io.millrace.streams.op.ChannelResponse;
import io.millrace.streams.op.ListChannelsRequest;
import io.millrace.streams.op.ListChannelsResponse;
import io.millrace.streams.op.UpdateChannelRequest;
import io.millrace.streams.model.S3DestinationConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static io.millrace.streams.ChannelRequests.CHANNEL_ARN_PREFIX;
import static io.millrace.streams.ChannelRequests.channel;
import static io.millrace.streams.ChannelRequests.s3;
import static io.millrace.streams.Requests.createOnDemand;
import static io.millrace.streams.Requests.put;
import static org.assertj.core.api.Assertions.assertThat;

class ChannelDeliveryTest {
    @TempDir
    Path s3Root;
    private EngineFixture kinesis;

    @BeforeEach
    void open() {
        kinesis = ChannelRequests.engine(s3Root);
        kinesis.call("CreateStream", createOnDemand("s"));
    }

    @AfterEach
    void close() {
        kinesis.close();
    }

    @Test
    void recordsAppearInTheBucketOnceTheFreshnessIntervalPasses() {
        kinesis.call("CreateChannel", channel("c", "s", "JSON", s3("bucket", "NONE", 60)));
        kinesis.call("PutRecord", put("s", "k", "{\"n\":1}"));
        kinesis.call("PutRecord", put("s", "k", "{\"n\":2}"));
        kinesis.clock.advanceMs(59_999);
        kinesis.engine().runMaintenance();
        assertThat(objects("bucket")).isEmpty();

        kinesis.clock.advanceMs(1);
        kinesis.engine().runMaintenance();
        List<Path> objects = objects("bucket");
        assertThat(objects).singleElement().satisfies(p -> assertThat(p.toString())
                .matches(".*/bucket/2015/01/22/01/c-shardId-\\d{12}-0{20}"));
        assertThat(text(objects.get(0))).isEqualTo("{\"n\":1}\n{\"n\":2}\n");
    }

    @Test
    void eachRecordIsDeliveredOnceAcrossRoundsAndARestart() {
        kinesis.call("CreateChannel", channel("c", "s", "STRING", s3("bucket", "NONE", 10)));
        kinesis.call("PutRecord", put("s", "k", "one"));
        kinesis.clock.advanceMs(10_000);
        kinesis.engine().runMaintenance();
        kinesis.restart();
        kinesis.call("PutRecord", put("s", "k", "two"));
        kinesis.clock.advanceMs(10_000);
        kinesis.engine().runMaintenance();
        kinesis.clock.advanceMs(10_000);
        kinesis.engine().runMaintenance(); // nothing new: no empty object either
        assertThat(objects("bucket")).extracting(ChannelDeliveryTest::text).containsExactly("one\n", "two\n");
    }

    @Test
    void byteArrayRecordsAreConcatenatedAndGzipped() throws IOException {
        kinesis.call("CreateChannel", channel("c", "s", "BYTE_ARRAY", s3("raw", "GZIP", 1)));
        kinesis.call("PutRecord", put("s", "k", "ab"));
        kinesis.call("PutRecord", put("s", "k", "cd"));
        kinesis.clock.advanceMs(1_000);
        kinesis.engine().runMaintenance();
        Path object = objects("raw").get(0);
        assertThat(object.toString()).endsWith(".gz");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(object))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("abcd");
        }
    }

    @Test
    void aShorterFreshnessFromUpdateChannelAppliesToTheNextRound() {
        kinesis.call("CreateChannel", channel("c", "s", "JSON", s3("bucket", "NONE", 300)));
        kinesis.engine().runMaintenance();
        kinesis.call("UpdateChannel", new UpdateChannelRequest(CHANNEL_ARN_PREFIX + "c",
                new S3DestinationConfiguration(5, null, null), null, null));
        kinesis.call("PutRecord", put("s", "k", "{}"));
        kinesis.clock.advanceMs(5_000);
        kinesis.engine().runMaintenance();
        assertThat(objects("bucket")).hasSize(1);
    }

    @Test
    void aDeletedChannelDeliversNothingMore() {
        kinesis.call("CreateChannel", channel("c", "s", "JSON", s3("bucket", "NONE", 1)));
        kinesis.call("PutRecord", put("s", "k", "{}"));
        kinesis.call("DeleteChannel", ChannelRequests.delete("c"));
        kinesis.clock.advanceMs(1_000);
        kinesis.engine().runMaintenance();
        assertThat(objects("bucket")).isEmpty();
    }

    @Test
    void positionsLostInACrashLeadToTheSameObjectBeingWrittenAgain() {
        // A second registry on the same store delivers a round the engine's registry never hears of, as if the
        // engine had crashed after writing the object and before recording its positions: the engine must deliver
        // the records again (at-least-once), and within the hour into the same key.
        kinesis.call("CreateChannel", channel("c", "s", "STRING", s3("bucket", "NONE", 1)));
        kinesis.call("PutRecord", put("s", "k", "x"));
        kinesis.engine().runMaintenance(); // ACTIVE
        ChannelRegistry registry = new ChannelRegistry(kinesis.store.metadata(), kinesis.clock);
        LocalObjectStore buckets = new LocalObjectStore(s3Root);
        kinesis.clock.advanceMs(1_000);
        new ChannelDelivery(registry, new io.millrace.streams.stream.StreamRegistry(kinesis.store, kinesis.clock),
                buckets, new DeliveryLease(kinesis.store.metadata(), kinesis.clock, DeliveryLease.Timing.DEFAULT),
                kinesis.clock).tick();
        Path first = objects("bucket").get(0);
        long firstModified = first.toFile().lastModified();
        assertThat(first.toFile().setLastModified(firstModified - 60_000)).isTrue();
        kinesis.engine().runMaintenance();
        assertThat(objects("bucket")).containsExactly(first);
        assertThat(text(first)).isEqualTo("x\n");
        assertThat(first.toFile().lastModified()).as("rewritten").isGreaterThan(firstModified - 60_000);
    }

    @Test
    void aBucketThatCannotBeWrittenFailsTheChannelWithAReasonAndNothingMoreIsDelivered() throws IOException {
        kinesis.call("CreateChannel", channel("c", "s", "STRING", s3("blocked", "NONE", 1)));
        Files.writeString(s3Root.resolve("blocked"), "a file where the bucket directory belongs");
        kinesis.call("PutRecord", put("s", "k", "x"));
        kinesis.clock.advanceMs(1_000);
        kinesis.engine().runMaintenance();

        ChannelDescription failed = describe();
        assertThat(failed.channelStatus()).isEqualTo(ChannelStatus.FAILED);
        assertThat(failed.channelStatusReason()).isEqualTo("Records cannot be delivered to S3 bucket blocked: a file "
                + "in the object store stands where the bucket or its key prefix needs a directory. Delete the "
                + "channel and create it again once the bucket is writable.");
        ListChannelsResponse listed = kinesis.call("ListChannels", new ListChannelsRequest(null, null, null));
        assertThat(listed.channelSummaries()).singleElement()
                .satisfies(c -> assertThat(c.channelStatusReason()).isEqualTo(failed.channelStatusReason()));
        kinesis.fails("UpdateChannel", new UpdateChannelRequest(CHANNEL_ARN_PREFIX + "c",
                new S3DestinationConfiguration(5, null, null), null, null), KinesisError.RESOURCE_IN_USE);

        Files.delete(s3Root.resolve("blocked"));
        kinesis.clock.advanceMs(60_000);
        kinesis.engine().runMaintenance();
        kinesis.restart();
        kinesis.engine().runMaintenance();
        assertThat(describe().channelStatus()).as("FAILED is final, across a restart").isEqualTo(ChannelStatus.FAILED);
        assertThat(objects("blocked")).isEmpty();
    }

    @Test
    void anObjectThatCannotBeWrittenFailsTheChannelAndKeepsWhatWasDelivered() throws IOException {
        kinesis.call("CreateChannel", channel("c", "s", "STRING", s3("bucket", "NONE", 1)));
        kinesis.call("PutRecord", put("s", "k", "x"));
        kinesis.clock.advanceMs(1_000);
        kinesis.engine().runMaintenance();
        Path first = objects("bucket").get(0);
        kinesis.call("PutRecord", put("s", "k", "y"));
        // The bucket stays writable, but the next hour's key prefix is taken by a file (01 -> 02 UTC).
        kinesis.clock.advanceMs(3_600_000);
        Files.writeString(first.getParent().resolveSibling("02"), "in the way");
        kinesis.engine().runMaintenance();

        assertThat(describe().channelStatus()).isEqualTo(ChannelStatus.FAILED);
        assertThat(describe().channelStatusReason()).contains("a file in the object store stands where");
        assertThat(objects("bucket")).containsExactly(first, first.getParent().resolveSibling("02"));
        assertThat(text(first)).isEqualTo("x\n");
    }

    @Test
    void aBucketTheStoreDoesNotHaveFailsTheChannelAtItsFirstRoundWithoutAnObjectAttempt() {
        RemoteStore remote = new RemoteStore();
        try (EngineFixture other = ChannelRequests.engine(remote)) {
            other.call("CreateStream", createOnDemand("s"));
            other.call("CreateChannel", channel("c", "s", "STRING", s3("missing", "NONE", 60)));
            other.call("PutRecord", put("s", "k", "x"));
            other.engine().runMaintenance(); // ACTIVE
            other.clock.advanceMs(59_999);
            other.engine().runMaintenance();
            assertThat(remote.checks).as("checked once a round, not every tick").isZero();

            other.clock.advanceMs(1);
            other.engine().runMaintenance();
            ChannelResponse described = other.call("DescribeChannel", ChannelRequests.describe("c"));
            assertThat(described.channelDescription().channelStatus()).isEqualTo(ChannelStatus.FAILED);
            assertThat(described.channelDescription().channelStatusReason()).isEqualTo("Records cannot be "
                    + "delivered to S3 bucket missing: the bucket does not exist. Delete the channel and create it "
                    + "again once the bucket is writable.");
            assertThat(remote.checks).isEqualTo(1);
            assertThat(remote.puts).isZero();
        }
    }

    @Test
    void aStoreThatRefusesTheObjectFailsTheChannelWithTheAccessReason() {
        RemoteStore remote = new RemoteStore();
        remote.bucketExists = true;
        remote.denyPuts = true;
        try (EngineFixture other = ChannelRequests.engine(remote)) {
            other.call("CreateStream", createOnDemand("s"));
            other.call("CreateChannel", channel("c", "s", "STRING", s3("bucket", "NONE", 1)));
            other.call("PutRecord", put("s", "k", "x"));
            other.clock.advanceMs(1_000);
            other.engine().runMaintenance();
            ChannelResponse described = other.call("DescribeChannel", ChannelRequests.describe("c"));
            assertThat(described.channelDescription().channelStatus()).isEqualTo(ChannelStatus.FAILED);
            assertThat(described.channelDescription().channelStatusReason())
                    .contains("bucket bucket: the object store denies writing into the bucket.");
            assertThat(remote.puts).isEqualTo(1);
        }
    }

    @Test
    void aStoreThatFailsInPassingKeepsTheChannelActiveAndIsTriedAgainWithABackOff() {
        RemoteStore remote = new RemoteStore();
        remote.bucketExists = true;
        remote.failingPuts = 2;
        try (EngineFixture other = ChannelRequests.engine(remote)) {
            other.call("CreateStream", createOnDemand("s"));
            other.call("CreateChannel", channel("c", "s", "STRING", s3("bucket", "NONE", 60)));
            other.call("PutRecord", put("s", "k", "x"));
            other.clock.advanceMs(60_000);
            other.engine().runMaintenance(); // first attempt fails: next one in 1 s
            other.clock.advanceMs(999);
            other.engine().runMaintenance();
            assertThat(remote.puts).isEqualTo(1);
            other.clock.advanceMs(1);
            other.engine().runMaintenance(); // second attempt fails: next one in 2 s
            other.clock.advanceMs(1_999);
            other.engine().runMaintenance();
            assertThat(remote.puts).isEqualTo(2);
            assertThat(remote.stored).isEmpty();

            other.clock.advanceMs(1);
            other.engine().runMaintenance();
            ChannelResponse described = other.call("DescribeChannel", ChannelRequests.describe("c"));
            assertThat(described.channelDescription().channelStatus()).isEqualTo(ChannelStatus.ACTIVE);
            assertThat(described.channelDescription().channelStatusReason()).isNull();
            assertThat(remote.puts).isEqualTo(3);
            assertThat(remote.stored.values()).containsExactly("x\n");
        }
    }

    /** A store like an S3 endpoint: buckets are not created on write, and it may refuse objects. */
    private static final class RemoteStore implements ObjectStore {
        volatile boolean bucketExists;
        volatile boolean denyPuts;
        volatile int failingPuts;
        volatile int checks;
        volatile int puts;
        final Map<String, String> stored = new LinkedHashMap<>();

        @Override
        public synchronized void putObject(String bucket, String key, byte[] content) throws IOException {
            puts++;
            if (denyPuts) {
                throw new AccessDeniedException(bucket + "/" + key, null, "403 Forbidden");
            }
            if (failingPuts > 0) {
                failingPuts--;
                throw new IOException("503 Slow Down");
            }
            stored.put(bucket + "/" + key, new String(content, StandardCharsets.UTF_8));
        }

        @Override
        public synchronized void checkWritable(String bucket) throws IOException {
            checks++;
            if (!bucketExists) {
                throw new NoSuchBucketException(bucket, null);
            }
        }
    }

    private ChannelDescription describe() {
        ChannelResponse described = kinesis.call("DescribeChannel", ChannelRequests.describe("c"));
        return described.channelDescription();
    }

    private List<Path> objects(String bucket) {
        Path dir = s3Root.resolve(bucket);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
