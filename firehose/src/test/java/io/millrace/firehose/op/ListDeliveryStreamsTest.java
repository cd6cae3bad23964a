package io.millrace.firehose.op;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ListDeliveryStreamsTest extends OperationTestBase {

    @Test
    void listsNamesAlphabeticallyInPages() {
        for (String name : new String[] {"c", "a", "b"}) {
            firehose.create(name, "");
        }
        ListDeliveryStreamsResponse first = firehose.call("ListDeliveryStreams", "{\"Limit\":2}");
        assertThat(first.deliveryStreamNames()).containsExactly("a", "b");
        assertThat(first.hasMoreDeliveryStreams()).isTrue();
        ListDeliveryStreamsResponse rest = firehose.call("ListDeliveryStreams",
                "{\"Limit\":2,\"ExclusiveStartDeliveryStreamName\":\"b\"}");
        assertThat(rest.deliveryStreamNames()).containsExactly("c");
        assertThat(rest.hasMoreDeliveryStreams()).isFalse();
    }

    @Test
    void filtersByTypeAndAnswersEmptyListsExplicitly() {
        firehose.create("a", "");
        ListDeliveryStreamsResponse none = firehose.call("ListDeliveryStreams",
                "{\"DeliveryStreamType\":\"KinesisStreamAsSource\"}");
        assertThat(firehose.json(none)).isEqualTo("{\"DeliveryStreamNames\":[],\"HasMoreDeliveryStreams\":false}");
        ListDeliveryStreamsResponse direct = firehose.call("ListDeliveryStreams",
                "{\"DeliveryStreamType\":\"DirectPut\"}");
        assertThat(direct.deliveryStreamNames()).containsExactly("a");
    }
}
