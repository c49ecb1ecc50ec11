package org.carebank.service;

import java.util.Arrays;
import org.springframework.boot.SpringApplication;

/** The start of every Carebank service's {@code main}: the same switches and the same {@code mint-token} command. */
public final class CarebankLauncher {

    private CarebankLauncher() {}

    public static void launch(Class<?> application, String[] args) {
        // Axon 4.13 asks the internet for updates at start-up; this service runs where that is not wanted.
        System.setProperty("axoniq.update-checker.disabled", "true");
        if (args.length > 0 && args[0].equals("mint-token")) {
            int status = TokenMinter.command(Arrays.copyOfRange(args, 1, args.length), System.out, System.err);
            if (status != 0) {
                System.exit(status);
            }
            return;
        }
        SpringApplication.run(application, args);
    }
}
