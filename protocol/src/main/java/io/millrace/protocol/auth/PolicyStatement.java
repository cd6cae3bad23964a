package io.millrace.protocol.auth;

import java.util.List;

/**
 * One statement of an IAM-style policy. Conditions are not evaluated: a conditional Allow never applies and a
 * conditional Deny always does, so an unsupported condition can only take access away, never grant it.
 *
 * @param principals {@code null} in identity policies (the statement is about its owner); in resource policies the
 *                   {@code AWS} principals: {@code *}, account ids, {@code arn:aws:iam::<account>:root} or principal
 *                   ARNs
 * @param notAction  whether {@code actions} lists what the statement does <em>not</em> cover
 * @param notResource whether {@code resources} lists what the statement does <em>not</em> cover
 */
public record PolicyStatement(boolean isAllow, List<String> principals, List<String> actions, boolean notAction,
                             List<String> resources, boolean notResource, boolean hasCondition) {

    public PolicyStatement {
        principals = principals == null ? null : List.copyOf(principals);
        actions = List.copyOf(actions);
        resources = List.copyOf(resources);
    }

    /** Whether this statement speaks about this request (ignoring its effect). */
    boolean applies(String action, String resourceArn, String principalArn, String accountId) {
        if (principals != null && principals.stream().noneMatch(p -> namesPrincipal(p, principalArn, accountId))) {
            return false;
        }
        boolean actionListed = actions.stream().anyMatch(a -> new WildcardPattern(a, true).matches(action));
        boolean resourceListed = resources.stream().anyMatch(r -> new WildcardPattern(r, false).matches(resourceArn));
        return actionListed != notAction && resourceListed != notResource;
    }

    private static boolean namesPrincipal(String principal, String principalArn, String accountId) {
        return principal.equals("*")
                || principal.equals(accountId)
                || principal.equals(Identity.rootArn(accountId))
                || principal.equals(principalArn);
    }
}
