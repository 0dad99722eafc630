package io.tokenledger.app.openapi;

import io.swagger.v3.core.util.Yaml31;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.Scopes;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.tokenledger.app.security.LedgerScopes;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The HTTP API in OpenAPI 3.1 at {@code /openapi.json}: springdoc describes every Spring MVC mapping; the OAuth2
 * endpoints served before MVC, and the browser's pages (which read their parameters from the request themselves),
 * come from a fragment kept beside it ({@code openapi/protocol-endpoints.yaml}); each path gets the security its
 * filter chain applies ({@link io.tokenledger.app.security.SecurityConfig}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
public class OpenApiDocument {

    static final String OAUTH2 = "oauth2";
    static final String REGISTRATION_TOKEN = "registrationAccessToken";
    private static final String FRAGMENT = "openapi/protocol-endpoints.yaml";

    @Bean
    public OpenAPI ledgerOpenApi(ObjectProvider<BuildProperties> build) {
        String version = build.getIfAvailable() == null ? "dev" : build.getIfAvailable().getVersion();
        return new OpenAPI()
                .info(new Info().title("Token Ledger").version(version)
                                .description("An OAuth2 authorization server whose every state change is an event "
                                             + "in an append-only ledger. docs/api.md describes each endpoint.")
                                .license(new License().name("Apache-2.0")))
                .components(new Components()
                        .addSecuritySchemes(OAUTH2, oauth2())
                        .addSecuritySchemes("clientBasic", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("basic").description("client_secret_basic (RFC 6749 §2.3.1)"))
                        .addSecuritySchemes(REGISTRATION_TOKEN, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").description("registration access token (RFC 7592 §3)")));
    }

    @Bean
    public OpenApiCustomizer protocolEndpointsAndSecurity() {
        OpenAPI fragment = fragment();
        return openApi -> {
            fragment.getPaths().forEach(openApi.getPaths()::addPathItem);
            Components components = openApi.getComponents();
            fragment.getComponents().getSchemas().forEach(components::addSchemas);
            fragment.getComponents().getResponses().forEach(components::addResponses);
            fragment.getComponents().getParameters().forEach(components::addParameters);
            fragment.getComponents().getRequestBodies().forEach(components::addRequestBodies);
            openApi.getPaths().forEach(OpenApiDocument::secure);
        };
    }

    /** What a path's filter chain asks for; the protocol endpoints' fragment says its own. */
    private static void secure(String path, PathItem item) {
        List<SecurityRequirement> security = requirements(path);
        if (security != null) {
            item.readOperations().forEach(operation -> operation.setSecurity(security));
        }
    }

    private static List<SecurityRequirement> requirements(String path) {
        if (path.equals("/ledger/anchor-key")) {
            return List.of();
        }
        if (path.startsWith("/ledger/")) {
            return List.of(scope(LedgerScopes.AUDIT));
        }
        if (path.startsWith("/admin/") || path.equals("/oauth2/register")) {
            return List.of(scope(LedgerScopes.ADMIN));
        }
        if (path.equals("/oauth2/register/{clientId}")) {
            return List.of(scope(LedgerScopes.ADMIN), new SecurityRequirement().addList(REGISTRATION_TOKEN));
        }
        if (path.startsWith("/oauth2/register/")) {
            return List.of(scope(LedgerScopes.ADMIN));
        }
        if (path.equals("/oauth2/userinfo")) {
            return List.of(scope("openid"));
        }
        return null;
    }

    private static SecurityRequirement scope(String scope) {
        return new SecurityRequirement().addList(OAUTH2, scope);
    }

    private static SecurityScheme oauth2() {
        Scopes scopes = new Scopes();
        Map.of(LedgerScopes.ADMIN, "manage clients, users, keys, projections; revoke",
                LedgerScopes.AUDIT, "read the ledger: histories, audit log, verification",
                LedgerScopes.INTROSPECT, "introspect other clients' tokens",
                "openid", "OpenID Connect sign-in").forEach(scopes::addString);
        return new SecurityScheme().type(SecurityScheme.Type.OAUTH2).flows(new OAuthFlows()
                .clientCredentials(new OAuthFlow().tokenUrl("/oauth2/token").scopes(scopes))
                .authorizationCode(new OAuthFlow().authorizationUrl("/oauth2/authorize").tokenUrl("/oauth2/token")
                                                  .refreshUrl("/oauth2/token").scopes(scopes)));
    }

    private static OpenAPI fragment() {
        try (InputStream in = new ClassPathResource(FRAGMENT).getInputStream()) {
            return Yaml31.mapper().readValue(in, OpenAPI.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FRAGMENT, e);
        }
    }
}
