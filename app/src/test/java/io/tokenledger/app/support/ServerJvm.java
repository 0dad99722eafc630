package io.tokenledger.app.support;

import io.tokenledger.app.TokenLedgerApplication;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The server's main class in a JVM of its own, with the tests' classpath and settings: what a test runs to kill.
 * Short-lived, like the tests' own JVMs: the quick compiler only (the root pom says why).
 */
public final class ServerJvm {

    private ServerJvm() {
    }

    public static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                TokenLedgerApplication.class.getName()));
        command.addAll(List.of(args));
        return command;
    }
}
