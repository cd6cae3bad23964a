package io.millrace.firehose.op;

import io.millrace.firehose.FirehoseHarness;
import io.millrace.protocol.error.ApiException;
import io.millrace.protocol.error.ServiceError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A fresh in-memory engine per test, and the assertion every operation test needs. */
abstract class OperationTestBase {
    @TempDir
    Path dir;
    FirehoseHarness firehose;

    @BeforeEach
    void open() {
        firehose = new FirehoseHarness(dir);
    }

    @AfterEach
    void close() {
        firehose.close();
    }

    void assertFails(String operation, String json, ServiceError error, String message) {
        assertThatThrownBy(() -> firehose.call(operation, json))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.error()).isEqualTo(error);
                    assertThat(e.wireMessage()).isEqualTo(message);
                });
    }

    static String named(String name) {
        return "{\"DeliveryStreamName\":\"" + name + "\"}";
    }
}
