package io.millrace.protocol.auth;

/**
 * IAM's glob for actions and resources: {@code *} matches any run of characters (also none, also across
 * {@code :} and {@code /}), {@code ?} exactly one. Immutable.
 */
record WildcardPattern(String pattern, boolean ignoreCase) {

    boolean matches(String text) {
        String p = ignoreCase ? pattern.toLowerCase(java.util.Locale.ROOT) : pattern;
        String t = ignoreCase ? text.toLowerCase(java.util.Locale.ROOT) : text;
        return matches(p, 0, t, 0);
    }

    /** Iterative glob matching with one backtrack point, linear in practice and never recursive. */
    private static boolean matches(String p, int pi, String t, int ti) {
        int starP = -1;
        int starT = -1;
        while (ti < t.length()) {
            if (pi < p.length() && (p.charAt(pi) == '?' || p.charAt(pi) == t.charAt(ti))) {
                pi++;
                ti++;
            } else if (pi < p.length() && p.charAt(pi) == '*') {
                starP = pi++;
                starT = ti;
            } else if (starP >= 0) {
                pi = starP + 1;
                ti = ++starT;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }
}
