package io.tokenledger.app.web;

import io.tokenledger.app.oauth2.DPoPNonces;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsProcessor;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * CORS for what a browser application needs to call: the token, revocation, UserInfo, JWKS and metadata endpoints,
 * from the origins {@link AllowedOrigins} lets in. Never for the sign-in form, registration or the admin and
 * ledger APIs. No credentials (cookies) are allowed: these endpoints take tokens in the body or a header. A
 * preflight is answered here; one from an origin not let in is 403, as Spring's {@link DefaultCorsProcessor} does.
 */
@Component
@Order(FilterOrder.CORS)
public class CorsFilter extends OncePerRequestFilter {

    private static final Set<String> PATHS = Set.of("/oauth2/token", "/oauth2/revoke", "/oauth2/userinfo",
            "/oauth2/jwks", "/.well-known/openid-configuration", "/.well-known/oauth-authorization-server");
    private static final long PREFLIGHT_CACHE_SECONDS = 600;

    private final AllowedOrigins origins;
    private final CorsProcessor processor = new DefaultCorsProcessor();

    public CorsFilter(AllowedOrigins origins) {
        this.origins = origins;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !PATHS.contains(request.getRequestURI()) || !CorsUtils.isCorsRequest(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean allowed = processor.processRequest(configuration(request.getHeader(HttpHeaders.ORIGIN)), request,
                response);
        if (allowed && !CorsUtils.isPreFlightRequest(request)) {
            chain.doFilter(request, response);
        }
    }

    private CorsConfiguration configuration(String origin) {
        CorsConfiguration configuration = new CorsConfiguration();
        if (origins.allows(origin)) {
            configuration.addAllowedOrigin(origin);
        }
        configuration.setAllowedMethods(List.of("GET", "POST"));
        // DPoP (RFC 9449): a browser client sends its proof, and must read the nonce it may be given.
        configuration.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, "DPoP"));
        configuration.setExposedHeaders(List.of(HttpHeaders.WWW_AUTHENTICATE, DPoPNonces.HEADER));
        configuration.setMaxAge(PREFLIGHT_CACHE_SECONDS);
        return configuration;
    }
}
