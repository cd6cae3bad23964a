package io.millrace.protocol.auth;

/**
 * A caller Millrace knows: the key pair it signs with, the account it acts in, the IAM principal it is named as in
 * access-denied messages and, optionally, the session token it must present and the identity policy limiting it.
 * Immutable.
 *
 * @param principalArn  e.g. {@code arn:aws:iam::111122223333:user/alice}
 * @param sessionToken  required as {@code X-Amz-Security-Token} when present; {@code null} for long-term keys
 * @param policy        the identity policy; {@code null} means the identity may do anything in its own account
 */
public record Identity(String accessKeyId, String secretAccessKey, String accountId, String principalArn,
                       String sessionToken, PolicyDocument policy) {

    public Identity {
        require(accessKeyId, "accessKeyId");
        require(secretAccessKey, "secretAccessKey");
        if (accountId == null || !accountId.matches("[0-9]{12}")) {
            throw new IllegalArgumentException("accountId: '" + accountId + "' (expected: 12 digits)");
        }
        require(principalArn, "principalArn");
    }

    /** The principal name AWS uses for an account's root user, for callers that name only an account. */
    public static String rootArn(String accountId) {
        return "arn:aws:iam::" + accountId + ":root";
    }

    public static String userArn(String accountId, String userName) {
        return "arn:aws:iam::" + accountId + ":user/" + userName;
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + ": '" + value + "' (expected: non-empty)");
        }
    }
}
