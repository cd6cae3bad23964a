package io.millrace.compat.sdks;

/**
 * The AWS SDK for JavaScript v3 against {@code --auth=sigv4}: Millrace verifies the signatures of its own signer, over
 * HTTP/2 (where it signs {@code :authority} rather than {@code host}) and HTTP/1.1.
 */
class JavaScriptSdkSignedIT extends SignedServerScenario {
    JavaScriptSdkSignedIT() {
        super(ScenarioScripts::node);
    }
}
