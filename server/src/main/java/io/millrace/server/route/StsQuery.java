package io.millrace.server.route;

import io.millrace.protocol.error.ApiException;
import io.millrace.protocol.error.KinesisError;
import io.millrace.protocol.error.ServiceError;
import io.millrace.server.auth.Authentication;
import io.millrace.server.auth.Caller;
import io.millrace.server.http.ApiRequest;
import io.millrace.server.http.ApiResponse;
import io.millrace.server.http.CredentialScope;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * AWS STS's GetCallerIdentity on the Kinesis port, for clients that ask who they are before they call Kinesis: the
 * Kinesis Producer Library 1.x builds every stream ARN from its answer and stops when it gets none (its
 * {@code StsEndpoint} and {@code StsPort} then point here). STS speaks the AWS Query protocol: a form-encoded POST
 * naming an {@code Action} and a {@code Version}, signed for {@code sts}, answered in XML. The caller is who
 * {@link Authentication} says, as for Kinesis; GetCallerIdentity needs no permission. Any other action is
 * {@code InvalidAction}. Thread-safe.
 */
public final class StsQuery {
    static final String VERSION = "2011-06-15";
    private static final String NAMESPACE = "https://sts.amazonaws.com/doc/" + VERSION + "/";
    private static final String FORM = "application/x-www-form-urlencoded";

    private final Authentication authentication;

    /** @param authentication verifies requests signed for {@link Authentication#STS_SERVICE} */
    public StsQuery(Authentication authentication) {
        this.authentication = authentication;
    }

    /** Whether {@code request} is for STS: a form-encoded POST signed for {@code sts}. */
    static boolean isFor(ApiRequest request) {
        String contentType = request.headers().get("content-type");
        if (!"POST".equals(request.method()) || contentType == null
                || !contentType.regionMatches(true, 0, FORM, 0, FORM.length())) {
            return false;
        }
        CredentialScope scope = CredentialScope.of(request);
        return scope != null && Authentication.STS_SERVICE.equals(scope.service());
    }

    ApiResponse answer(ApiRequest request, String requestId) {
        Caller caller;
        try {
            caller = authentication.authenticate(request);
        } catch (ApiException e) {
            return error(403, stsCode(e.error()), e.wireMessage(), requestId);
        }
        Map<String, String> parameters = form(new String(request.body(), StandardCharsets.UTF_8));
        String action = parameters.get("Action");
        if (action == null) {
            return error(400, "MissingAction", "Missing Action", requestId); // [UNVERIFIED] text
        }
        String version = parameters.getOrDefault("Version", ""); // [UNVERIFIED] AWS's answer when it is missing
        if (!"GetCallerIdentity".equals(action) || !VERSION.equals(version)) {
            return error(400, "InvalidAction", "Could not find operation " + action + " for version " + version,
                    requestId);
        }
        // [UNVERIFIED] AWS gives an IAM user's unique id (AIDA...), which Millrace does not model.
        CredentialScope scope = CredentialScope.of(request);
        String userId = caller.principalArn().endsWith(":root") ? caller.accountId() : scope.accessKeyId();
        return xml(200, requestId, "<GetCallerIdentityResponse xmlns=\"" + NAMESPACE + "\">\n"
                + "  <GetCallerIdentityResult>\n"
                + "    <Arn>" + XmlPath.escape(caller.principalArn()) + "</Arn>\n"
                + "    <UserId>" + XmlPath.escape(userId) + "</UserId>\n"
                + "    <Account>" + XmlPath.escape(caller.accountId()) + "</Account>\n"
                + "  </GetCallerIdentityResult>\n"
                + "  <ResponseMetadata>\n"
                + "    <RequestId>" + requestId + "</RequestId>\n"
                + "  </ResponseMetadata>\n"
                + "</GetCallerIdentityResponse>\n");
    }

    /** STS's names for the authentication failures that Kinesis names its own way. */
    private static String stsCode(ServiceError error) {
        if (!(error instanceof KinesisError kinesis)) {
            return error.type();
        }
        return switch (kinesis) {
            case INVALID_SIGNATURE -> "SignatureDoesNotMatch";
            case UNRECOGNIZED_CLIENT -> "InvalidClientTokenId";
            case INCOMPLETE_SIGNATURE -> "IncompleteSignature";
            case MISSING_AUTHENTICATION_TOKEN -> "MissingAuthenticationToken";
            default -> kinesis.type();
        };
    }

    private static Map<String, String> form(String body) {
        Map<String, String> parameters = new HashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            try {
                parameters.putIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException malformed) {
                // a broken escape: the parameter is as good as absent
            }
        }
        return parameters;
    }

    private static ApiResponse error(int status, String code, String message, String requestId) {
        return xml(status, requestId, "<ErrorResponse xmlns=\"" + NAMESPACE + "\">\n"
                + "  <Error>\n"
                + "    <Type>Sender</Type>\n"
                + "    <Code>" + code + "</Code>\n"
                + "    <Message>" + XmlPath.escape(message) + "</Message>\n"
                + "  </Error>\n"
                + "  <RequestId>" + requestId + "</RequestId>\n"
                + "</ErrorResponse>\n");
    }

    private static ApiResponse xml(int status, String requestId, String body) {
        return new ApiResponse(status, Map.of(ResponseWriter.REQUEST_ID_HEADER, requestId,
                ResponseWriter.CONTENT_TYPE_HEADER, "text/xml"), body.getBytes(StandardCharsets.UTF_8));
    }
}
