package io.tokenledger.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Token Ledger: an OAuth2 authorization server whose every state change is an event in PostgreSQL. */
@SpringBootApplication(scanBasePackages = "io.tokenledger")
@ConfigurationPropertiesScan
public class TokenLedgerApplication {

    public static void main(String[] args) {
        // Axon prints an advertisement for its hosted console at every start unless told not to.
        System.setProperty("disable-axoniq-console-message", "true");
        if (OperatorCommand.handles(args)) {
            System.exit(OperatorCommand.run(args, System.out));
        }
        SpringApplication.run(TokenLedgerApplication.class, args);
    }
}
