package io.tokenledger.app.oidc;

import com.nimbusds.oauth2.sdk.id.Subject;
import com.nimbusds.oauth2.sdk.token.BearerTokenError;
import com.nimbusds.openid.connect.sdk.claims.UserInfo;
import io.tokenledger.query.Rows;
import io.tokenledger.query.user.UserAccount;
import io.tokenledger.query.user.UserLookup;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * OpenID Connect Core §5.3: the claims about the user an access token with {@code openid} was issued for, as its
 * scopes allow (§5.4): {@code profile} the name, username and {@code updated_at}, {@code email} the address and
 * whether it was verified. The bearer token is checked by the security chain (RFC 6750), which answers 401 for a
 * token that is not active and 403 {@code insufficient_scope} for one without {@code openid}.
 */
@RestController
public class UserInfoEndpoint {

    private final UserLookup users;

    public UserInfoEndpoint(UserLookup users) {
        this.users = users;
    }

    @RequestMapping(value = "/oauth2/userinfo", method = {RequestMethod.GET, RequestMethod.POST})
    public ResponseEntity<String> userInfo(@AuthenticationPrincipal OAuth2AuthenticatedPrincipal token) {
        Optional<UserAccount> user = Optional.ofNullable(token.<String>getAttribute("sub"))
                                             .flatMap(users::byUserId)
                                             .filter(account -> !account.disabled());
        if (user.isEmpty()) {
            // A client_credentials token has no user; a disabled user's tokens are revoked, or about to be.
            BearerTokenError error = BearerTokenError.INVALID_TOKEN.setDescription(
                    "the token speaks for no user who can sign in");
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                                 .header(HttpHeaders.WWW_AUTHENTICATE, error.toWWWAuthenticateHeader())
                                 .cacheControl(CacheControl.noStore()).build();
        }
        UserInfo claims = claims(user.get(), Rows.scopes(token.getAttribute("scope")));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).cacheControl(CacheControl.noStore())
                             .body(claims.toJSONObject().toJSONString());
    }

    private static UserInfo claims(UserAccount user, List<String> scopes) {
        UserInfo info = new UserInfo(new Subject(user.userId()));
        if (scopes.contains("profile")) {
            info.setName(user.name());
            info.setPreferredUsername(user.username());
            info.setUpdatedTime(Date.from(user.updatedAt()));
        }
        if (scopes.contains("email")) {
            info.setEmailAddress(user.email());
            info.setEmailVerified(user.emailVerified());
        }
        return info;
    }
}
