package io.millrace.server.it;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real S3-compatible server for the ITs: s3proxy in-process on 127.0.0.1 over a filesystem store (bucket
 * {@code b} is the directory {@code <blobs>/b}), signing with fixed credentials, and an S3 client for it.
 * {@link #close()} stops both. Not thread-safe to start or close; the server itself serves any thread.
 */
final class S3ProxyServer implements AutoCloseable {
    static final String ACCESS_KEY = "s3-access";
    static final String SECRET_KEY = "s3-secret";

    private final S3Proxy proxy;
    private final S3Client client;

    private S3ProxyServer(S3Proxy proxy) {
        this.proxy = proxy;
        this.client = S3Client.builder()
                .endpointOverride(endpoint())
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY,
                        SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** Starts a server whose buckets are the directories of {@code blobs} (created if missing). */
    static S3ProxyServer start(Path blobs) throws Exception {
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(Files.createDirectories(blobs).toString()))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        return new S3ProxyServer(proxy);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    S3Client client() {
        return client;
    }

    /** The Millrace flags that deliver to this server. */
    List<String> millraceFlags() {
        return List.of("--s3-endpoint", endpoint().toString(), "--s3-access-key", ACCESS_KEY, "--s3-secret-key",
                SECRET_KEY);
    }

    @Override
    public void close() throws Exception {
        client.close();
        proxy.stop();
    }
}
