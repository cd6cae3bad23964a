package io.millrace.streams;

import io.millrace.log.memory.InMemoryLogStore;
import io.millrace.log.object.ObjectStore;
import io.millrace.streams.model.ChannelStreamConfiguration;
import io.millrace.streams.model.RecordConfiguration;
import io.millrace.streams.model.S3DestinationConfiguration;
import io.millrace.streams.model.S3StorageConfiguration;
import io.millrace.streams.op.CreateChannelRequest;
import io.millrace.streams.op.DeleteChannelRequest;
import io.millrace.streams.op.DescribeChannelRequest;

import java.nio.file.Path;
import java.util.List;

/** Short constructors for channel requests, and an engine fixture that can deliver. */
public final class ChannelRequests {
    public static final String CHANNEL_ARN_PREFIX = "arn:aws:kinesis:us-east-1:123456789012:channel/";
    public static final String ROLE = "arn:aws:iam::123456789012:role/delivery";

    private ChannelRequests() {
    }

    /** An engine whose channels deliver into {@code objectStoreRoot}. */
    public static EngineFixture engine(Path objectStoreRoot) {
        return new EngineFixture(new InMemoryLogStore(), EngineConfig.defaults()
                .withIteratorSecret(EngineFixture.SECRET).withObjectStoreRoot(objectStoreRoot));
    }

    /** An engine whose channels deliver through {@code objects}. */
    public static EngineFixture engine(ObjectStore objects) {
        return new EngineFixture(new InMemoryLogStore(), EngineConfig.defaults()
                .withIteratorSecret(EngineFixture.SECRET).withObjectStore(objects));
    }

    public static S3DestinationConfiguration s3(String bucket, String compression, Integer freshnessSeconds) {
        return new S3DestinationConfiguration(freshnessSeconds, null,
                new S3StorageConfiguration("arn:aws:s3:::" + bucket, "123456789012", null, null, compression));
    }

    public static CreateChannelRequest channel(String name, String stream, String format,
            S3DestinationConfiguration destination) {
        return new CreateChannelRequest(name, ROLE, List.of(new ChannelStreamConfiguration(
                Requests.STREAM_ARN_PREFIX + stream, new RecordConfiguration(format, null))),
                destination, null, null, null, null);
    }

    /** A JSON channel on {@code stream} to bucket {@code bucket}, uncompressed, default freshness. */
    public static CreateChannelRequest channel(String name, String stream) {
        return channel(name, stream, "JSON", s3("bucket", "NONE", null));
    }

    public static DescribeChannelRequest describe(String name) {
        return new DescribeChannelRequest(CHANNEL_ARN_PREFIX + name);
    }

    public static DeleteChannelRequest delete(String name) {
        return new DeleteChannelRequest(CHANNEL_ARN_PREFIX + name);
    }
}
