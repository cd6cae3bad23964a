package io.millrace.firehose.op;

import java.time.Instant;
import java.util.List;

/** Wire shape {@code DeliveryStreamDescription}. */
public record DeliveryStreamDescription(String deliveryStreamName, String deliveryStreamARN,
                                        String deliveryStreamStatus,
                                        EncryptionStatus deliveryStreamEncryptionConfiguration,
                                        String deliveryStreamType, String versionId, Instant createTimestamp,
                                        Instant lastUpdateTimestamp, SourceDescription source,
                                        List<DestinationDescription> destinations, boolean hasMoreDestinations,
                                        FailureDescription failureDescription) {
}
