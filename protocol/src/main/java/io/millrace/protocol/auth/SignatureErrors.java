package io.millrace.protocol.auth;

import io.millrace.protocol.error.ApiException;
import io.millrace.protocol.error.KinesisError;

import java.time.Instant;

/**
 * Every client-visible authentication message, as AWS words it. Texts taken from kinesalite's recordings against
 * real Kinesis or from real AWS answers quoted in public bug reports; the rest are marked [UNVERIFIED].
 */
final class SignatureErrors {
    static final String MISMATCH = "The request signature we calculated does not match the signature you provided. "
            + "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

    private SignatureErrors() {
    }

    static ApiException bothForms() {
        return KinesisError.INVALID_SIGNATURE.exception(
                "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.");
    }

    static ApiException missing() {
        return KinesisError.MISSING_AUTHENTICATION_TOKEN.exception("Missing Authentication Token");
    }

    static ApiException incomplete(String message) {
        return KinesisError.INCOMPLETE_SIGNATURE.exception(message);
    }

    static ApiException malformedCredential(String credential) {
        // Wording from AWS answers seen in public reports. [UNVERIFIED for Kinesis specifically]
        return incomplete("Credential must have exactly 5 slash-delimited elements, e.g. "
                + "keyid/date/region/service/term, got '" + credential + "'");
    }

    static ApiException malformedDate(String date) {
        // [UNVERIFIED] AWS's text for an unparseable X-Amz-Date.
        return incomplete("Date must be in ISO-8601 'basic format'. Got '" + date + "'. "
                + "See http://en.wikipedia.org/wiki/ISO_8601");
    }

    static ApiException unsupportedAlgorithm(String algorithm) {
        // [UNVERIFIED] text.
        return KinesisError.INCOMPLETE_SIGNATURE.exception("Unsupported AWS 'algorithm': '" + algorithm + "'");
    }

    static ApiException unknownToken() {
        return KinesisError.UNRECOGNIZED_CLIENT.exception("The security token included in the request is invalid.");
    }

    static ApiException expired(String signed, Instant earliest, Instant now, String window) {
        return KinesisError.INVALID_SIGNATURE.exception("Signature expired: %s is now earlier than %s (%s - %s.)",
                signed, AmzDate.format(earliest), AmzDate.format(now), window);
    }

    static ApiException notYetCurrent(String signed, Instant latest, Instant now) {
        // [UNVERIFIED] mirror image of the expired text, as AWS words it for clocks running ahead.
        return KinesisError.INVALID_SIGNATURE.exception(
                "Signature not yet current: %s is still later than %s (%s + 5 min.)",
                signed, AmzDate.format(latest), AmzDate.format(now));
    }

    static ApiException wrongService(String expected) {
        // [UNVERIFIED] text.
        return KinesisError.INVALID_SIGNATURE.exception(
                "Credential should be scoped to correct service: '" + expected + "'. ");
    }

    static ApiException wrongTerminator(String terminator) {
        // [UNVERIFIED] text.
        return KinesisError.INVALID_SIGNATURE.exception(
                "Credential should be scoped with a valid terminator: 'aws4_request', not '" + terminator + "'. ");
    }

    static ApiException scopeDateMismatch(String scopeDate, String amzDate) {
        // [UNVERIFIED] text.
        return KinesisError.INVALID_SIGNATURE.exception("Date in Credential scope does not match YYYYMMDD from "
                + "ISO-8601 version of date from HTTP: '" + scopeDate + "' != '" + amzDate.substring(0, 8)
                + "', from '" + amzDate + "'.");
    }

    static ApiException hostNotSigned() {
        // [UNVERIFIED] text.
        return KinesisError.INCOMPLETE_SIGNATURE.exception(
                "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
    }

    static ApiException badExpires(String expires) {
        // [UNVERIFIED] text.
        return KinesisError.INCOMPLETE_SIGNATURE.exception(
                "X-Amz-Expires must be a whole number of seconds from 1 to 604800, got '" + expires + "'.");
    }

    static ApiException chunkedPayload(String payloadHash) {
        // Millrace's own text: aws-chunked bodies (S3's streaming signatures) are never sent to Kinesis.
        return KinesisError.INVALID_SIGNATURE.exception(
                "x-amz-content-sha256 '" + payloadHash + "' (aws-chunked payload signing) is not supported.");
    }

    /** AWS adds what it expected so that a client author can find the difference. [tail UNVERIFIED for Kinesis] */
    static ApiException mismatch(String canonicalRequest, String stringToSign) {
        return KinesisError.INVALID_SIGNATURE.exception(MISMATCH + "\n\nThe Canonical String for this request "
                + "should have been\n'" + canonicalRequest + "'\n\nThe String-to-Sign should have been\n'"
                + stringToSign + "'\n");
    }
}
