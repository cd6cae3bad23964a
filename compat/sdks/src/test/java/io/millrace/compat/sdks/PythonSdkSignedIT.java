package io.millrace.compat.sdks;

/**
 * boto3 against {@code --auth=sigv4}: Millrace verifies the signatures of botocore's own signer.
 */
class PythonSdkSignedIT extends SignedServerScenario {
    PythonSdkSignedIT() {
        super(ScenarioScripts::python);
    }
}
