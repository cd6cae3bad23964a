package io.millrace.server.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.waiters.WaiterResponse;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamResponse;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.kinesis.model.Tag;
import software.amazon.awssdk.services.kinesis.waiters.KinesisWaiter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One full scenario with a real AWS SDK client: create and wait with the SDK's waiter, put, put batch, every iterator
 * type, byte-exact read back, tags, retention, list/describe paging, delete. Subclasses choose the client mode.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
abstract class KinesisScenario {
    private static final List<KinesisClient> OPEN = new ArrayList<>();

    /** A client of the mode under test, against the given server. */
    abstract KinesisClient newClient();

    private KinesisClient client() {
        KinesisClient client = newClient();
        synchronized (OPEN) {
            OPEN.add(client);
        }
        return client;
    }

    @AfterAll
    static void closeClients() {
        synchronized (OPEN) {
            OPEN.forEach(KinesisClient::close);
            OPEN.clear();
        }
    }

    @Test
    void fullScenarioWorksEndToEnd() {
        KinesisClient kinesis = client();
        String name = "scenario-" + UUID.randomUUID().toString().substring(0, 8);
        kinesis.createStream(r -> r.streamName(name).shardCount(3).tags(Map.of("team", "millrace")));
        KinesisWaiter waiter = KinesisWaiter.builder().client(kinesis).build();
        WaiterResponse<DescribeStreamResponse> active = waiter.waitUntilStreamExists(r -> r.streamName(name));
        DescribeStreamResponse described = active.matched().response().orElseThrow();
        assertThat(described.streamDescription().streamStatus()).isEqualTo(StreamStatus.ACTIVE);
        assertThat(described.streamDescription().shards()).hasSize(3);
        String arn = described.streamDescription().streamARN();
        assertThat(arn).isEqualTo("arn:aws:kinesis:us-east-1:000000000000:stream/" + name);

        Map<String, Written> written = new HashMap<>();
        Random random = new Random(42);
        Instant before = Instant.now();
        for (int i = 0; i < 20; i++) {
            byte[] data = randomBytes(random, i * 37);
            String key = "key-" + i;
            PutRecordResponse put = kinesis.putRecord(r -> r.streamName(name).partitionKey(key)
                    .data(SdkBytes.fromByteArray(data)));
            assertThat(put.sequenceNumber()).hasSize(56);
            written.put(put.sequenceNumber(), new Written(put.shardId(), key, data));
        }
        List<PutRecordsRequestEntry> batch = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            batch.add(PutRecordsRequestEntry.builder().partitionKey("batch-" + i)
                    .data(SdkBytes.fromByteArray(randomBytes(random, 1 + random.nextInt(2048)))).build());
        }
        PutRecordsResponse putBatch = kinesis.putRecords(r -> r.streamARN(arn).records(batch));
        assertThat(putBatch.failedRecordCount()).isZero();
        assertThat(putBatch.records()).hasSize(500);
        for (int i = 0; i < 500; i++) {
            PutRecordsResultEntry entry = putBatch.records().get(i);
            written.put(entry.sequenceNumber(), new Written(entry.shardId(), "batch-" + i,
                    batch.get(i).data().asByteArray()));
        }

        Map<String, Written> readBack = new HashMap<>();
        for (Shard shard : described.streamDescription().shards()) {
            for (Record record : readAll(kinesis, name, shard.shardId(), ShardIteratorType.TRIM_HORIZON, null, null)) {
                // Between the scenario's start and now: a loaded machine can take seconds for the writes above.
                assertThat(record.approximateArrivalTimestamp()).isBeforeOrEqualTo(Instant.now().plusSeconds(1));
                assertThat(record.approximateArrivalTimestamp()).isAfterOrEqualTo(before.minusSeconds(1));
                readBack.put(record.sequenceNumber(),
                        new Written(shard.shardId(), record.partitionKey(), record.data().asByteArray()));
            }
        }
        assertThat(readBack).containsExactlyInAnyOrderEntriesOf(written);

        checkIteratorTypes(kinesis, name, written);
        checkTags(kinesis, name, arn);
        checkRetention(kinesis, name);
        checkPaging(kinesis, name);

        kinesis.deleteStream(r -> r.streamName(name));
        waiter.waitUntilStreamNotExists(r -> r.streamName(name));
        assertThatThrownBy(() -> kinesis.describeStreamSummary(r -> r.streamName(name)))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("Stream " + name + " under account 000000000000 not found.");
    }

    private void checkIteratorTypes(KinesisClient kinesis, String name, Map<String, Written> written) {
        String shardId = written.values().iterator().next().shardId();
        List<Record> all = readAll(kinesis, name, shardId, ShardIteratorType.TRIM_HORIZON, null, null);
        assertThat(all.size()).isGreaterThan(2);
        Record second = all.get(1);
        assertThat(readAll(kinesis, name, shardId, ShardIteratorType.AT_SEQUENCE_NUMBER, second.sequenceNumber(), null))
                .extracting(Record::sequenceNumber).containsExactlyElementsOf(
                        all.subList(1, all.size()).stream().map(Record::sequenceNumber).toList());
        assertThat(readAll(kinesis, name, shardId, ShardIteratorType.AFTER_SEQUENCE_NUMBER, second.sequenceNumber(),
                null)).extracting(Record::sequenceNumber).containsExactlyElementsOf(
                all.subList(2, all.size()).stream().map(Record::sequenceNumber).toList());
        assertThat(readAll(kinesis, name, shardId, ShardIteratorType.AT_TIMESTAMP, null,
                all.get(0).approximateArrivalTimestamp())).hasSameSizeAs(all);

        String latest = kinesis.getShardIterator(r -> r.streamName(name).shardId(shardId)
                .shardIteratorType(ShardIteratorType.LATEST)).shardIterator();
        GetRecordsResponse empty = kinesis.getRecords(r -> r.shardIterator(latest));
        assertThat(empty.records()).isEmpty();
        assertThat(empty.millisBehindLatest()).isZero();
        String key = written.values().stream().filter(w -> w.shardId().equals(shardId)).findFirst()
                .orElseThrow().partitionKey();
        PutRecordResponse fresh = kinesis.putRecord(r -> r.streamName(name).partitionKey(key)
                .data(SdkBytes.fromUtf8String("after latest")));
        assertThat(fresh.shardId()).isEqualTo(shardId);
        GetRecordsResponse next = kinesis.getRecords(r -> r.shardIterator(empty.nextShardIterator()));
        assertThat(next.records()).extracting(Record::sequenceNumber).containsExactly(fresh.sequenceNumber());
        assertThat(next.records().get(0).data().asUtf8String()).isEqualTo("after latest");
        written.put(fresh.sequenceNumber(), new Written(shardId, key, "after latest".getBytes()));
    }

    private void checkTags(KinesisClient kinesis, String name, String arn) {
        kinesis.addTagsToStream(r -> r.streamName(name).tags(Map.of("env", "test", "owner", "ci")));
        assertThat(kinesis.listTagsForStream(r -> r.streamName(name)).tags()).extracting(Tag::key)
                .containsExactly("env", "owner", "team");
        assertThat(kinesis.listTagsForStream(r -> r.streamName(name).limit(1)).hasMoreTags()).isTrue();
        kinesis.removeTagsFromStream(r -> r.streamName(name).tagKeys("owner"));
        kinesis.tagResource(r -> r.resourceARN(arn).tags(Map.of("via", "arn")));
        kinesis.untagResource(r -> r.resourceARN(arn).tagKeys("env"));
        assertThat(kinesis.listTagsForResource(r -> r.resourceARN(arn)).tags()).extracting(Tag::key, Tag::value)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("team", "millrace"),
                        org.assertj.core.groups.Tuple.tuple("via", "arn"));
    }

    private void checkRetention(KinesisClient kinesis, String name) {
        kinesis.increaseStreamRetentionPeriod(r -> r.streamName(name).retentionPeriodHours(48));
        StreamDescriptionSummary summary = kinesis.describeStreamSummary(r -> r.streamName(name))
                .streamDescriptionSummary();
        assertThat(summary.retentionPeriodHours()).isEqualTo(48);
        assertThat(summary.openShardCount()).isEqualTo(3);
        kinesis.decreaseStreamRetentionPeriod(r -> r.streamName(name).retentionPeriodHours(24));
        assertThat(kinesis.describeStreamSummary(r -> r.streamName(name)).streamDescriptionSummary()
                .retentionPeriodHours()).isEqualTo(24);
    }

    private void checkPaging(KinesisClient kinesis, String name) {
        List<String> extra = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String other = name + "-p" + i;
            kinesis.createStream(r -> r.streamName(other).shardCount(1));
            extra.add(other);
        }
        List<String> names = new ArrayList<>();
        kinesis.listStreamsPaginator(r -> r.limit(2)).streamNames().forEach(names::add);
        assertThat(names).contains(name).containsAll(extra).doesNotHaveDuplicates().isSorted();

        List<String> shardIds = new ArrayList<>();
        boolean hasMore = true;
        while (hasMore) {
            String exclusiveStart = shardIds.isEmpty() ? null : shardIds.get(shardIds.size() - 1);
            DescribeStreamResponse page = kinesis.describeStream(r -> r.streamName(name).limit(1)
                    .exclusiveStartShardId(exclusiveStart));
            assertThat(page.streamDescription().shards()).hasSize(1);
            page.streamDescription().shards().forEach(s -> shardIds.add(s.shardId()));
            hasMore = page.streamDescription().hasMoreShards();
        }
        assertThat(shardIds).containsExactly("shardId-000000000000", "shardId-000000000001", "shardId-000000000002");

        ListShardsResponse first = kinesis.listShards(r -> r.streamName(name).maxResults(2));
        assertThat(first.shards()).hasSize(2);
        ListShardsResponse second = kinesis.listShards(r -> r.nextToken(first.nextToken()));
        assertThat(second.shards()).extracting(Shard::shardId).containsExactly("shardId-000000000002");
        assertThat(second.nextToken()).isNull();
        extra.forEach(other -> kinesis.deleteStream(r -> r.streamName(other)));
    }

    static List<Record> readAll(KinesisClient kinesis, String stream, String shardId, ShardIteratorType type,
                                String sequenceNumber, Instant timestamp) {
        String iterator = kinesis.getShardIterator(r -> r.streamName(stream).shardId(shardId)
                .shardIteratorType(type).startingSequenceNumber(sequenceNumber).timestamp(timestamp)).shardIterator();
        List<Record> records = new ArrayList<>();
        while (iterator != null) {
            String current = iterator;
            GetRecordsResponse page = kinesis.getRecords(r -> r.shardIterator(current).limit(100));
            assertThat(page.millisBehindLatest()).isNotNull();
            records.addAll(page.records());
            if (page.records().isEmpty()) {
                break;
            }
            iterator = page.nextShardIterator();
        }
        return records;
    }

    static byte[] randomBytes(Random random, int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    /** What a put acknowledged, compared byte-exact on read back. */
    record Written(String shardId, String partitionKey, byte[] data) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Written w && w.shardId.equals(shardId) && w.partitionKey.equals(partitionKey)
                    && java.util.Arrays.equals(w.data, data);
        }

        @Override
        public int hashCode() {
            return shardId.hashCode() * 31 + java.util.Arrays.hashCode(data);
        }
    }
}
