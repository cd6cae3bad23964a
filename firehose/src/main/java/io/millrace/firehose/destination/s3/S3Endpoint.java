package io.millrace.firehose.destination.s3;

import java.net.URI;

/**
 * Where an {@link S3EndpointObjectStore} sends its requests: an S3-compatible endpoint, addressed path-style
 * ({@code <endpoint>/<bucket>/<key>}), signed for {@code region}. Without {@code accessKeyId} the AWS SDK's default
 * credential chain is used (the {@code AWS_ACCESS_KEY_ID} / {@code AWS_SECRET_ACCESS_KEY} environment variables,
 * system properties, profiles, ...).
 *
 * @param accessKeyId     static access key id, or {@code null} for the default chain
 * @param secretAccessKey its secret, {@code null} exactly when {@code accessKeyId} is
 */
public record S3Endpoint(URI endpoint, String region, String accessKeyId, String secretAccessKey) {

    public S3Endpoint {
        if (endpoint == null || endpoint.getScheme() == null || endpoint.getHost() == null) {
            throw new IllegalArgumentException("endpoint: " + endpoint + " (expected: an absolute http(s) URL)");
        }
        if ((accessKeyId == null) != (secretAccessKey == null)) {
            throw new IllegalArgumentException("give both the S3 access key and the S3 secret key, or neither");
        }
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "S3Endpoint[" + endpoint + ", region=" + region
                + (accessKeyId == null ? ", default credentials]" : ", accessKeyId=" + accessKeyId + "]");
    }
}
