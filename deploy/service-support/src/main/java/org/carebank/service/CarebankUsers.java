package org.carebank.service;

import java.util.List;
import org.carebank.kernel.caller.Role;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The people and systems allowed in, from configuration (HTTP Basic). A PROVIDER user is bound to one provider id.
 * Passwords use Spring Security's {id} prefixes ({bcrypt}, or {noop} for the documented local defaults only).
 */
@ConfigurationProperties("carebank.security")
record CarebankUsers(List<User> users) {

    record User(String username, String password, Role role, String providerId) {}

    CarebankUsers {
        users = users == null ? List.of() : List.copyOf(users);
    }
}
