package io.tokenledger.app.support;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A user's browser: keeps cookies, does not follow redirects (so a test can read where it would go), and fills
 * in the login form the way a person would, hidden fields and CSRF token included.
 */
public final class Browser {

    private final HttpClient http = HttpClient.newBuilder()
                                              .cookieHandler(new CookieManager())
                                              .followRedirects(HttpClient.Redirect.NEVER)
                                              .build();

    public HttpResponse<String> get(URI uri) {
        return send(HttpRequest.newBuilder(uri).GET().build());
    }

    /**
     * Submits the page's login form with these credentials, and allows what a third-party client asks for if the
     * consent page follows, as a user who means to sign in to it would.
     */
    public HttpResponse<String> signIn(HttpResponse<String> loginPage, String username, String password) {
        return allowIfAsked(submit(loginPage, Map.of("username", username, "password", password)));
    }

    /** The consent page's Allow, when the response is that page; any other response as it is. */
    public HttpResponse<String> allowIfAsked(HttpResponse<String> response) {
        return consentPage(response) ? decide(response, "allow") : response;
    }

    /** Answers the consent page: {@code allow} or {@code deny}. */
    public HttpResponse<String> decide(HttpResponse<String> consentPage, String decision) {
        if (!consentPage(consentPage)) {
            throw new AssertionError("not the consent page: " + consentPage.statusCode() + " " + consentPage.body());
        }
        return submit(consentPage, Map.of("decision", decision));
    }

    public static boolean consentPage(HttpResponse<String> response) {
        return response.statusCode() == 200
               && html(response).selectFirst("form[action$=/oauth2/authorize/consent]") != null;
    }

    /** Submits the page's form, overriding some of its fields. */
    public HttpResponse<String> submit(HttpResponse<String> page, Map<String, String> overrides) {
        Document document = Jsoup.parse(page.body(), page.uri().toString());
        Element form = document.selectFirst("form");
        if (form == null) {
            throw new AssertionError("no form on the page: " + page.body());
        }
        // A list, not a map: a field may repeat (resource, RFC 8707).
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        form.select("input[name]").stream().filter(input -> !overrides.containsKey(input.attr("name")))
            .forEach(input -> fields.add(Map.entry(input.attr("name"), input.val())));
        fields.addAll(overrides.entrySet());
        return post(URI.create(form.absUrl("action")), fields);
    }

    public HttpResponse<String> post(URI uri, Map<String, String> fields) {
        return post(uri, List.copyOf(fields.entrySet()));
    }

    private HttpResponse<String> post(URI uri, List<Map.Entry<String, String>> fields) {
        String body = fields.stream()
                            .map(f -> encode(f.getKey()) + "=" + encode(f.getValue()))
                            .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(uri)
                               .header("Content-Type", "application/x-www-form-urlencoded")
                               .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public static Document html(HttpResponse<String> response) {
        return Jsoup.parse(response.body());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
