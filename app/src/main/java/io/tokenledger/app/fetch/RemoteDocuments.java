package io.tokenledger.app.fetch;

import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches a document from a URL a client gave us, as a server must that does not want to be an open proxy into its
 * own network (RFC 7591 §5, OWASP ASVS V12.6.1 on server-side request forgery): https only (http for a loopback
 * address), no address but public ones unless allow-listed, no redirects, the whole exchange within the timeout, and
 * the body cut off past the size limit.
 *
 * <p>The addresses are checked once resolved and the connection resolves the name again, so a resolver that answers
 * differently within that moment could still steer it (DNS rebinding); docs/operations.md says to put the nodes behind
 * an egress firewall where that matters.
 */
@Component
public class RemoteDocuments {

    /**
     * Not the public internet: RFC 6890's special-purpose blocks that can reach a network's insides, and the IPv6
     * forms that carry an IPv4 address (NAT64, Teredo, 6to4), whatever that address is. An IPv4-mapped address
     * ({@code ::ffff:a.b.c.d}) needs no entry: Java reads it as the IPv4 address it maps, matched as such.
     */
    private static final List<IpAddressMatcher> NOT_PUBLIC = List.of("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10",
                    "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.168.0.0/16",
                    "198.18.0.0/15", "224.0.0.0/3", "::/127", "64:ff9b::/96", "64:ff9b:1::/48",
                    "2001::/32", "2002::/16", "fc00::/7", "fe80::/10", "ff00::/8")
            .stream().map(IpAddressMatcher::new).toList();
    private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "[::1]");

    private final FetchProperties settings;
    private final List<IpAddressMatcher> allowed;
    private final HttpClient http;

    public RemoteDocuments(FetchProperties settings) {
        this.settings = settings;
        this.allowed = settings.allowedAddresses().stream().map(RemoteDocuments::block).toList();
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout())
                              .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private static IpAddressMatcher block(String address) {
        try {
            return new IpAddressMatcher(address.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ledger.fetch.allowed-addresses: '" + address
                                               + "' is not an IP address or CIDR block", e);
        }
    }

    /** The body of a 200 answer to a GET of {@code uri}, asking for {@code mediaType}. */
    public byte[] fetch(URI uri, String mediaType) throws FetchRefused {
        checkScheme(uri);
        checkAddresses(uri.getHost());
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(settings.timeout()).header("Accept", mediaType)
                                         .GET().build();
        CompletableFuture<HttpResponse<byte[]>> exchange = http.sendAsync(request, response ->
                response.statusCode() == 200 ? new CappedBody(settings.maxBytes())
                        : HttpResponse.BodySubscribers.replacing(null));
        HttpResponse<byte[]> response = await(exchange);
        int status = response.statusCode();
        if (status >= 300 && status < 400) {
            throw new FetchRefused("redirect", "the document's URL redirects (status " + status
                                               + "); redirects are not followed");
        }
        if (status != 200) {
            throw new FetchRefused("status", "the document's URL answered " + status);
        }
        return response.body();
    }

    private HttpResponse<byte[]> await(CompletableFuture<HttpResponse<byte[]>> exchange) throws FetchRefused {
        try {
            return exchange.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new FetchRefused("timeout", "the document did not arrive within " + settings.timeout());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof FetchRefused refused) {
                throw refused;
            }
            // The request's own timeout and the wait above are the same length; whichever fires first, it is a timeout.
            if (e.getCause() instanceof HttpTimeoutException) {
                throw new FetchRefused("timeout", "the document did not arrive within " + settings.timeout());
            }
            throw new FetchRefused("unreachable", "the document could not be fetched: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchRefused("unreachable", "interrupted while fetching the document");
        }
    }

    private static void checkScheme(URI uri) throws FetchRefused {
        boolean https = "https".equals(uri.getScheme());
        boolean loopback = "http".equals(uri.getScheme()) && LOOPBACK_HOSTS.contains(uri.getHost());
        if (!(https || loopback) || uri.getHost() == null) {
            throw new FetchRefused("not_https", "the document's URL must be https");
        }
    }

    /** Every address the name resolves to must be public or allow-listed, or one of them could be the one used. */
    private void checkAddresses(String host) throws FetchRefused {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new FetchRefused("unreachable", "the document's host does not resolve");
        }
        for (InetAddress address : addresses) {
            String ip = address.getHostAddress();
            if (NOT_PUBLIC.stream().anyMatch(block -> block.matches(ip))
                && allowed.stream().noneMatch(block -> block.matches(ip))) {
                throw new FetchRefused("private_address", "the document's host is not on a public address");
            }
        }
    }
}
