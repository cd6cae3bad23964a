package io.millrace.firehose.destination.s3;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * Object names as Firehose writes them (FIREHOSE-REFERENCE §4.2): the evaluated prefix followed by the fixed suffix
 * {@code <DeliveryStreamName>-<DeliveryStreamVersion>-<YYYY>-<MM>-<DD>-<HH>-<MM>-<SS>-<RandomString><FileExtension>},
 * the date and time being the delivery time in the stream's zone and the random string a UUID.
 *
 * <p>Stateless and thread-safe.
 */
public final class ObjectKeys {
    private static final DateTimeFormatter SUFFIX_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss");

    private ObjectKeys() {
    }

    public static String objectName(String deliveryStreamName, long versionId, Instant deliveredAt, ZoneId zone,
                                    String fileExtension) {
        return objectName(deliveryStreamName, versionId, deliveredAt, zone, UUID.randomUUID().toString(),
                fileExtension);
    }

    static String objectName(String deliveryStreamName, long versionId, Instant deliveredAt, ZoneId zone,
                             String randomString, String fileExtension) {
        return deliveryStreamName + '-' + versionId + '-' + SUFFIX_TIME.format(deliveredAt.atZone(zone)) + '-'
                + randomString + fileExtension;
    }
}
