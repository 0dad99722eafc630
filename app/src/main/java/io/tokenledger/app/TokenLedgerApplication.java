package io.tokenledger.app;

import io.tokenledger.app.cli.LedgerCommandLine;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import java.io.PrintStream;

/** Token Ledger: an OAuth2 authorization server whose every state change is an event in PostgreSQL. */
@SpringBootApplication(scanBasePackages = "io.tokenledger")
@ConfigurationPropertiesScan
public class TokenLedgerApplication {

    public static void main(String[] args) {
        // Axon prints an advertisement for its hosted console at every start unless told not to.
        System.setProperty("disable-axoniq-console-message", "true");
        if (LedgerCommandLine.handles(args)) {
            // Everything but the command's result goes to standard error, logs and any library's print included,
            // so that `verify | jq` reads only JSON.
            PrintStream results = System.out;
            System.setOut(System.err);
            System.exit(LedgerCommandLine.execute(args, results, System.err));
        }
        SpringApplication.run(TokenLedgerApplication.class, args);
    }
}
