package io.millrace.firehose.destination.http;

import io.millrace.firehose.model.CloudWatchLoggingOptions;
import io.millrace.firehose.model.ProcessingConfiguration;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stored configuration of an HTTP endpoint destination, defaults filled in (FIREHOSE-REFERENCE §6.5). The
 * {@code accessKey} is stored (it is sent with every request) but never described. {@code commonAttributes} keep
 * their order. Validity is checked when the stream is created; this record trusts its fields.
 *
 * @param contentEncoding        {@code NONE} or {@code GZIP}
 * @param retryDurationInSeconds how long a failing batch is retried after its first failed attempt
 * @param s3BackupMode           {@code FailedDataOnly} or {@code AllData}
 */
public record HttpEndpointSettings(String url, String name, String accessKey, int sizeInMBs, int intervalInSeconds,
                                   String contentEncoding, Map<String, String> commonAttributes,
                                   int retryDurationInSeconds, String s3BackupMode, String roleARN,
                                   ProcessingConfiguration processingConfiguration,
                                   CloudWatchLoggingOptions cloudWatchLoggingOptions) {

    public static final int DEFAULT_SIZE_IN_MBS = 5;
    public static final int DEFAULT_INTERVAL_IN_SECONDS = 300;
    /** [UNVERIFIED] the reference's default retry duration for HTTP endpoints. */
    public static final int DEFAULT_RETRY_DURATION_IN_SECONDS = 300;
    public static final String FAILED_DATA_ONLY = "FailedDataOnly";
    public static final String ALL_DATA = "AllData";
    public static final String GZIP = "GZIP";
    public static final String NONE = "NONE";

    public HttpEndpointSettings {
        commonAttributes = commonAttributes == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(commonAttributes));
    }

    public boolean isGzip() {
        return GZIP.equals(contentEncoding);
    }

    public boolean backsUpAllData() {
        return ALL_DATA.equals(s3BackupMode);
    }
}
