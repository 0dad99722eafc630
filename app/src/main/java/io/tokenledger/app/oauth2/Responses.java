package io.tokenledger.app.oauth2;

import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import org.springframework.http.ResponseEntity;

/** Sends a Nimbus-built response: its status, headers (Cache-Control: no-store, …) and body. */
public final class Responses {

    private Responses() {
    }

    public static ResponseEntity<String> of(HTTPResponse response) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(response.getStatusCode());
        response.getHeaderMap().forEach((name, values) -> builder.header(name, values.toArray(String[]::new)));
        return builder.body(response.getBody());
    }
}
