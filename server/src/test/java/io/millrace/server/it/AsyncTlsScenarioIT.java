package io.millrace.server.it;

import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** The full scenario with the AWS SDK for Java v2 async Netty client over TLS with ALPN h2. */
class AsyncTlsScenarioIT extends KinesisScenario {
    @RegisterExtension
    static final TestServer SERVER = new TestServer();

    @Override
    KinesisClient newClient() {
        return Clients.blocking(Clients.async(SERVER.httpsEndpoint(), true));
    }
}
