package io.tokenledger.app.cli;

import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version the build recorded ({@code META-INF/build-info.properties}), as {@code /actuator/info} gives it. */
final class BuildVersion implements IVersionProvider {

    @Override
    public String[] getVersion() throws IOException {
        Properties build = new Properties();
        try (InputStream in = BuildVersion.class.getResourceAsStream("/META-INF/build-info.properties")) {
            if (in != null) {
                build.load(in);
            }
        }
        return new String[] {"Token Ledger " + build.getProperty("build.version", "(version unknown: not built "
                + "by Maven)")};
    }
}
