package io.millrace.firehose.destination;

import java.io.IOException;

/**
 * Where a delivery stream's buffered records go. The SPI is one method so that S3-compatible endpoints and HTTP
 * endpoints can be added next to the embedded S3 store without touching buffering.
 *
 * <p>Contract: {@link #deliver} returns only once the batch is durable at the destination; it throws when it is not,
 * and the caller then keeps the records and delivers them again later. A batch may therefore be delivered more than
 * once (at-least-once, as AWS Firehose), never partially acknowledged. Implementations must be safe to call from
 * a delivery thread while another thread replaces the stream's configuration (they are immutable per call).
 */
public interface Destination {

    void deliver(DeliveryBatch batch) throws IOException;
}
