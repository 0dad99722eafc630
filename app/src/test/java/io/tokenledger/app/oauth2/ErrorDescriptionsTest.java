package io.tokenledger.app.oauth2;

import com.nimbusds.oauth2.sdk.ErrorObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18, item 15: Nimbus refuses to build an error whose description holds a character RFC 6749 §5.2 does not
 * allow (non-ASCII such as a section sign, a quote, a backslash), and a 400 became a 500. Every description written in
 * the server's source is checked against Nimbus's own rule; what a description quotes from a request goes through
 * checks that keep it to plain tokens.
 */
class ErrorDescriptionsTest {

    private static final Pattern CALL = Pattern.compile(
            "(setDescription|appendDescription|invalidRequest|invalidClient|invalidGrant|invalid|new ErrorObject)\\(");
    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    @Test
    void everyErrorDescriptionInTheSourceIsOneNimbusAccepts_RFC6749Section5_2() throws IOException {
        List<String> descriptions = new ArrayList<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                descriptions.addAll(descriptions(Files.readString(source)));
            }
        }

        assertThat(descriptions).as("descriptions found").hasSizeGreaterThan(30);
        assertThat(descriptions).allSatisfy(description -> assertThat(ErrorObject.isLegal(description))
                .as(description).isTrue());
    }

    /** The string literals in the arguments of each call that makes an error description. */
    private static List<String> descriptions(String source) {
        List<String> found = new ArrayList<>();
        Matcher call = CALL.matcher(source);
        while (call.find()) {
            Matcher literal = LITERAL.matcher(arguments(source, call.end()));
            while (literal.find()) {
                found.add(literal.group(1).translateEscapes());
            }
        }
        return found;
    }

    /** The text from {@code start} to the parenthesis that closes the call, string contents included. */
    private static String arguments(String source, int start) {
        int depth = 1;
        boolean quoted = false;
        int i = start;
        for (; i < source.length() && depth > 0; i++) {
            char c = source.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            }
        }
        return source.substring(start, i);
    }
}
