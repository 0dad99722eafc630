package io.tokenledger.app.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Tells the sign-in form's submission from an authorization request sent by POST (OpenID Connect Core §3.1.2.1): only
 * the form carries credentials. The form is guarded against cross-site forgery; the request is not, as the same
 * request by GET is not: it changes nothing, and the session cookie (SameSite=Lax) does not come with a cross-site
 * POST, so such a request shows the form however signed in the browser is.
 */
public final class SignInForm {

    private SignInForm() {
    }

    public static boolean submitted(HttpServletRequest request) {
        return request.getParameter("username") != null || request.getParameter("password") != null;
    }

    /** The authorization requests sent by POST, which the CSRF guard lets through. */
    public static RequestMatcher authorizationRequestByPost() {
        return request -> "POST".equals(request.getMethod()) && "/oauth2/authorize".equals(request.getServletPath())
                          && !submitted(request);
    }
}
