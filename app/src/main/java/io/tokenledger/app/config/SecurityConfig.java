package io.tokenledger.app.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The ledger's own APIs take bearer tokens this server issued (RFC 6750), checked against the ledger with
 * no HTTP round trip. The OAuth2 endpoints authenticate clients themselves, as RFC 6749 §2.3 describes.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class SecurityConfig {

    @Bean
    @Order(1)
    public SecurityFilterChain ledgerApi(HttpSecurity http, OpaqueTokenIntrospector introspector) throws Exception {
        return http.securityMatcher("/oauth2/register", "/admin/**", "/ledger/**")
                   .authorizeHttpRequests(auth -> auth
                           .requestMatchers("/ledger/**").hasAuthority("SCOPE_ledger:audit")
                           .anyRequest().hasAuthority("SCOPE_ledger:admin"))
                   .oauth2ResourceServer(rs -> rs.opaqueToken(token -> token.introspector(introspector)))
                   .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                   .csrf(csrf -> csrf.disable())
                   .build();
    }

    /** Client-authenticated OAuth2 endpoints, metadata and actuator: no cookies, so no CSRF to defend. */
    @Bean
    @Order(2)
    public SecurityFilterChain oauth2Endpoints(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                   .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                   .csrf(csrf -> csrf.disable())
                   .build();
    }
}
