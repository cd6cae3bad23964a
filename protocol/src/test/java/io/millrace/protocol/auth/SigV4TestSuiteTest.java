package io.millrace.protocol.auth;

import io.millrace.protocol.error.ApiException;
import io.millrace.protocol.error.KinesisError;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Vectors published by AWS: the SigV4 test suite ({@code get-vanilla}, {@code get-vanilla-query-order-key-case},
 * {@code post-vanilla}; credentials AKIDEXAMPLE, 2015-08-30T12:36:00Z, us-east-1, service {@code service}) and the
 * S3 API reference's "GET Object" header example, which declares {@code x-amz-content-sha256}.
 */
class SigV4TestSuiteTest {
    private static final String SUITE_SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final String SUITE_DATE = "20150830T123600Z";

    @Test
    void getVanillaProducesThePublishedCanonicalRequestStringToSignAndSignature() {
        SignedRequest request = suiteRequest("GET", "");
        String canonical = CanonicalRequest.of(request, List.of("host", "x-amz-date"), null,
                CanonicalRequest.EMPTY_PAYLOAD_SHA256);
        assertThat(canonical).isEqualTo("GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\n"
                + "host;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        String stringToSign = StringToSign.of(SUITE_DATE, "20150830/us-east-1/service/aws4_request", canonical);
        assertThat(stringToSign).isEqualTo("AWS4-HMAC-SHA256\n20150830T123600Z\n"
                + "20150830/us-east-1/service/aws4_request\n"
                + "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63");
        assertThat(SigningKey.derive(SUITE_SECRET, "20150830", "us-east-1", "service").sign(stringToSign))
                .isEqualTo("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
    }

    @Test
    void getVanillaVerifies() {
        assertThat(suiteVerifier().verify(withAuthorization(suiteRequest("GET", ""),
                "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")).accountId())
                .isEqualTo("111122223333");
    }

    @Test
    void queryParametersAreSortedBeforeSigning() {
        assertThat(suiteVerifier().verify(withAuthorization(suiteRequest("GET", "Param2=value2&Param1=value1"),
                "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500")).accessKeyId())
                .isEqualTo("AKIDEXAMPLE");
    }

    @Test
    void postVanillaVerifies() {
        assertThat(suiteVerifier().verify(withAuthorization(suiteRequest("POST", ""),
                "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b")).accessKeyId())
                .isEqualTo("AKIDEXAMPLE");
    }

    @Test
    void aChangedMethodNoLongerVerifiesAndTheErrorShowsWhatWasExpected() {
        SignedRequest post = withAuthorization(suiteRequest("POST", ""),
                "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
        assertThatThrownBy(() -> suiteVerifier().verify(post))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.error()).isEqualTo(KinesisError.INVALID_SIGNATURE);
                    assertThat(e.wireMessage()).startsWith(SignatureErrors.MISMATCH + "\n\nThe Canonical String for "
                            + "this request should have been\n'POST\n/\n");
                });
    }

    @Test
    void s3GetObjectExampleVerifiesWithItsDeclaredPayloadHash() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", "examplebucket.s3.amazonaws.com");
        headers.put("range", "bytes=0-9");
        headers.put("x-amz-content-sha256", CanonicalRequest.EMPTY_PAYLOAD_SHA256);
        headers.put("x-amz-date", "20130524T000000Z");
        headers.put("authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/"
                + "aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
                + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
        Identity identity = new Identity("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                "111122223333", Identity.userArn("111122223333", "s3"), null, null);
        SignatureVerifier verifier = new SignatureVerifier(key -> key.equals(identity.accessKeyId()) ? identity : null,
                Clock.fixed(Instant.parse("2013-05-24T00:01:00Z"), ZoneOffset.UTC), "s3");
        assertThat(verifier.verify(new SignedRequest("GET", "/test.txt", "", headers, new byte[0])))
                .isSameAs(identity);
    }

    @Test
    void dotSegmentsAreRemovedAndTheRawPathIsEncodedOnceMore() {
        assertThat(CanonicalRequest.canonicalUri("/./example/../a b/%20c")).isEqualTo("/a%20b/%2520c");
        assertThat(CanonicalRequest.canonicalUri("//example//")).isEqualTo("//example//");
        assertThat(CanonicalRequest.canonicalUri("/example1/example2/../..")).isEqualTo("/");
    }

    @Test
    void headerValuesAreTrimmedAndInnerWhitespaceCollapsed() {
        assertThat(CanonicalRequest.canonicalValue("  value1  ")).isEqualTo("value1");
        assertThat(CanonicalRequest.canonicalValue("\"a   b   c\"")).isEqualTo("\"a b c\"");
    }

    @Test
    void queryIsDecodedThenEncodedTheAwsWayAndSortedByNameThenValue() {
        assertThat(CanonicalRequest.canonicalQuery("b=2&a=z&a=y&sp=%20x+&u=%E1%88%B4", null))
                .isEqualTo("a=y&a=z&b=2&sp=%20x%2B&u=%E1%88%B4");
    }

    static SignatureVerifier suiteVerifier() {
        Identity identity = new Identity("AKIDEXAMPLE", SUITE_SECRET, "111122223333",
                Identity.userArn("111122223333", "example"), null, null);
        return new SignatureVerifier(key -> key.equals("AKIDEXAMPLE") ? identity : null,
                Clock.fixed(Instant.parse("2015-08-30T12:37:00Z"), ZoneOffset.UTC), "service");
    }

    private static SignedRequest suiteRequest(String method, String query) {
        return new SignedRequest(method, "/", query,
                Map.of("host", "example.amazonaws.com", "x-amz-date", SUITE_DATE), new byte[0]);
    }

    private static SignedRequest withAuthorization(SignedRequest request, String signature) {
        Map<String, String> headers = new LinkedHashMap<>(request.headers());
        headers.put("authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/"
                + "aws4_request, SignedHeaders=host;x-amz-date, Signature=" + signature);
        return new SignedRequest(request.method(), request.rawPath(), request.rawQuery(), headers, request.body());
    }
}
