package io.tokenledger.app.oauth2;

import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.TokenRequest;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code resource} parameters of a request (RFC 8707 §2): each an absolute URI without a fragment, which becomes
 * the token's audience. A few short ones, in the characters RFC 3986 allows: an audience is stored and answered with
 * every introspection, so it is bounded like a scope.
 */
public final class ResourceIndicators {

    public static final String PARAMETER = "resource";
    private static final int MAX_COUNT = 10;
    private static final int MAX_LENGTH = 255;
    /** RFC 3986's characters, '#' included so that a fragment is refused as a fragment. */
    private static final Pattern URI_CHARACTERS = Pattern.compile("[A-Za-z0-9\\-._~:/?#\\[\\]@!$&'()*+,;=%]+");

    private ResourceIndicators() {
    }

    /** The resources of a token request, which Nimbus has parsed as absolute URIs without a fragment. */
    public static List<String> of(TokenRequest request) {
        List<URI> resources = request.getResources();
        return resources == null ? List.of() : of(resources.stream().map(URI::toString).toArray(String[]::new));
    }

    /** The distinct resources, sorted; empty when none was sent. 400 {@code invalid_target} for a bad one. */
    public static List<String> of(String[] values) {
        if (values == null) {
            return List.of();
        }
        if (values.length > MAX_COUNT) {
            throw invalid("at most " + MAX_COUNT + " resource parameters");
        }
        return Arrays.stream(values).map(ResourceIndicators::check).distinct().sorted().toList();
    }

    private static String check(String value) {
        if (value.length() > MAX_LENGTH || !URI_CHARACTERS.matcher(value).matches()) {
            throw invalid("a resource is a URI of at most " + MAX_LENGTH + " characters");
        }
        try {
            URI uri = new URI(value);
            if (!uri.isAbsolute() || uri.getRawFragment() != null) {
                throw invalid("a resource must be an absolute URI without a fragment (RFC 8707 section 2)");
            }
            return value;
        } catch (URISyntaxException e) {
            throw invalid("a resource must be an absolute URI without a fragment (RFC 8707 section 2)");
        }
    }

    public static OAuth2Exception invalid(String description) {
        return new OAuth2Exception(OAuth2Error.INVALID_TARGET.setDescription(description));
    }
}
