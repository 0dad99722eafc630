package io.tokenledger.app.security;

import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console's Content Security Policy: scripts and styles from this server only, no inline code but the one
 * import map that names Preact's modules, allowed by its hash (CSP Level 3), so an injected script cannot run.
 */
final class ConsolePolicy {

    private static final String PAGE = "static/console/index.html";
    private static final Pattern IMPORT_MAP = Pattern.compile("<script type=\"importmap\">(.*?)</script>",
            Pattern.DOTALL);

    private ConsolePolicy() {
    }

    static String directives() {
        return "default-src 'none'; script-src 'self' " + importMapHash() + "; style-src 'self'; img-src 'self' data:; "
               + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    }

    private static String importMapHash() {
        try (InputStream in = new ClassPathResource(PAGE).getInputStream()) {
            Matcher map = IMPORT_MAP.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            if (!map.find()) {
                throw new IllegalStateException(PAGE + " has no import map");
            }
            byte[] digest = MessageDigest.getInstance("SHA-256")
                                         .digest(map.group(1).getBytes(StandardCharsets.UTF_8));
            return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + PAGE, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
