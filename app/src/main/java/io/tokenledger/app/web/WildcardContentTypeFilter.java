package io.tokenledger.app.web;

import com.nimbusds.oauth2.sdk.OAuth2Error;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * A body says what it is; "*&#47;*" says nothing. Spring MVC fails on such a Content-Type with an
 * IllegalArgumentException (a 500) when it reads a JSON body, so it is refused here with 415, like any other
 * content type an endpoint does not take.
 */
@Component
@Order(FilterOrder.WILDCARD_CONTENT_TYPE)
public class WildcardContentTypeFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isWildcard(request.getHeader(HttpHeaders.CONTENT_TYPE))) {
            ErrorResponses.write(response, ErrorResponses.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    OAuth2Error.INVALID_REQUEST.setDescription("a request body needs a concrete Content-Type")));
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean isWildcard(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return type.isWildcardType() || type.isWildcardSubtype();
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
