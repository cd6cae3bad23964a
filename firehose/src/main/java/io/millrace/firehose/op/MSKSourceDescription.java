package io.millrace.firehose.op;

import java.time.Instant;

/**
 * Wire shape {@code MSKSourceDescription}: the cluster and topic read, the authentication given at creation, when the
 * stream started and from which arrival time it reads the topic.
 */
public record MSKSourceDescription(String mSKClusterARN, String topicName,
                                   AuthenticationConfiguration authenticationConfiguration,
                                   Instant deliveryStartTimestamp, Instant readFromTimestamp) {
}
