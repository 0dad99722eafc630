package io.tokenledger.app.oauth2;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.RedirectView;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A 302 that sends the browser back to a client's registered URI with parameters, never cached: the authorization
 * response (RFC 6749 §4.1.2) and the return from logout. A query the client registered is kept; the parameters are
 * appended, form-encoded (RFC 6749 §3.1.2, Appendix B).
 */
public final class BrowserRedirect {

    private BrowserRedirect() {
    }

    public static ModelAndView to(URI registered, Map<String, String> parameters, HttpServletResponse response) {
        StringBuilder target = new StringBuilder(registered.toString())
                .append(registered.getRawQuery() == null ? '?' : '&');
        parameters.forEach((name, value) -> target.append(name).append('=')
                                                  .append(URLEncoder.encode(value, StandardCharsets.UTF_8))
                                                  .append('&'));
        target.setLength(target.length() - 1);
        RedirectView view = new RedirectView(target.toString());
        view.setExposeModelAttributes(false);
        view.setExpandUriTemplateVariables(false);
        view.setStatusCode(HttpStatus.FOUND);
        response.setHeader("Cache-Control", "no-store");
        return new ModelAndView(view);
    }
}
