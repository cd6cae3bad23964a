package io.millrace.protocol.model;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceModelTest {
    private final ServiceModel model = ServiceModel.kinesis();

    @Test
    void bundledModelHasTheThirtyNineBaseOperationsAndTheSixFromTheSupplement() {
        assertThat(model.operationNames()).hasSize(45)
                .contains("PutRecords", "SubscribeToShard", "CreateChannel", "UpdateStreamRecordDistributionStrategy");
    }

    @Test
    void operationNamesAreCaseSensitive() {
        assertThat(model.hasOperation("ListStreams")).isTrue();
        assertThat(model.hasOperation("liststreams")).isFalse();
        assertThatThrownBy(() -> model.operation("ListStream")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void supplementMembersAreAppendedToExistingStructuresAfterTheModelMembers() {
        StructureShape putRecords = model.operation("PutRecords").input();
        assertThat(putRecords.members()).extracting(Member::name)
                .containsExactly("Records", "StreamName", "StreamARN", "StreamId", "DryRun");
        assertThat(putRecords.members().get(4).shape()).isInstanceOf(BooleanShape.class);
        StructureShape createStream = model.operation("CreateStream").input();
        assertThat(createStream.members()).extracting(Member::name).endsWith("RecordDistributionStrategy");
    }

    @Test
    void stringConstraintsComeFromTheModelWithCompiledPatterns() {
        StringShape streamName = (StringShape) model.shape("StreamName");
        assertThat(streamName.length()).isEqualTo(new Bounds(1, 128));
        assertThat(streamName.pattern().pattern()).isEqualTo("[a-zA-Z0-9_.-]+");
        assertThat(streamName.isEnum()).isFalse();
    }

    @Test
    void resourceArnsMayNameChannelsAsWellAsStreamsAndConsumers() {
        StringShape resourceArn = (StringShape) model.shape("ResourceARN");
        assertThat(List.of("arn:aws:kinesis:us-east-1:123456789012:stream/s",
                "arn:aws:kinesis:us-east-1:123456789012:stream/s/consumer/c:1700000000",
                "arn:aws:kinesis:us-east-1:123456789012:channel/c"))
                .allSatisfy(arn -> assertThat(resourceArn.pattern().matcher(arn).matches()).as(arn).isTrue());
        assertThat(resourceArn.pattern().matcher("arn:aws:kinesis:us-east-1:123456789012:table/t").matches())
                .isFalse();
    }

    @Test
    void requiredFlagsAndPathNamesFollowTheModel() {
        StructureShape entry = (StructureShape) model.shape("PutRecordsRequestEntry");
        assertThat(entry.members()).extracting(Member::pathName, Member::required).containsExactly(
                org.assertj.core.groups.Tuple.tuple("data", true),
                org.assertj.core.groups.Tuple.tuple("explicitHashKey", false),
                org.assertj.core.groups.Tuple.tuple("partitionKey", true));
    }

    @Test
    void shardIteratorTypeUsesTheEnumOrderRecordedAgainstAws() {
        StringShape type = (StringShape) model.shape("ShardIteratorType");
        assertThat(type.enumValues()).containsExactly(
                "AFTER_SEQUENCE_NUMBER", "LATEST", "AT_TIMESTAMP", "AT_SEQUENCE_NUMBER", "TRIM_HORIZON");
        assertThat(((StringShape) model.shape("StreamMode")).enumValues()).containsExactly("PROVISIONED", "ON_DEMAND");
    }

    @Test
    void listsMapsAndNumbersCarryTheirBounds() {
        ListShape records = (ListShape) model.shape("PutRecordsRequestEntryList");
        assertThat(records.length()).isEqualTo(new Bounds(1, 500));
        assertThat(records.member().name()).isEqualTo("PutRecordsRequestEntry");
        MapShape tags = (MapShape) model.shape("TagMap");
        assertThat(tags.key().length()).isEqualTo(new Bounds(1, 128));
        assertThat(((StringShape) tags.value()).length()).isEqualTo(new Bounds(0, 256));
        assertThat(((IntegerShape) model.shape("PositiveIntegerObject")).range().hasMax()).isFalse();
        assertThat(((LongShape) model.shape("MillisBehindLatest")).range().min()).isZero();
        assertThat(((BlobShape) model.shape("Data")).length()).isEqualTo(new Bounds(0, 10 * 1024 * 1024));
    }

    @Test
    void operationsWithoutOutputHaveNoOutputShape() {
        assertThat(model.operation("CreateStream").hasOutput()).isFalse();
        assertThat(model.operation("GetRecords").output().members()).extracting(Member::name)
                .startsWith("Records", "NextShardIterator");
        assertThat(model.operation("DeleteChannel").input().members()).extracting(Member::name)
                .isEqualTo(List.of("ChannelARN"));
    }
}
