package io.millrace.compat.sdks;

/**
 * The AWS SDK for JavaScript v3 without authentication: its Kinesis client speaks AWS JSON 1.1 over cleartext HTTP/2
 * for every operation, SubscribeToShard's event stream included, and its Firehose client speaks it over HTTP/1.1.
 */
class JavaScriptSdkIT extends OpenServerScenario {
    JavaScriptSdkIT() {
        super(ScenarioScripts::node);
    }
}
