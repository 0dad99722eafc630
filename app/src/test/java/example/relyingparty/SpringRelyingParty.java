package example.relyingparty;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.client.OAuth2ClientAutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.client.servlet.OAuth2ClientWebSecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * A Spring Boot web application that signs its users in with Spring Security's {@code oauth2Login} against the
 * ledger, found by its issuer's discovery document, as any Spring application would be configured: the relying
 * party of the OpenID Connect tests. It lives outside {@code io.tokenledger}, so the ledger's own component
 * scan never finds it, and reads no {@code application.yml}.
 */
@SpringBootConfiguration
@ImportAutoConfiguration({PropertyPlaceholderAutoConfiguration.class, ServletWebServerFactoryAutoConfiguration.class,
        DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class,
        HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class, SecurityAutoConfiguration.class,
        SecurityFilterAutoConfiguration.class, OAuth2ClientAutoConfiguration.class,
        OAuth2ClientWebSecurityAutoConfiguration.class})
public class SpringRelyingParty {

    /** Starts it on this port of 127.0.0.1, registered at the ledger as this client. */
    public static ConfigurableApplicationContext start(int port, String issuer, String clientId, String clientSecret,
                                                       String scope) {
        return new SpringApplicationBuilder(SpringRelyingParty.class)
                .web(WebApplicationType.SERVLET)
                .properties(Map.of(
                        "spring.config.name", "relying-party",
                        "server.port", String.valueOf(port),
                        "server.address", "127.0.0.1",
                        "spring.security.oauth2.client.provider.ledger.issuer-uri", issuer,
                        "spring.security.oauth2.client.registration.ledger.client-id", clientId,
                        "spring.security.oauth2.client.registration.ledger.client-secret", clientSecret,
                        "spring.security.oauth2.client.registration.ledger.scope", scope,
                        "spring.security.oauth2.client.registration.ledger.redirect-uri",
                        "{baseUrl}/login/oauth2/code/{registrationId}"))
                .run();
    }

    /** RFC 9700 §2.1.1: PKCE for confidential clients too, which the ledger requires of every client. */
    @Bean
    SecurityFilterChain signInWithTheLedger(HttpSecurity http, ClientRegistrationRepository registrations)
            throws Exception {
        var requests = new DefaultOAuth2AuthorizationRequestResolver(registrations, "/oauth2/authorization");
        requests.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        return http.authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                   .oauth2Login(login -> login.authorizationEndpoint(endpoint ->
                           endpoint.authorizationRequestResolver(requests)))
                   .build();
    }

    @RestController
    static class SignedInUser {

        /** What the application knows of its signed-in user: the ID token's claims and UserInfo's, merged. */
        @GetMapping("/me")
        Map<String, Object> me(@AuthenticationPrincipal OidcUser user) {
            return user.getClaims();
        }
    }
}
