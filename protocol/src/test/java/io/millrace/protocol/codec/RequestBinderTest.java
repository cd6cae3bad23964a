package io.millrace.protocol.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.millrace.protocol.codec.WireRecords.CreateStreamRequest;
import io.millrace.protocol.codec.WireRecords.GetShardIteratorRequest;
import io.millrace.protocol.codec.WireRecords.StreamMode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RequestBinderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    record WithPrimitives(int limit, long count, boolean flag, String name) {
    }

    record WithUntypedMember(Object anything) {
    }

    record WithList(List<List<Integer>> nested) {
    }

    private final RequestBinder binder = new RequestBinder();

    @Test
    void bindsNestedRecordsEnumsMapsAndTimestamps() throws Exception {
        ObjectNode tree = (ObjectNode) JSON.readTree("""
                {"StreamName":"s","ShardCount":3,"StreamModeDetails":{"StreamMode":"ON_DEMAND"},
                 "Tags":{"a":"1","b":"2"},"Unmodelled":true}""");

        CreateStreamRequest bound = binder.tryBind(tree, CreateStreamRequest.class);

        assertThat(bound).isEqualTo(new CreateStreamRequest("s", 3,
                new WireRecords.StreamModeDetails(StreamMode.ON_DEMAND), Map.of("a", "1", "b", "2")));
        GetShardIteratorRequest withTime = binder.tryBind(JSON.readTree("""
                {"StreamName":"s","ShardId":"shardId-000000000000","ShardIteratorType":"AT_TIMESTAMP",
                 "Timestamp":1764000000123}"""), GetShardIteratorRequest.class);
        assertThat(withTime.timestamp()).isEqualTo(Instant.ofEpochMilli(1_764_000_000_123L));
    }

    @Test
    void absentPrimitivesTakeTheirDefaultsAsWithJackson() throws Exception {
        JsonNode tree = JSON.readTree("{\"Name\":\"n\"}");

        assertThat(binder.tryBind(tree, WithPrimitives.class))
                .isEqualTo(new WithPrimitives(0, 0L, false, "n"))
                .isEqualTo(new WireMappers().binder.treeToValue(tree, WithPrimitives.class));
    }

    @Test
    void leavesTypesWithoutAConverterToJackson() throws Exception {
        assertThat(binder.tryBind(JSON.readTree("{\"Anything\":1}"), WithUntypedMember.class)).isNull();
        assertThat(KinesisProtocol.kinesis().bind(JSON.readTree("{\"Anything\":1}"), WithUntypedMember.class))
                .isEqualTo(new WithUntypedMember(1));
    }

    @Test
    void leavesTreesThatDoNotFitThePlanToJackson() throws Exception {
        assertThat(binder.tryBind(JSON.readTree("{\"StreamName\":\"s\",\"ShardCount\":\"3\"}"),
                CreateStreamRequest.class)).isNull();
        assertThat(binder.tryBind(JSON.readTree("{\"StreamModeDetails\":{\"StreamMode\":\"NEITHER\"}}"),
                CreateStreamRequest.class)).isNull();
    }

    @Test
    void bindsListsOfLists() throws Exception {
        assertThat(binder.tryBind(JSON.readTree("{\"Nested\":[[1,2],[],[3]]}"), WithList.class))
                .isEqualTo(new WithList(List.of(List.of(1, 2), List.of(), List.of(3))));
    }
}
