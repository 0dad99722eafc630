package io.tokenledger.app.web;

import com.nimbusds.oauth2.sdk.OAuth2Error;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Serves the client-authenticated protocol endpoints (token, introspection, revocation) ahead of Spring Security's
 * filter chain and Spring MVC, as Spring Authorization Server does: these endpoints authenticate their clients
 * themselves, so the chain had nothing to do for them but its firewall and headers, which this filter applies itself.
 * Skipping the chain and MVC's dispatch took a sixth of the JVM's time per introspection (docs/performance.md).
 * It runs after the request id, size limit, role, database and content-type filters and inside the HTTP metrics.
 */
@Component
@Order(FilterOrder.PROTOCOL_ENDPOINTS)
public class ProtocolEndpointFilter extends OncePerRequestFilter {

    /** What Spring Security's header writers add to every response, where the endpoint did not set its own. */
    private static final Map<String, String> SECURITY_HEADERS = Map.of(
            HttpHeaders.CACHE_CONTROL, "no-store",
            HttpHeaders.PRAGMA, "no-cache",
            "X-Content-Type-Options", "nosniff",
            "X-XSS-Protection", "0",
            "X-Frame-Options", "DENY");

    private final Map<String, ProtocolEndpoint> endpoints;
    private final HttpFirewall firewall = new StrictHttpFirewall();

    public ProtocolEndpointFilter(List<ProtocolEndpoint> endpoints) {
        this.endpoints = endpoints.stream().collect(Collectors.toMap(ProtocolEndpoint::path, Function.identity()));
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !endpoints.containsKey(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        ServerHttpObservationFilter.findObservationContext(request).ifPresent(context -> context.setPathPattern(path));
        write(response, answer(endpoints.get(path), request));
    }

    private ResponseEntity<?> answer(ProtocolEndpoint endpoint, HttpServletRequest request) {
        if (!HttpMethod.POST.matches(request.getMethod())) {
            return methodNotAllowed();
        }
        try {
            return endpoint.handle(firewall.getFirewalledRequest(request));
        } catch (RuntimeException e) {
            return ErrorResponses.failed(e);
        }
    }

    /** Spring MVC's 405 for another method, with its Allow header, in the shape of every refusal. */
    private ResponseEntity<?> methodNotAllowed() {
        HttpHeaders allow = new HttpHeaders();
        allow.set(HttpHeaders.ALLOW, HttpMethod.POST.name());
        return ErrorResponses.of(HttpStatus.METHOD_NOT_ALLOWED,
                OAuth2Error.INVALID_REQUEST.setDescription("method not allowed"), allow);
    }

    private static void write(HttpServletResponse response, ResponseEntity<?> answer) throws IOException {
        response.setStatus(answer.getStatusCode().value());
        answer.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        SECURITY_HEADERS.forEach((name, value) -> {
            if (!response.containsHeader(name)) {
                response.setHeader(name, value);
            }
        });
        if (answer.getBody() != null) {
            byte[] body = answer.getBody().toString().getBytes(StandardCharsets.UTF_8);
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }
    }
}
