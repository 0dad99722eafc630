package io.tokenledger.app.admin;

import io.tokenledger.app.client.ClientSummary;
import io.tokenledger.app.oauth2.OAuth2Exception;
import io.tokenledger.app.web.Page;
import io.tokenledger.query.client.ClientLookup;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * The registered clients, for administrators: a page at a time, found by the start of their id or name. Each one
 * is then read, changed and retired through RFC 7592's {@code /oauth2/register/{id}}.
 */
@RestController
public class ClientsEndpoint {

    static final int MAX_PAGE = 500;

    private final ClientLookup clients;

    public ClientsEndpoint(ClientLookup clients) {
        this.clients = clients;
    }

    @GetMapping("/admin/clients")
    public ResponseEntity<Page<ClientSummary>> list(@RequestParam(required = false) String q,
                                                    @RequestParam(required = false) String after,
                                                    @RequestParam(defaultValue = "50") int limit) {
        List<ClientSummary> page = clients.page(q, after, pageSize(limit)).stream()
                                          .map(client -> ClientSummary.of(client, null)).toList();
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                             .body(Page.of(page, limit, ClientSummary::clientId));
    }

    static int pageSize(int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw OAuth2Exception.invalidRequest("limit must be 1 to " + MAX_PAGE);
        }
        return limit;
    }
}
