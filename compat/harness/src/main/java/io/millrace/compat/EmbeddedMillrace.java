package io.millrace.compat;

import io.millrace.server.Millrace;
import io.millrace.server.config.MillraceCommand;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.net.URI;

/**
 * A JUnit 5 extension that runs Millrace in-process, in memory, on an ephemeral loopback port for the duration of a
 * test class: the server the third-party clients under test talk to.
 *
 * <p>Thread safety: started and stopped by JUnit on one thread; {@link #endpoint()} may be read from any thread.
 */
public final class EmbeddedMillrace implements BeforeAllCallback, AfterAllCallback {
    private volatile Millrace server;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = Millrace.start(MillraceCommand.parse("--host", "127.0.0.1", "--port", "0", "--in-memory"));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.close();
    }

    /** Cleartext endpoint: HTTP/1.1, or HTTP/2 with prior knowledge (what the async client sends on http://). */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.port());
    }
}
