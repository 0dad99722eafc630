package io.tokenledger.app.token;

import java.time.Duration;
import java.util.List;

/** A token just issued: the only moment its value exists outside the client. */
public record IssuedToken(String tokenId, String accessToken, Duration lifetime, List<String> scopes) {
}
