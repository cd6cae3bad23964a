package io.millrace.streams.op;

import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.EngineFixture;
import io.millrace.streams.model.Tag;
import io.millrace.log.memory.InMemoryLogStore;
import io.millrace.streams.ChannelRequests;
import io.millrace.streams.EngineConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.millrace.streams.ChannelRequests.CHANNEL_ARN_PREFIX;
import static io.millrace.streams.Requests.create;
import static io.millrace.streams.Requests.createOnDemand;
import static io.millrace.streams.Requests.register;
import static org.assertj.core.api.Assertions.assertThat;

/** TagResource, UntagResource and ListTagsForResource address streams, consumers and channels by ARN. */
class TagResourceTest {
    private static final String ARN = "arn:aws:kinesis:us-east-1:123456789012:stream/s";
    @TempDir
    Path s3Root;
    private EngineFixture kinesis;

    @BeforeEach
    void open() {
        kinesis = ChannelRequests.engine(s3Root);
    }

    @AfterEach
    void close() {
        kinesis.close();
    }

    @Test
    void tagsAStreamByArnAndListsThem() {
        kinesis.call("CreateStream", create("s", 1));
        kinesis.call("TagResource", new TagResourceRequest(Map.of("team", "data", "env", "dev"), ARN, null));
        ListTagsForResourceResponse tags = kinesis.call("ListTagsForResource",
                new ListTagsForResourceRequest(ARN, null));
        assertThat(tags.tags()).containsExactly(new Tag("env", "dev"), new Tag("team", "data"));
    }

    @Test
    void unknownResourcesAreNotFound() {
        kinesis.fails("TagResource", new TagResourceRequest(Map.of("a", "b"), ARN, null),
                KinesisError.RESOURCE_NOT_FOUND);
        kinesis.fails("ListTagsForResource", new ListTagsForResourceRequest(ARN + "/consumer/c:1", null),
                KinesisError.RESOURCE_NOT_FOUND);
        kinesis.call("CreateStream", create("s", 1));
        kinesis.fails("TagResource", new TagResourceRequest(Map.of("a", "b"), ARN + "/consumer/c:1", null),
                KinesisError.RESOURCE_NOT_FOUND);
    }

    @Test
    void tagsAChannelByArnAfterTheTagsItWasCreatedWith() {
        kinesis.call("CreateStream", createOnDemand("s"));
        CreateChannelRequest plain = ChannelRequests.channel("c", "s");
        kinesis.call("CreateChannel", new CreateChannelRequest(plain.channelName(),
                plain.serviceExecutionRoleARN(), plain.streamConfigurationList(), plain.s3DestinationConfiguration(),
                null, null, Map.of("team", "data"), null));
        String channelArn = CHANNEL_ARN_PREFIX + "c";

        kinesis.call("TagResource", new TagResourceRequest(Map.of("env", "dev", "tier", "1"), channelArn, null));
        kinesis.call("UntagResource", new UntagResourceRequest(List.of("tier"), channelArn, null));
        ListTagsForResourceResponse tags = kinesis.call("ListTagsForResource",
                new ListTagsForResourceRequest(channelArn, null));
        assertThat(tags.tags()).containsExactly(new Tag("env", "dev"), new Tag("team", "data"));
        kinesis.restart();
        ListTagsForResourceResponse afterRestart = kinesis.call("ListTagsForResource",
                new ListTagsForResourceRequest(channelArn, null));
        assertThat(afterRestart.tags()).isEqualTo(tags.tags());
    }

    @Test
    void channelTagsFollowTheStreamRules() {
        kinesis.call("CreateStream", createOnDemand("s"));
        kinesis.call("CreateChannel", ChannelRequests.channel("c", "s"));
        kinesis.engine().runMaintenance();
        String channelArn = CHANNEL_ARN_PREFIX + "c";
        Map<String, String> tooMany = new HashMap<>();
        for (int i = 0; i < 51; i++) {
            tooMany.put("k" + i, "v");
        }
        // [UNVERIFIED] message: the stream text with "channel" for "stream".
        assertThat(kinesis.message("TagResource", new TagResourceRequest(tooMany, channelArn, null),
                KinesisError.INVALID_ARGUMENT)).isEqualTo("Failed to add tags to channel c under account 123456789012 "
                + "because a given channel cannot have more than 10 tags associated with it.");
        kinesis.fails("TagResource", new TagResourceRequest(Map.of("a;b", "v"), channelArn, null),
                KinesisError.INVALID_ARGUMENT);
        kinesis.fails("ListTagsForResource", new ListTagsForResourceRequest(CHANNEL_ARN_PREFIX + "nope", null),
                KinesisError.RESOURCE_NOT_FOUND);

    }

    @Test
    void aChannelsTagsCannotChangeWhileItIsCreatingOrDeleting() {
        kinesis.close();
        kinesis = new EngineFixture(new InMemoryLogStore(), EngineConfig.defaults()
                .withIteratorSecret(EngineFixture.SECRET).withObjectStoreRoot(s3Root).withStreamDelaysMs(0, 500, 0));
        kinesis.call("CreateStream", createOnDemand("s"));
        kinesis.call("CreateChannel", ChannelRequests.channel("c", "s"));
        kinesis.call("DeleteChannel", ChannelRequests.delete("c"));
        // [UNVERIFIED] message.
        assertThat(kinesis.message("TagResource", new TagResourceRequest(Map.of("a", "b"), CHANNEL_ARN_PREFIX + "c",
                null), KinesisError.RESOURCE_IN_USE)).isEqualTo("Channel c under account 123456789012 is in DELETING "
                + "state; its tags cannot be changed now.");
    }

    @Test
    void tagsAConsumerByArnWithoutTouchingTheStreamsTags() {
        kinesis.call("CreateStream", create("s", 1));
        RegisterStreamConsumerResponse registered = kinesis.call("RegisterStreamConsumer", register("s", "app"));
        String consumerArn = registered.consumer().consumerARN();
        kinesis.call("TagResource", new TagResourceRequest(Map.of("owner", "me"), consumerArn, null));
        ListTagsForResourceResponse consumerTags = kinesis.call("ListTagsForResource",
                new ListTagsForResourceRequest(consumerArn, null));
        ListTagsForResourceResponse streamTags = kinesis.call("ListTagsForResource",
                new ListTagsForResourceRequest(ARN, null));
        assertThat(consumerTags.tags()).containsExactly(new Tag("owner", "me"));
        assertThat(streamTags.tags()).isEmpty();
        kinesis.call("UntagResource", new UntagResourceRequest(List.of("owner"), consumerArn, null));
        ListTagsForResourceResponse untagged = kinesis.call("ListTagsForResource",
                new ListTagsForResourceRequest(consumerArn, null));
        assertThat(untagged.tags()).isEmpty();
    }
}
