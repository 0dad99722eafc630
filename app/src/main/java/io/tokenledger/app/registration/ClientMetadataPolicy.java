package io.tokenledger.app.registration;

import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.client.ClientMetadata;
import com.nimbusds.oauth2.sdk.client.RegistrationError;
import io.tokenledger.app.oauth2.OAuth2Exception;
import io.tokenledger.events.client.TokenExchangePolicy;
import io.tokenledger.query.client.ClientRegistration;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** What a client may register (RFC 7591 §2): only what this server supports, within the columns' sizes. */
final class ClientMetadataPolicy {

    static final Set<GrantType> GRANT_TYPES =
            Set.of(GrantType.CLIENT_CREDENTIALS, GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN,
                    GrantType.TOKEN_EXCHANGE, GrantType.DEVICE_CODE);
    static final Set<ClientAuthenticationMethod> AUTH_METHODS = Set.of(ClientAuthenticationMethod.CLIENT_SECRET_BASIC,
            ClientAuthenticationMethod.CLIENT_SECRET_POST, ClientAuthenticationMethod.NONE,
            ClientAuthenticationMethod.PRIVATE_KEY_JWT);
    /** RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ). */
    private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");
    private static final int MAX_NAME = 255;
    private static final int MAX_SCOPE = 1000;
    private static final int MAX_URI = 1000;
    private static final int MAX_PORT = 65_535;
    static final String POST_LOGOUT_REDIRECT_URIS = "post_logout_redirect_uris";
    static final String FIRST_PARTY = "first_party";
    static final String ACCESS_TOKEN_FORMAT = "access_token_format";
    static final String BACKCHANNEL_LOGOUT_URI = "backchannel_logout_uri";
    static final String BACKCHANNEL_LOGOUT_SESSION_REQUIRED = "backchannel_logout_session_required";
    private static final String OPAQUE = "opaque";
    private static final String JWT = "jwt";
    private static final int MAX_POST_LOGOUT_URIS = 20;
    private static final Pattern URI_TEXT = Pattern.compile("[A-Za-z0-9\\-._~:/?#\\[\\]@!$&'()*+,;=%]*");

    private ClientMetadataPolicy() {
    }

    static ValidMetadata validate(ClientMetadata metadata, String clientId) {
        List<String> grants = grantTypes(metadata);
        checkResponseTypes(metadata, grants);
        String method = authMethod(metadata);
        List<String> scopes = scopes(metadata);
        List<String> redirectUris = redirectUris(metadata);
        checkCombination(grants, method, redirectUris);
        String name = metadata.getName() == null || metadata.getName().isBlank() ? clientId : metadata.getName();
        if (name.length() > MAX_NAME) {
            throw invalid("client_name is longer than " + MAX_NAME + " characters");
        }
        ClientKeysPolicy.Keys keys = ClientKeysPolicy.keys(metadata, method);
        return new ValidMetadata(name, redirectUris, grants, scopes, method, postLogoutRedirectUris(metadata),
                Boolean.TRUE.equals(firstParty(metadata)), accessTokenFormat(metadata),
                backchannelLogoutUri(metadata), keys.jwksUri(), keys.jwks(),
                metadata.requiresPushedAuthorizationRequests(), metadata.getDPoPBoundAccessTokens(),
                TokenExchangeMetadata.policy(metadata, grants));
    }

    /**
     * Back-Channel Logout 1.0 §2.2: under the rules of redirect URIs (absolute, no fragment, https but on a loopback
     * IP). The logout token always carries {@code sid}, so {@code backchannel_logout_session_required} is accepted
     * as a boolean and answered true.
     */
    private static String backchannelLogoutUri(ClientMetadata metadata) {
        booleanField(metadata, BACKCHANNEL_LOGOUT_SESSION_REQUIRED);
        Object field = metadata.getCustomField(BACKCHANNEL_LOGOUT_URI);
        if (field == null) {
            return null;
        }
        if (!(field instanceof String uri && acceptableRedirect(uri))) {
            throw invalid(BACKCHANNEL_LOGOUT_URI
                    + " must be an absolute https URI (http only for loopback) without a fragment");
        }
        return uri;
    }

    /** {@code opaque} (the default) or {@code jwt} for RFC 9068 access tokens. */
    private static String accessTokenFormat(ClientMetadata metadata) {
        Object field = metadata.getCustomField(ACCESS_TOKEN_FORMAT);
        if (field == null) {
            return OPAQUE;
        }
        if (!(OPAQUE.equals(field) || JWT.equals(field))) {
            throw invalid(ACCESS_TOKEN_FORMAT + " must be " + OPAQUE + " or " + JWT);
        }
        return (String) field;
    }

    /**
     * Whether the client is the operator's own, whose users are not asked to consent: true or false when stated,
     * null when not. Only an administrator may state it (RFC 7591 lets a server fix such values).
     */
    static Boolean firstParty(ClientMetadata metadata) {
        return booleanField(metadata, FIRST_PARTY);
    }

    /** A custom field that must be true or false when present; null when absent. */
    private static Boolean booleanField(ClientMetadata metadata, String name) {
        Object field = metadata.getCustomField(name);
        if (field != null && !(field instanceof Boolean)) {
            throw invalid(name + " must be true or false");
        }
        return (Boolean) field;
    }

    /** RFC 7591 §2: grant_types defaults to authorization_code. */
    private static List<String> grantTypes(ClientMetadata metadata) {
        Set<GrantType> grants = metadata.getGrantTypes() == null
                ? Set.of(GrantType.AUTHORIZATION_CODE) : metadata.getGrantTypes();
        if (grants.isEmpty() || !GRANT_TYPES.containsAll(grants)) {
            throw invalid("supported grant_types: authorization_code, refresh_token, client_credentials, "
                          + GrantType.TOKEN_EXCHANGE.getValue() + ", " + GrantType.DEVICE_CODE.getValue());
        }
        return grants.stream().map(GrantType::getValue).sorted().toList();
    }

    /** RFC 7591 §2.1: response types must agree with grant types; {@code code} is the only one offered. */
    private static void checkResponseTypes(ClientMetadata metadata, List<String> grants) {
        Set<ResponseType> responseTypes = metadata.getResponseTypes();
        if (responseTypes == null || responseTypes.isEmpty()) {
            return;
        }
        if (!Set.of(ResponseType.CODE).equals(responseTypes)
                || !grants.contains(GrantType.AUTHORIZATION_CODE.getValue())) {
            throw invalid("response_types may only be code, together with the authorization_code grant");
        }
    }

    /** RFC 7591 §2: token_endpoint_auth_method defaults to client_secret_basic. */
    private static String authMethod(ClientMetadata metadata) {
        ClientAuthenticationMethod method = metadata.getTokenEndpointAuthMethod() == null
                ? ClientAuthenticationMethod.CLIENT_SECRET_BASIC : metadata.getTokenEndpointAuthMethod();
        if (!AUTH_METHODS.contains(method)) {
            throw invalid("supported token_endpoint_auth_method: client_secret_basic, client_secret_post, "
                          + "private_key_jwt, none");
        }
        return method.getValue();
    }

    /**
     * The code flow needs somewhere to send the user back; refresh tokens come only from it; and a public
     * client (RFC 6749 §2.1) proves nothing, so it may only use the PKCE-guarded code flow.
     */
    private static void checkCombination(List<String> grants, String method, List<String> redirectUris) {
        boolean code = grants.contains(GrantType.AUTHORIZATION_CODE.getValue());
        if (code && redirectUris.isEmpty()) {
            throw new OAuth2Exception(RegistrationError.INVALID_REDIRECT_URI
                    .setDescription("authorization_code needs at least one redirect_uri"));
        }
        if (grants.contains(GrantType.REFRESH_TOKEN.getValue()) && !code
            && !grants.contains(GrantType.DEVICE_CODE.getValue())) {
            throw invalid("refresh_token is issued only with authorization_code or the device code grant");
        }
        if ("none".equals(method) && (grants.contains(GrantType.CLIENT_CREDENTIALS.getValue())
                                      || grants.contains(GrantType.TOKEN_EXCHANGE.getValue()))) {
            throw invalid("a public client (token_endpoint_auth_method none) cannot use client_credentials or "
                          + "token exchange");
        }
    }

    private static List<String> scopes(ClientMetadata metadata) {
        if (metadata.getScope() == null) {
            return List.of();
        }
        List<String> scopes = metadata.getScope().toStringList().stream().distinct().sorted().toList();
        if (!scopes.stream().allMatch(s -> SCOPE_TOKEN.matcher(s).matches())
                || String.join(" ", scopes).length() > MAX_SCOPE) {
            throw invalid("scope must be space-separated RFC 6749 scope tokens, at most " + MAX_SCOPE + " characters");
        }
        return scopes;
    }

    /**
     * Absolute, no fragment (RFC 6749 §3.1.2), https unless on a loopback IP (RFC 9700 §2.6; not {@code localhost},
     * which a resolver may send elsewhere: RFC 8252 §8.3), with a host, a valid port and no user information.
     */
    private static List<String> redirectUris(ClientMetadata metadata) {
        if (metadata.getRedirectionURIs() == null) {
            return List.of();
        }
        if (!metadata.getRedirectionURIs().stream().allMatch(ClientMetadataPolicy::acceptableRedirect)) {
            throw invalidRedirectUri();
        }
        return metadata.getRedirectionURIs().stream().map(URI::toString).sorted().toList();
    }

    private static boolean acceptableRedirect(URI uri) {
        boolean https = "https".equals(uri.getScheme());
        boolean loopback = "http".equals(uri.getScheme()) && Set.of("127.0.0.1", "[::1]").contains(uri.getHost());
        return uri.isAbsolute() && uri.getFragment() == null && (https || loopback)
                && uri.toString().length() <= MAX_URI && plainAuthority(uri);
    }

    /** The same rules for a URI that came as text, which must be one first (RFC 3986). */
    static boolean acceptableRedirect(String text) {
        if (!URI_TEXT.matcher(text).matches()) {
            return false;
        }
        try {
            return acceptableRedirect(new URI(text));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** A host (a wildcard is none), a port a socket can have, and no user information (RFC 9700 §4.1.1). */
    private static boolean plainAuthority(URI uri) {
        return uri.getHost() != null && uri.getUserInfo() == null && uri.getPort() <= MAX_PORT;
    }

    /**
     * Looks at the redirect URIs as sent, before Nimbus parses them: a URI (RFC 3986) is ASCII without spaces, quotes,
     * backslashes or the other characters it excludes; Nimbus would refuse such a value with an error it cannot build.
     */
    static void checkRedirectUriText(Map<String, Object> body) {
        if (body.get("redirect_uris") instanceof List<?> uris
            && uris.stream().anyMatch(uri -> uri instanceof String text && !URI_TEXT.matcher(text).matches())) {
            throw invalidRedirectUri();
        }
    }

    private static OAuth2Exception invalidRedirectUri() {
        return new OAuth2Exception(RegistrationError.INVALID_REDIRECT_URI.setDescription(
                "redirect_uris must be absolute https URIs (http only for loopback) without a fragment"));
    }

    static OAuth2Exception invalid(String description) {
        ErrorObject error = RegistrationError.INVALID_CLIENT_METADATA.setDescription(description);
        return new OAuth2Exception(error);
    }

    /**
     * OpenID Connect RP-Initiated Logout §3.1: absolute URIs as redirect URIs must be, matched exactly at logout.
     * Nimbus's OAuth 2.0 metadata keeps the field as a custom one.
     */
    private static List<String> postLogoutRedirectUris(ClientMetadata metadata) {
        Object field = metadata.getCustomField(POST_LOGOUT_REDIRECT_URIS);
        if (field == null) {
            return List.of();
        }
        if (!(field instanceof List<?> values) || values.size() > MAX_POST_LOGOUT_URIS
                || !values.stream().allMatch(value -> value instanceof String uri && acceptableRedirect(uri))) {
            throw invalid(POST_LOGOUT_REDIRECT_URIS + " must be a list of at most " + MAX_POST_LOGOUT_URIS
                    + " absolute https URIs (http only for loopback) without a fragment");
        }
        return values.stream().map(String.class::cast).distinct().sorted().toList();
    }

    record ValidMetadata(String name, List<String> redirectUris, List<String> grantTypes, List<String> scopes,
                         String tokenEndpointAuthMethod, List<String> postLogoutRedirectUris, boolean firstParty,
                         String accessTokenFormat, String backchannelLogoutUri, String jwksUri, String jwks,
                         boolean requirePushedAuthorizationRequests, boolean dpopBoundAccessTokens,
                         TokenExchangePolicy tokenExchange) {

        boolean holdsSecret() {
            return ClientRegistration.holdsSecret(tokenEndpointAuthMethod);
        }

        /** Whether a client registered with {@code other} may change to this: only within its kind of credential. */
        boolean sameCredentialAs(ClientRegistration other) {
            return other.tokenEndpointAuthMethod().equals(tokenEndpointAuthMethod)
                   || other.holdsSecret() && holdsSecret();
        }

        static ValidMetadata of(ClientRegistration client) {
            return new ValidMetadata(client.clientName(), client.redirectUris(), client.grantTypes(), client.scopes(),
                    client.tokenEndpointAuthMethod(), client.postLogoutRedirectUris(), client.firstParty(),
                    client.accessTokenFormat(), client.backchannelLogoutUri(), client.jwksUri(), client.jwks(),
                    client.requirePushedAuthorizationRequests(), client.dpopBoundAccessTokens(),
                    client.tokenExchange());
        }

        ValidMetadata withScopes(List<String> scopes) {
            return new ValidMetadata(name, redirectUris, grantTypes, scopes, tokenEndpointAuthMethod,
                    postLogoutRedirectUris, firstParty, accessTokenFormat, backchannelLogoutUri, jwksUri, jwks,
                    requirePushedAuthorizationRequests, dpopBoundAccessTokens, tokenExchange);
        }

        /** The same registration sending its users back to these URIs, after sign-in and after logout alike. */
        ValidMetadata withReturnTo(List<String> uris) {
            return new ValidMetadata(name, uris, grantTypes, scopes, tokenEndpointAuthMethod, uris, firstParty,
                    accessTokenFormat, backchannelLogoutUri, jwksUri, jwks, requirePushedAuthorizationRequests,
                    dpopBoundAccessTokens, tokenExchange);
        }

        ValidMetadata withFirstParty(boolean firstParty) {
            return new ValidMetadata(name, redirectUris, grantTypes, scopes, tokenEndpointAuthMethod,
                    postLogoutRedirectUris, firstParty, accessTokenFormat, backchannelLogoutUri, jwksUri, jwks,
                    requirePushedAuthorizationRequests, dpopBoundAccessTokens, tokenExchange);
        }

        /** The RFC 7591 §2 representation, response_types included for code-flow clients. */
        ClientMetadata toClientMetadata() {
            ClientMetadata metadata = new ClientMetadata();
            metadata.setName(name);
            metadata.setRedirectionURIs(redirectUris.stream().map(URI::create).collect(Collectors.toSet()));
            metadata.setGrantTypes(grantTypes.stream().map(GrantType::new).collect(Collectors.toSet()));
            metadata.setScope(Scope.parse(scopes));
            metadata.setTokenEndpointAuthMethod(ClientAuthenticationMethod.parse(tokenEndpointAuthMethod));
            if (grantTypes.contains(GrantType.AUTHORIZATION_CODE.getValue())) {
                metadata.setResponseTypes(Set.of(ResponseType.CODE));
            }
            if (!postLogoutRedirectUris.isEmpty()) {
                metadata.setCustomField(POST_LOGOUT_REDIRECT_URIS, postLogoutRedirectUris);
            }
            metadata.setCustomField(FIRST_PARTY, firstParty);
            metadata.setCustomField(ACCESS_TOKEN_FORMAT, accessTokenFormat);
            if (backchannelLogoutUri != null) {
                metadata.setCustomField(BACKCHANNEL_LOGOUT_URI, backchannelLogoutUri);
                metadata.setCustomField(BACKCHANNEL_LOGOUT_SESSION_REQUIRED, true);
            }
            ClientKeysPolicy.describe(jwksUri, jwks, metadata);
            metadata.requiresPushedAuthorizationRequests(requirePushedAuthorizationRequests);
            metadata.setDPoPBoundAccessTokens(dpopBoundAccessTokens);
            TokenExchangeMetadata.describe(tokenExchange, metadata);
            return metadata;
        }
    }
}
