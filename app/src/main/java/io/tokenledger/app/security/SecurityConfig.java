package io.tokenledger.app.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * The ledger's own APIs take bearer tokens this server issued (RFC 6750), checked against the ledger with
 * no HTTP round trip. The OAuth2 endpoints authenticate clients themselves, as RFC 6749 §2.3 describes.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableWebSecurity
public class SecurityConfig {

    @Bean
    @Order(1)
    public SecurityFilterChain ledgerApi(HttpSecurity http, OpaqueTokenIntrospector introspector) throws Exception {
        return http.securityMatcher("/oauth2/register", "/oauth2/register/**", "/admin/**", "/ledger/**",
                           "/oauth2/userinfo")
                   .authorizeHttpRequests(auth -> auth
                           // OpenID Connect Core §5.3: an access token issued with openid.
                           .requestMatchers("/oauth2/userinfo").hasAuthority(LedgerScopes.authority("openid"))
                           // Published, so that anyone can check the anchors of the chain.
                           .requestMatchers(HttpMethod.GET, "/ledger/anchor-key").permitAll()
                           .requestMatchers("/ledger/**").hasAuthority(LedgerScopes.authority(LedgerScopes.AUDIT))
                           .requestMatchers("/oauth2/register/{clientId}")
                           .access(RegistrationAccess.adminOrTheClientItself())
                           .anyRequest().hasAuthority(LedgerScopes.authority(LedgerScopes.ADMIN)))
                   .oauth2ResourceServer(rs -> rs.opaqueToken(token -> token.introspector(introspector))
                                                 .bearerTokenResolver(new BearerTokens()))
                   .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                   .csrf(csrf -> csrf.disable())
                   .build();
    }

    /**
     * The login form posts back to the authorization endpoint, the consent page, the logout confirmation and the
     * device verification page (RFC 8628) to paths of their own; a double-submit cookie guards them all against
     * cross-site request forgery without server sessions, so any node can serve any of them. A relying party's logout request is exempt: its id_token_hint is
     * the proof, which LogoutRequests checks; so is an authorization request sent by POST, which, like the GET,
     * changes nothing ({@link SignInForm}). The pages may not be framed (RFC 9700 §4.16).
     */
    @Bean
    @Order(2)
    public SecurityFilterChain authorizationEndpoint(HttpSecurity http) throws Exception {
        return http.securityMatcher("/oauth2/authorize", "/oauth2/authorize/consent", "/oauth2/logout",
                        "/oauth2/logout/confirm", "/oauth2/device", "/oauth2/device/decision")
                   .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                   .csrf(csrf -> csrf.csrfTokenRepository(new SignInCsrfCookies())
                                     .ignoringRequestMatchers("/oauth2/logout")
                                     .ignoringRequestMatchers(SignInForm.authorizationRequestByPost()))
                   .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                   .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                           "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")))
                   .build();
    }

    /**
     * The console: static files that hold no secret and set no cookie (its token travels in the Authorization header
     * of its API calls, so there is no cross-site request to forge). A strict policy keeps any injected script from
     * running or sending a token elsewhere; no page may frame it; no URL it visits (a code in the query) leaks
     * through the Referer header.
     */
    @Bean
    @Order(3)
    public SecurityFilterChain console(HttpSecurity http) throws Exception {
        return http.securityMatcher("/console", "/console/**", "/webjars/**")
                   .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                   .csrf(csrf -> csrf.disable())
                   .sessionManagement(s -> s.disable())
                   .securityContext(c -> c.disable())
                   .requestCache(c -> c.disable())
                   .anonymous(a -> a.disable())
                   .headers(headers -> headers
                           .contentSecurityPolicy(csp -> csp.policyDirectives(ConsolePolicy.directives()))
                           .referrerPolicy(referrer -> referrer.policy(
                                   ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                   .build();
    }

    /**
     * Metadata, actuator and Spring MVC's refusals: open to all, no cookies (so no CSRF to defend), no sessions; only
     * the firewall and the security headers. The token, introspection and revocation endpoints are served before this
     * chain, by {@link io.tokenledger.app.web.ProtocolEndpointFilter}, which applies both itself.
     */
    @Bean
    @Order(4)
    public SecurityFilterChain oauth2Endpoints(HttpSecurity http) throws Exception {
        return http.csrf(csrf -> csrf.disable())
                   .sessionManagement(s -> s.disable())
                   .securityContext(c -> c.disable())
                   .requestCache(c -> c.disable())
                   .logout(l -> l.disable())
                   .anonymous(a -> a.disable())
                   .servletApi(s -> s.disable())
                   .exceptionHandling(e -> e.disable())
                   .build();
    }
}
