package io.millrace.protocol.auth;

import io.millrace.protocol.error.ApiException;
import io.millrace.protocol.error.KinesisError;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The refusals of SigV4 verification, each with AWS's error type and text. */
class SignatureVerifierTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Identity ALICE = new Identity("AKIDALICE", "alice-secret", "111122223333",
            Identity.userArn("111122223333", "alice"), null, null);
    private static final Identity TEMPORARY = new Identity("ASIATEMP", "temp-secret", "111122223333",
            Identity.userArn("111122223333", "temp"), "the-session-token", null);
    private static final SignatureVerifier VERIFIER = new SignatureVerifier(
            key -> Map.of(ALICE.accessKeyId(), ALICE, TEMPORARY.accessKeyId(), TEMPORARY).get(key),
            Clock.fixed(NOW, ZoneOffset.UTC), "kinesis");
    private static final byte[] BODY = "{\"StreamName\":\"s\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void aCorrectlySignedRequestNamesItsIdentity() {
        assertThat(VERIFIER.verify(signed(ALICE, NOW, BODY, Map.of()))).isSameAs(ALICE);
    }

    @Test
    void aClientThatSignedTheAuthorityPseudoHeaderOverHttp2Verifies() {
        // The AWS SDK for JavaScript v3 over HTTP/2 signs ':authority', which reaches the server as 'host'.
        SignedRequest asSigned = signed(ALICE, NOW, BODY, Map.of(), SignedRequest.AUTHORITY);
        Map<String, String> asReceived = new LinkedHashMap<>(asSigned.headers());
        asReceived.put("host", asReceived.remove(SignedRequest.AUTHORITY));
        assertThat(VERIFIER.verify(request(asReceived, "", BODY))).isSameAs(ALICE);

        asReceived.put("host", "127.0.0.1:9999");
        assertThatThrownBy(() -> VERIFIER.verify(request(asReceived, "", BODY)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error())
                        .isEqualTo(KinesisError.INVALID_SIGNATURE));
    }

    @Test
    void aSignatureThatCoversNeitherHostNorAuthorityIsIncomplete() {
        SignedRequest request = signed(ALICE, NOW, BODY, Map.of(), "x-amz-host");
        assertRefused(request, KinesisError.INCOMPLETE_SIGNATURE,
                "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
    }

    @Test
    void noSignatureIsAMissingAuthenticationToken() {
        assertRefused(request(Map.of("host", "h", "x-amz-date", AmzDate.format(NOW)), "", BODY),
                KinesisError.MISSING_AUTHENTICATION_TOKEN, "Missing Authentication Token");
    }

    @Test
    void bothFormsAtOnceAreRefused() {
        SignedRequest signed = signed(ALICE, NOW, BODY, Map.of());
        assertRefused(new SignedRequest("POST", "/", "X-Amz-Algorithm=AWS4-HMAC-SHA256", signed.headers(), BODY),
                KinesisError.INVALID_SIGNATURE,
                "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.");
    }

    @Test
    void anIncompleteHeaderListsEveryMissingPartThenTheHeader() {
        assertRefused(request(Map.of("host", "h", "authorization", "AWS4-HMAC-SHA256 Credential=a/b/c/d/e"), "",
                        BODY), KinesisError.INCOMPLETE_SIGNATURE,
                "Authorization header requires 'Signature' parameter. "
                        + "Authorization header requires 'SignedHeaders' parameter. "
                        + "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. "
                        + "Authorization=AWS4-HMAC-SHA256 Credential=a/b/c/d/e");
    }

    @Test
    void anIncompletePresignedQueryListsEveryMissingParameter() {
        assertRefused(request(Map.of("host", "h"), "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=x", BODY),
                KinesisError.INCOMPLETE_SIGNATURE,
                "AWS query-string parameters must include 'X-Amz-Credential'. "
                        + "AWS query-string parameters must include 'X-Amz-Signature'. "
                        + "AWS query-string parameters must include 'X-Amz-SignedHeaders'. "
                        + "Re-examine the query-string parameters.");
    }

    @Test
    void anUnknownAccessKeyIsAnUnrecognizedClient() {
        Identity stranger = new Identity("AKIDSTRANGER", "x", "111122223333", "arn:aws:iam::111122223333:user/x",
                null, null);
        assertRefused(signed(stranger, NOW, BODY, Map.of()), KinesisError.UNRECOGNIZED_CLIENT,
                "The security token included in the request is invalid.");
    }

    @Test
    void aSignatureOlderThanFiveMinutesHasExpired() {
        Instant signedAt = NOW.minus(Duration.ofMinutes(5)).minusSeconds(1);
        assertRefused(signed(ALICE, signedAt, BODY, Map.of()), KinesisError.INVALID_SIGNATURE,
                "Signature expired: 20260301T095459Z is now earlier than 20260301T095500Z "
                        + "(20260301T100000Z - 5 min.)");
    }

    @Test
    void aSignatureExactlyFiveMinutesOldStillVerifies() {
        assertThat(VERIFIER.verify(signed(ALICE, NOW.minus(Duration.ofMinutes(5)), BODY, Map.of()))).isSameAs(ALICE);
    }

    @Test
    void aSignatureFromMoreThanFiveMinutesAheadIsNotYetCurrent() {
        assertRefused(signed(ALICE, NOW.plus(Duration.ofMinutes(6)), BODY, Map.of()), KinesisError.INVALID_SIGNATURE,
                "Signature not yet current: 20260301T100600Z is still later than 20260301T100500Z "
                        + "(20260301T100000Z + 5 min.)");
    }

    @Test
    void aChangedBodyNoLongerMatchesTheSignature() {
        SignedRequest signed = signed(ALICE, NOW, BODY, Map.of());
        byte[] tampered = "{\"StreamName\":\"t\"}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> VERIFIER.verify(new SignedRequest("POST", "/", "", signed.headers(), tampered)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.error()).isEqualTo(KinesisError.INVALID_SIGNATURE);
                    assertThat(e.wireMessage()).startsWith(SignatureErrors.MISMATCH);
                });
    }

    @Test
    void aDeclaredPayloadHashMustBeTheBodysHash() {
        SignedRequest signed = signed(ALICE, NOW, BODY,
                Map.of("x-amz-content-sha256", CanonicalRequest.sha256Hex("something else")));
        assertThatThrownBy(() -> VERIFIER.verify(signed)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.error()).isEqualTo(KinesisError.INVALID_SIGNATURE));
    }

    @Test
    void anUnsignedPayloadCoversAnyBody() {
        SignedRequest signed = signed(ALICE, NOW, BODY, Map.of("x-amz-content-sha256", "UNSIGNED-PAYLOAD"));
        assertThat(VERIFIER.verify(new SignedRequest("POST", "/", "", signed.headers(), new byte[] {1, 2})))
                .isSameAs(ALICE);
    }

    @Test
    void temporaryCredentialsNeedTheirSessionToken() {
        assertRefused(signed(TEMPORARY, NOW, BODY, Map.of()), KinesisError.UNRECOGNIZED_CLIENT,
                "The security token included in the request is invalid.");
        assertRefused(signed(TEMPORARY, NOW, BODY, Map.of("x-amz-security-token", "wrong")),
                KinesisError.UNRECOGNIZED_CLIENT, "The security token included in the request is invalid.");
        assertThat(VERIFIER.verify(signed(TEMPORARY, NOW, BODY, Map.of("x-amz-security-token", "the-session-token"))))
                .isSameAs(TEMPORARY);
    }

    @Test
    void aCredentialWithoutFiveElementsIsIncomplete() {
        Map<String, String> headers = new LinkedHashMap<>(signed(ALICE, NOW, BODY, Map.of()).headers());
        headers.put("authorization", "AWS4-HMAC-SHA256 Credential=AKIDALICE/20260301, SignedHeaders=host, "
                + "Signature=00");
        assertRefused(request(headers, "", BODY), KinesisError.INCOMPLETE_SIGNATURE,
                "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, "
                        + "got 'AKIDALICE/20260301'");
    }

    @Test
    void aPresignedRequestVerifiesUntilItsExpiry() {
        SignedRequest presigned = presigned(ALICE, NOW.minusSeconds(60), 120);
        assertThat(VERIFIER.verify(presigned)).isSameAs(ALICE);
        assertThatThrownBy(() -> VERIFIER.verify(presigned(ALICE, NOW.minusSeconds(200), 120)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.wireMessage())
                        .startsWith("Signature expired: "));
    }

    private static void assertRefused(SignedRequest request, KinesisError error, String message) {
        assertThatThrownBy(() -> VERIFIER.verify(request)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.error()).isEqualTo(error);
            assertThat(e.wireMessage()).isEqualTo(message);
        });
    }

    private static SignedRequest request(Map<String, String> headers, String query, byte[] body) {
        return new SignedRequest("POST", "/", query, headers, body);
    }

    /** Signs the way the SDKs do; the SDK itself signs in the server's AuthIT. */
    static SignedRequest signed(Identity identity, Instant at, byte[] body, Map<String, String> extraHeaders) {
        return signed(identity, at, body, extraHeaders, "host");
    }

    /** As above, with the host sent and signed under {@code hostHeader}. */
    static SignedRequest signed(Identity identity, Instant at, byte[] body, Map<String, String> extraHeaders,
                                String hostHeader) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/x-amz-json-1.1");
        headers.put(hostHeader, "127.0.0.1:4567");
        headers.put("x-amz-date", AmzDate.format(at));
        headers.put("x-amz-target", "Kinesis_20131202.DescribeStream");
        headers.putAll(extraHeaders);
        List<String> signedHeaders = headers.keySet().stream().sorted().toList();
        String date = AmzDate.format(at).substring(0, 8);
        String scope = date + "/us-east-1/kinesis/aws4_request";
        String payload = headers.getOrDefault("x-amz-content-sha256", CanonicalRequest.sha256Hex(body));
        String canonical = CanonicalRequest.of(new SignedRequest("POST", "/", "", headers, body), signedHeaders,
                null, payload);
        String signature = SigningKey.derive(identity.secretAccessKey(), date, "us-east-1", "kinesis")
                .sign(StringToSign.of(AmzDate.format(at), scope, canonical));
        headers.put("authorization", "AWS4-HMAC-SHA256 Credential=" + identity.accessKeyId() + "/" + scope
                + ", SignedHeaders=" + String.join(";", signedHeaders) + ", Signature=" + signature);
        return new SignedRequest("POST", "/", "", headers, body);
    }

    private static SignedRequest presigned(Identity identity, Instant at, long expiresSeconds) {
        Map<String, String> headers = Map.of("host", "127.0.0.1:4567");
        String date = AmzDate.format(at).substring(0, 8);
        String scope = date + "/us-east-1/kinesis/aws4_request";
        String query = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=" + identity.accessKeyId() + "%2F"
                + scope.replace("/", "%2F") + "&X-Amz-Date=" + AmzDate.format(at) + "&X-Amz-Expires="
                + expiresSeconds + "&X-Amz-SignedHeaders=host";
        String canonical = CanonicalRequest.of(new SignedRequest("POST", "/", query, headers, BODY),
                List.of("host"), null, SignatureVerifier.UNSIGNED_PAYLOAD);
        String signature = SigningKey.derive(identity.secretAccessKey(), date, "us-east-1", "kinesis")
                .sign(StringToSign.of(AmzDate.format(at), scope, canonical));
        return new SignedRequest("POST", "/", query + "&X-Amz-Signature=" + signature, headers, BODY);
    }
}
