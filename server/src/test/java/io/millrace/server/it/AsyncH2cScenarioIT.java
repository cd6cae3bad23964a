package io.millrace.server.it;

import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** The full scenario with the AWS SDK for Java v2 async Netty client over HTTP/2 cleartext (prior knowledge). */
class AsyncH2cScenarioIT extends KinesisScenario {
    @RegisterExtension
    static final TestServer SERVER = new TestServer();

    @Override
    KinesisClient newClient() {
        return Clients.blocking(Clients.async(SERVER.httpEndpoint(), true));
    }
}
