package io.millrace.server.it;

import software.amazon.awssdk.services.firehose.model.BufferingHints;
import software.amazon.awssdk.services.firehose.model.ExtendedS3DestinationConfiguration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What Firehose delivered to a bucket of the embedded S3 directory, for ITs whose records are {@code ;}-terminated
 * texts, and the unbuffered S3 destination those ITs deliver through. Stateless.
 */
final class DeliveredRecords {
    private DeliveredRecords() {
    }

    /** An S3 destination with zero buffering: each delivery pass writes what it has. */
    static ExtendedS3DestinationConfiguration unbufferedS3(String roleArn, String bucket) {
        return ExtendedS3DestinationConfiguration.builder().roleARN(roleArn).bucketARN("arn:aws:s3:::" + bucket)
                .bufferingHints(BufferingHints.builder().sizeInMBs(1).intervalInSeconds(0).build())
                .build();
    }

    /** Polls (bounded by the calling test's timeout) until the bucket's objects hold {@code count} records. */
    static List<String> await(Path bucket, int count) throws IOException, InterruptedException {
        List<String> records = read(bucket);
        while (records.size() < count) {
            Thread.sleep(20);
            records = read(bucket);
        }
        return records;
    }

    /** The records of every object in {@code bucket} (none when it does not exist yet). */
    static List<String> read(Path bucket) throws IOException {
        List<String> records = new ArrayList<>();
        for (Path object : BucketObjects.list(bucket)) {
            records.addAll(Arrays.stream(Files.readString(object).split(";")).filter(s -> !s.isEmpty()).toList());
        }
        return records;
    }
}
