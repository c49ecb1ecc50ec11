package org.carebank.kernel.caller;

import java.util.HashMap;
import java.util.Map;

/**
 * Who sent a command: recorded as metadata on the command and on every event it causes (domain rule 8).
 * {@code providerId} is set for PROVIDER callers only.
 */
public record Caller(String principal, Role role, String providerId) {

    public static final String PRINCIPAL = "principal";
    public static final String ROLE = "role";
    public static final String PROVIDER_ID = "providerId";

    public static Caller system(String principal) {
        return new Caller(principal, Role.SYSTEM, null);
    }

    public Map<String, Object> toMetaData() {
        var metaData = new HashMap<String, Object>();
        metaData.put(PRINCIPAL, principal);
        metaData.put(ROLE, role.name());
        if (providerId != null) {
            metaData.put(PROVIDER_ID, providerId);
        } else if (role == Role.SYSTEM) {
            // A fact the service records inside a provider's command (an expiry caught up) is not that provider's:
            // an explicit null overrides the provider id the command's correlation data would otherwise add.
            metaData.put(PROVIDER_ID, null);
        }
        return metaData;
    }

    public static Caller fromMetaData(Map<String, ?> metaData) {
        Object role = metaData.get(ROLE);
        Object providerId = metaData.get(PROVIDER_ID);
        return new Caller(
                String.valueOf(metaData.get(PRINCIPAL)),
                role == null ? Role.SYSTEM : Role.valueOf(role.toString()),
                providerId == null ? null : providerId.toString());
    }

    /**
     * Reads a caller from Spring Security style authority names: {@code ROLE_<ROLE>} and, for a provider,
     * {@code provider:<providerId>}. Kept free of Spring so both sides and every deployment read it the same way.
     */
    public static Caller fromAuthorities(String principal, java.util.Collection<String> authorities) {
        Role role = null;
        String providerId = null;
        for (String authority : authorities) {
            if (authority.startsWith("ROLE_")) {
                role = Role.valueOf(authority.substring("ROLE_".length()));
            } else if (authority.startsWith(PROVIDER_AUTHORITY_PREFIX)) {
                providerId = authority.substring(PROVIDER_AUTHORITY_PREFIX.length());
            }
        }
        if (role == null) {
            throw new IllegalStateException("an authenticated caller without a role: " + principal);
        }
        return new Caller(principal, role, role == Role.PROVIDER ? providerId : null);
    }

    public static final String PROVIDER_AUTHORITY_PREFIX = "provider:";

    /** A provider acts only on its own data; the council and the service act on everyone's. */
    public boolean mayActFor(String provider) {
        return role != Role.PROVIDER || (providerId != null && providerId.equals(provider));
    }
}
