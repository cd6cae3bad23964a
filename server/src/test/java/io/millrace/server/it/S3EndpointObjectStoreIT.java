package io.millrace.server.it;

import io.millrace.firehose.destination.s3.S3Endpoint;
import io.millrace.firehose.destination.s3.S3EndpointObjectStore;
import io.millrace.log.object.NoSuchBucketException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The S3-endpoint object store against a real S3-compatible server (s3proxy in-process on 127.0.0.1): the failures
 * channels turn into a ChannelStatusReason come out as the SPI's exception types.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class S3EndpointObjectStoreIT {
    private static Path work;
    private static S3ProxyServer s3proxy;

    @BeforeAll
    static void startS3() throws Exception {
        work = Files.createTempDirectory("millrace-s3-store-it");
        Files.createDirectories(work.resolve("blobs/existing"));
        s3proxy = S3ProxyServer.start(work.resolve("blobs"));
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3proxy.close();
        TestServer.deleteRecursively(work);
    }

    private static S3EndpointObjectStore store(String secret) {
        return new S3EndpointObjectStore(new S3Endpoint(s3proxy.endpoint(), "us-east-1", S3ProxyServer.ACCESS_KEY,
                secret));
    }

    @Test
    void anExistingBucketIsWritableAndAnObjectLandsInIt() throws IOException {
        try (S3EndpointObjectStore store = store(S3ProxyServer.SECRET_KEY)) {
            store.checkWritable("existing");
            store.putObject("existing", "a/b/c", new byte[] {'x', '\n'});
        }
        assertThat(Files.readAllBytes(work.resolve("blobs/existing/a/b/c"))).containsExactly('x', '\n');
    }

    @Test
    void aMissingBucketIsNoSuchBucketForTheCheckAndForAPut() {
        try (S3EndpointObjectStore store = store(S3ProxyServer.SECRET_KEY)) {
            assertThatThrownBy(() -> store.checkWritable("missing")).isInstanceOf(NoSuchBucketException.class);
            assertThatThrownBy(() -> store.putObject("missing", "k", new byte[1]))
                    .isInstanceOf(NoSuchBucketException.class);
        }
    }

    @Test
    void refusedCredentialsAreLeftToThePutWhichIsDenied() throws IOException {
        try (S3EndpointObjectStore store = store("not-the-secret")) {
            store.checkWritable("existing"); // HeadBucket's 403 proves nothing (it needs s3:ListBucket)
            assertThatThrownBy(() -> store.putObject("existing", "k", new byte[1]))
                    .isInstanceOf(AccessDeniedException.class).hasMessageContaining("PutObject s3://existing/k");
        }
        assertThat(work.resolve("blobs/existing/k")).doesNotExist();
    }
}
