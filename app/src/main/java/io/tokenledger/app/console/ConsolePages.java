package io.tokenledger.app.console;

import io.tokenledger.app.registration.BootstrapConsoleClient;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The console is static files ({@code static/console}) and Preact from its WebJar: one page that signs its user
 * in as a public client of this server and calls the same APIs as any other client. This serves its entry page.
 */
@Configuration(proxyBeanMethods = false)
public class ConsolePages implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/console", BootstrapConsoleClient.PATH);
        registry.addViewController(BootstrapConsoleClient.PATH).setViewName("forward:/console/index.html");
    }
}
