package io.tokenledger.app.oauth2;


import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.JakartaServletUtils;
import io.tokenledger.app.config.LedgerProperties;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.catalina.Globals;
import org.apache.tomcat.util.http.Parameters;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.Map;

/** Turns a servlet request into a Nimbus request after the checks every OAuth2 endpoint shares. */
@Component
public class OAuth2Requests {

    private final long maxBody;

    public OAuth2Requests(LedgerProperties ledger) {
        this.maxBody = ledger.maxRequestBody().toBytes();
    }

    /**
     * A form POST whose parameters are each sent once (RFC 6749 §3.2; {@code resource} may repeat, RFC 8707 §2) and
     * only in the body, so that no credential travels in a URL (RFC 6749 §2.3.1).
     */
    public HTTPRequest form(HttpServletRequest request) {
        if (request.getQueryString() != null) {
            throw OAuth2Exception.invalidRequest("parameters must be sent in the form-encoded request body");
        }
        for (Map.Entry<String, String[]> parameter : parameters(request).entrySet()) {
            if (parameter.getValue().length > 1 && !ResourceIndicators.PARAMETER.equals(parameter.getKey())) {
                throw OAuth2Exception.invalidRequest("parameter included more than once: " + safe(parameter.getKey()));
            }
        }
        return http(request);
    }

    /**
     * The request's parameters; 413 when Tomcat stopped reading a form body at its size limit, which a body sent
     * chunked reaches with no Content-Length to refuse it by first (Tomcat then leaves the parameters out).
     */
    private Map<String, String[]> parameters(HttpServletRequest request) {
        Map<String, String[]> parameters = request.getParameterMap();
        if (Parameters.FailReason.POST_TOO_LARGE == request.getAttribute(Globals.PARAMETER_PARSE_FAILED_REASON_ATTR)) {
            throw new BodyTooLarge(maxBody).refusal();
        }
        return parameters;
    }

    /** Any request, its body read up to the configured limit. */
    public HTTPRequest http(HttpServletRequest request) {
        try {
            return JakartaServletUtils.createHTTPRequest(request, maxBody);
        } catch (BodyTooLarge e) {
            throw e.refusal();
        } catch (IOException | IllegalArgumentException e) {
            throw OAuth2Exception.invalidRequest("unreadable request");
        }
    }

    /**
     * Runs a Nimbus parser, turning its refusal into the RFC error it names. Nimbus throws IllegalArgumentException
     * where its refusal would quote the request in a description RFC 6749 §5.2 does not allow: that is a malformed
     * request too.
     */
    public static <T> T parse(NimbusParser<T> parser) {
        try {
            return parser.parse();
        } catch (ParseException e) {
            if (e.getErrorObject() != null && e.getErrorObject().getCode() != null) {
                throw new OAuth2Exception(e.getErrorObject());
            }
            throw OAuth2Exception.invalidRequest("malformed request");
        } catch (IllegalArgumentException e) {
            throw OAuth2Exception.invalidRequest("malformed request");
        }
    }

    /** Parameter names are echoed only as far as they are plain tokens. */
    private static String safe(String name) {
        return name.matches("[A-Za-z0-9_.-]{1,64}") ? name : "(unprintable)";
    }

    @FunctionalInterface
    public interface NimbusParser<T> {
        T parse() throws ParseException;
    }
}
