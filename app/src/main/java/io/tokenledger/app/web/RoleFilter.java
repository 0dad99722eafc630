package io.tokenledger.app.web;

import com.nimbusds.oauth2.sdk.OAuth2Error;
import io.tokenledger.app.config.LedgerProperties;
import io.tokenledger.app.config.Role;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

/** Refuses, with a clear 404, the paths that belong to the other role, so a misrouted request is obvious. */
@Component
@Order(FilterOrder.ROLE)
public class RoleFilter extends OncePerRequestFilter {

    private static final List<String> COMMAND_PATHS = List.of("/oauth2/token", "/oauth2/revoke", "/oauth2/par", "/oauth2/authorize",
            "/oauth2/device_authorization", "/oauth2/device", "/oauth2/device/decision",
            "/oauth2/authorize/consent", "/oauth2/logout", "/oauth2/logout/**",
            "/oauth2/register", "/oauth2/register/**", "/admin/**");
    private static final List<String> QUERY_PATHS = List.of("/oauth2/introspect", "/oauth2/userinfo", "/ledger/**");

    private final Role role;
    private final AntPathMatcher paths = new AntPathMatcher();

    public RoleFilter(LedgerProperties ledger) {
        this.role = ledger.role();
    }

    /** A node of both roles refuses nothing, so its requests are not matched against every path pattern. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return role == Role.ALL;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        boolean commandPath = COMMAND_PATHS.stream().anyMatch(p -> paths.match(p, path));
        boolean queryPath = QUERY_PATHS.stream().anyMatch(p -> paths.match(p, path));
        if ((commandPath && !role.handlesCommands()) || (queryPath && !role.runsStreamingProjections())) {
            String other = commandPath ? "command" : "query";
            ErrorResponses.write(response, ErrorResponses.of(HttpStatus.NOT_FOUND, OAuth2Error.INVALID_REQUEST
                    .setDescription("this node serves the " + role.name().toLowerCase(Locale.ROOT)
                                    + " role; send this request to a " + other + " node")));
            return;
        }
        chain.doFilter(request, response);
    }
}
