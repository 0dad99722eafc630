package io.tokenledger.app.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpMethod;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * RFC 6750 §2.1's Authorization header everywhere; at UserInfo also §2.2's form body ({@code access_token}), which
 * OpenID Connect Core §5.3.1 lets a client use with POST. Spring's own resolver takes the body only when its content
 * type carries no charset, which Nimbus's, and many clients', does.
 */
final class BearerTokens implements BearerTokenResolver {

    private static final String USERINFO = "/oauth2/userinfo";

    private final DefaultBearerTokenResolver header = new DefaultBearerTokenResolver();

    @Override
    public String resolve(HttpServletRequest request) {
        String token = header.resolve(request);
        if (token != null || !USERINFO.equals(request.getRequestURI()) || !formPost(request)) {
            return token;
        }
        String[] values = request.getParameterValues("access_token");
        if (values != null && values.length > 1) {
            throw new OAuth2AuthenticationException(BearerTokenErrors.invalidRequest(
                    "access_token was sent more than once"));
        }
        return values == null ? null : values[0];
    }

    /** A content type that does not parse is no form: the request then has no token, and is answered 401. */
    private static boolean formPost(HttpServletRequest request) {
        if (!HttpMethod.POST.matches(request.getMethod()) || request.getContentType() == null) {
            return false;
        }
        try {
            return MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(
                    MediaType.parseMediaType(request.getContentType()));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
