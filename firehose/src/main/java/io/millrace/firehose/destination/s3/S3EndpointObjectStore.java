package io.millrace.firehose.destination.s3;

import io.millrace.log.object.ObjectStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.nio.file.AccessDeniedException;

/**
 * Objects go to an S3-compatible server (AWS S3, MinIO, Ceph RGW, s3proxy, ...) through the AWS SDK's S3 client:
 * one PutObject per object, path-style, over the JDK's HTTP client. S3 makes an object visible whole once PutObject
 * succeeds, which is exactly {@link ObjectStore}'s contract. Buckets must exist: neither Firehose nor Kinesis channels
 * create them. A missing bucket and a refusal (HTTP 403) are reported as {@link
 * io.millrace.log.object.NoSuchBucketException} and {@link AccessDeniedException}, everything else as a plain
 * {@link IOException}.
 *
 * <p>Checksums are sent only where S3 requires them: the SDK's default (a trailing CRC in aws-chunked encoding) is
 * refused by several S3-compatible servers, and Content-MD5-free PutObject is accepted by all of them.
 *
 * <p>Thread-safe (the SDK client is); {@link #close()} releases its connections.
 */
public final class S3EndpointObjectStore implements ObjectStore, AutoCloseable {
    private final S3Client client;

    public S3EndpointObjectStore(S3Endpoint endpoint) {
        this.client = S3Client.builder()
                .endpointOverride(endpoint.endpoint())
                .forcePathStyle(true)
                .region(Region.of(endpoint.region()))
                .credentialsProvider(credentials(endpoint))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private static AwsCredentialsProvider credentials(S3Endpoint endpoint) {
        if (endpoint.accessKeyId() == null) {
            return DefaultCredentialsProvider.builder().build();
        }
        return StaticCredentialsProvider.create(
                AwsBasicCredentials.create(endpoint.accessKeyId(), endpoint.secretAccessKey()));
    }

    @Override
    public void putObject(String bucket, String key, byte[] content) throws IOException {
        try {
            client.putObject(PutObjectRequest.builder().bucket(bucket).key(key).build(),
                    RequestBody.fromBytes(content));
        } catch (SdkException e) {
            // The SDK already retried what it considers retryable; the caller decides what happens next.
            throw failure("PutObject s3://" + bucket + "/" + key, bucket, e);
        }
    }

    /**
     * A HeadBucket, which answers 404 for a missing bucket. Its 403 proves nothing: HeadBucket needs s3:ListBucket,
     * which credentials allowed only to put objects lack, so then the next PutObject is the judge.
     */
    @Override
    public void checkWritable(String bucket) throws IOException {
        try {
            client.headBucket(b -> b.bucket(bucket));
        } catch (S3Exception e) {
            if (e.statusCode() != 403) {
                throw failure("HeadBucket s3://" + bucket, bucket, e);
            }
        } catch (SdkException e) {
            throw failure("HeadBucket s3://" + bucket, bucket, e);
        }
    }

    private static IOException failure(String request, String bucket, SdkException e) {
        String message = request + " failed: " + e.getMessage();
        if (e instanceof NoSuchBucketException || isBucketMissing(e)) {
            return new io.millrace.log.object.NoSuchBucketException(bucket, e);
        }
        if (e instanceof S3Exception s3 && s3.statusCode() == 403) {
            AccessDeniedException denied = new AccessDeniedException(bucket, null, message);
            denied.initCause(e);
            return denied;
        }
        return new IOException(message, e);
    }

    /** HeadBucket's 404 has no body, so the SDK cannot name the error; PutObject's names it NoSuchBucket. */
    private static boolean isBucketMissing(SdkException e) {
        return e instanceof S3Exception s3 && s3.statusCode() == 404 && (s3.awsErrorDetails() == null
                || s3.awsErrorDetails().errorCode() == null || "NoSuchBucket".equals(s3.awsErrorDetails().errorCode())
                || "NotFound".equals(s3.awsErrorDetails().errorCode()));
    }

    @Override
    public void close() {
        client.close();
    }
}
