package io.millrace.server.http;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CredentialScopeTest {

    @Test
    void authorizationHeaderYieldsKeyDateRegionAndService() {
        CredentialScope scope = CredentialScope.fromAuthorization("AWS4-HMAC-SHA256 "
                + "Credential=AKIDEXAMPLE/20260101/eu-west-2/kinesis/aws4_request, "
                + "SignedHeaders=host;x-amz-date;x-amz-target, Signature=abcdef0123");

        assertThat(scope).isEqualTo(new CredentialScope("AKIDEXAMPLE", "20260101", "eu-west-2", "kinesis"));
    }

    @Test
    void presignedQueryYieldsTheScope() {
        CredentialScope scope = CredentialScope.fromQuery("X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=AKID%2F20260101%2Fus-west-2%2Fkinesis%2Faws4_request&X-Amz-Signature=00");

        assertThat(scope).isEqualTo(new CredentialScope("AKID", "20260101", "us-west-2", "kinesis"));
    }

    @Test
    void headerWinsOverQueryForARequest() {
        ApiRequest request = new ApiRequest("POST", "/", "X-Amz-Credential=Q%2F20260101%2Fap-south-1%2Fkinesis%2Faws4_request",
                Map.of("authorization", "AWS4-HMAC-SHA256 Credential=H/20260101/sa-east-1/kinesis/aws4_request"),
                new byte[0], false, "HTTP/1.1", Runnable::run);

        assertThat(CredentialScope.of(request).accessKeyId()).isEqualTo("H");
    }

    @Test
    void absentOrUnparseableInputGivesNull() {
        assertThat(CredentialScope.fromAuthorization(null)).isNull();
        assertThat(CredentialScope.fromAuthorization("Bearer token")).isNull();
        assertThat(CredentialScope.fromAuthorization("AWS4-HMAC-SHA256 SignedHeaders=host")).isNull();
        assertThat(CredentialScope.fromAuthorization("AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1")).isNull();
        assertThat(CredentialScope.fromAuthorization("AWS4-HMAC-SHA256 Credential=//us-east-1/kinesis/aws4_request"))
                .isNull();
        assertThat(CredentialScope.fromQuery("")).isNull();
        assertThat(CredentialScope.fromQuery("X-Amz-Credential=%zz")).isNull();
        assertThat(CredentialScope.of(new ApiRequest("POST", "/", "", Map.of(), new byte[0], false, "HTTP/2", Runnable::run)))
                .isNull();
    }

    @Property
    void anyWellFormedScopeRoundTripsThroughTheHeader(
            @ForAll @AlphaChars @NumericChars @StringLength(min = 1, max = 40) String accessKeyId,
            @ForAll @NumericChars @StringLength(8) String date,
            @ForAll @AlphaChars @StringLength(min = 1, max = 20) String region) {
        String header = "AWS4-HMAC-SHA256 Credential=" + accessKeyId + "/" + date + "/" + region
                + "/kinesis/aws4_request, SignedHeaders=host, Signature=ab";

        assertThat(CredentialScope.fromAuthorization(header))
                .isEqualTo(new CredentialScope(accessKeyId, date, region, "kinesis"));
    }
}
