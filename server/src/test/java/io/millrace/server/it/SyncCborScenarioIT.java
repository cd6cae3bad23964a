package io.millrace.server.it;

import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** The full scenario with the AWS SDK for Java v2 sync client in CBOR mode (the SDK default for Kinesis). */
class SyncCborScenarioIT extends KinesisScenario {
    @RegisterExtension
    static final TestServer SERVER = new TestServer();

    @Override
    KinesisClient newClient() {
        return Clients.sync(SERVER.httpEndpoint(), true);
    }
}
