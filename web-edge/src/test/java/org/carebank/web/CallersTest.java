package org.carebank.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.carebank.kernel.caller.Caller;
import org.carebank.kernel.caller.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

/** The caller both sides act for, read from what the security layer authenticated. */
class CallersTest {

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    private static void signIn(String name, String... authorities) {
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        name, "n/a", AuthorityUtils.createAuthorityList(authorities)));
    }

    @Test
    @DisplayName("a provider's user: role PROVIDER and its provider id, so it may act for its own data only")
    void provider() {
        signIn("alpha-roster", "ROLE_PROVIDER", "provider:alpha-care");

        Caller caller = Callers.current();

        assertThat(caller).isEqualTo(new Caller("alpha-roster", Role.PROVIDER, "alpha-care"));
        assertThat(caller.mayActFor("alpha-care")).isTrue();
        assertThat(caller.mayActFor("beta-care")).isFalse();
    }

    @Test
    @DisplayName("the council: no provider id, even if one is among its authorities; it acts for everyone")
    void council() {
        signIn("council", "ROLE_COUNCIL", "provider:alpha-care");

        assertThat(Callers.current()).isEqualTo(new Caller("council", Role.COUNCIL, null));
        assertThat(Callers.current().mayActFor("beta-care")).isTrue();
    }

    @Test
    @DisplayName("an authentication without a role is no caller (the security layer refuses it before)")
    void noRole() {
        var authentication = UsernamePasswordAuthenticationToken.authenticated(
                "nobody", "n/a", AuthorityUtils.createAuthorityList(List.of("SCOPE_read")));

        assertThatThrownBy(() -> Callers.of(authentication)).isInstanceOf(IllegalStateException.class);
    }
}
