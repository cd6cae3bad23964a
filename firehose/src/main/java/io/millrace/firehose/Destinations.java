package io.millrace.firehose;

import io.millrace.firehose.destination.Destination;
import io.millrace.firehose.destination.http.HttpEndpointAttempt;
import io.millrace.firehose.destination.http.HttpEndpointSettings;
import io.millrace.firehose.destination.redshift.RedshiftAttempt;
import io.millrace.firehose.destination.redshift.RedshiftSettings;
import io.millrace.firehose.destination.s3.BackedUpDestination;
import io.millrace.log.object.ObjectStore;
import io.millrace.firehose.destination.s3.S3Backup;
import io.millrace.firehose.destination.s3.S3Destination;
import io.millrace.firehose.destination.s3.S3Settings;
import io.millrace.firehose.model.ProcessingConfiguration;
import io.millrace.firehose.processing.LambdaInvoker;
import io.millrace.firehose.processing.LambdaRetryTiming;
import io.millrace.firehose.processing.ProcessingPipeline;
import io.millrace.firehose.retry.RetryBook;
import io.millrace.firehose.retry.RetryingDestination;
import io.millrace.firehose.retry.S3ErrorOutput;
import io.millrace.firehose.stream.DeliveryStreamMetadata;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Set;

/**
 * Builds the destination of a stream's current configuration for one delivery pass: the embedded S3 store, or an
 * HTTP endpoint or Redshift (PostgreSQL) behind Firehose's retry policy with the S3 configuration as error output
 * (and, for an HTTP endpoint with {@code AllData}, as backup of every delivered batch), each behind its
 * {@code ProcessingConfiguration}; a Redshift destination with {@code S3BackupMode Enabled} also writes every
 * batch's source records to its backup bucket. Retry state and processed batches outlive the per-pass destinations
 * ({@link RetryBook}, {@link ProcessedBatches}). Thread-safe.
 */
final class Destinations {
    /** The error-output type of HTTP endpoint failures (FIREHOSE-REFERENCE §4.3). */
    static final String HTTP_ENDPOINT_FAILED = "http-endpoint-failed";
    /** [UNVERIFIED] AWS puts failed Redshift manifests under errors/; Millrace has no manifests but uses the folder. */
    static final String REDSHIFT_FAILED = "errors";

    private final ObjectStore objects;
    private final Clock clock;
    private final DestinationOptions options;
    private final RetryBook retries = new RetryBook();
    private final ProcessedBatches processedBatches = new ProcessedBatches();
    private final HttpClient http = HttpEndpointAttempt.newClient();

    private final LambdaInvoker lambdas;

    Destinations(ObjectStore objects, Clock clock, DestinationOptions options, LambdaInvoker lambdas) {
        this.objects = objects;
        this.lambdas = lambdas;
        this.clock = clock;
        this.options = options;
    }

    /** Lambda processors back off between invocation attempts as destinations do between delivery attempts. */
    private LambdaRetryTiming lambdaRetries() {
        return LambdaRetryTiming.sleeping(options.backoff()::delayMs);
    }

    /** Drops the retry and processing state of streams not in {@code liveStreamKeys} (buffer log keys). */
    void retainOnly(Set<String> liveStreamKeys) {
        retries.retainOnly(liveStreamKeys);
        processedBatches.retainOnly(liveStreamKeys);
    }

    RetryBook retries() {
        return retries;
    }

    Destination forStream(DeliveryStreamMetadata metadata) {
        if (metadata.httpEndpoint() != null) {
            return httpEndpoint(metadata, metadata.httpEndpoint());
        }
        if (metadata.redshift() != null) {
            return redshift(metadata, metadata.redshift());
        }
        S3Settings settings = metadata.destination();
        Destination s3 = new S3Destination(objects, settings, lambdas, lambdaRetries());
        return settings.backup() == null ? s3
                : new BackedUpDestination(s3, new S3Backup(objects, settings.backup(), settings.zone()));
    }

    private Destination httpEndpoint(DeliveryStreamMetadata metadata, HttpEndpointSettings settings) {
        HttpEndpointAttempt attempt = new HttpEndpointAttempt(http, settings, metadata.arn(),
                options.httpEndpointTimeout(), options.httpEndpointPlaintext(), clock);
        Destination retrying = new RetryingDestination(metadata.logKey(), attempt,
                new S3ErrorOutput(objects, metadata.destination(), HTTP_ENDPOINT_FAILED, true), options.backoff(),
                settings.retryDurationInSeconds() * 1000L, clock, retries);
        if (!settings.backsUpAllData()) {
            return processed(metadata, settings.processingConfiguration(), retrying);
        }
        S3Destination backup = new S3Destination(objects, metadata.destination(), lambdas, lambdaRetries());
        // Backed up after the endpoint's outcome, so a batch waiting for its next attempt is not backed up twice.
        return processed(metadata, settings.processingConfiguration(), batch -> {
            retrying.deliver(batch);
            backup.deliver(batch);
        });
    }

    private Destination redshift(DeliveryStreamMetadata metadata, RedshiftSettings settings) {
        RedshiftAttempt attempt = new RedshiftAttempt(settings, metadata.destination(), options.redshiftEndpoint());
        Destination loaded = processed(metadata, settings.processingConfiguration(),
                new RetryingDestination(metadata.logKey(), attempt,
                        new S3ErrorOutput(objects, metadata.destination(), REDSHIFT_FAILED, false), options.backoff(),
                        settings.retryDurationInSeconds() * 1000L, clock, retries));
        if (settings.backup() == null) {
            return loaded;
        }
        S3Backup backup = new S3Backup(objects, settings.backup(), metadata.destination().zone());
        // The source records, as for ExtendedS3; written once the batch is loaded (or given up), so a batch waiting
        // for its next COPY attempt is not backed up on every pass.
        return batch -> {
            loaded.deliver(batch);
            backup.writeSource(batch);
        };
    }

    /** {@code next} behind the destination's processors, or {@code next} itself when there are none. */
    private Destination processed(DeliveryStreamMetadata metadata, ProcessingConfiguration configuration,
                                  Destination next) {
        ProcessingPipeline pipeline = ProcessingPipeline.of(configuration, lambdas, lambdaRetries());
        if (pipeline == ProcessingPipeline.NONE) {
            return next;
        }
        return new ProcessedDestination(metadata.logKey(), pipeline,
                new S3Destination(objects, metadata.destination(), lambdas, lambdaRetries()), next, processedBatches);
    }
}
